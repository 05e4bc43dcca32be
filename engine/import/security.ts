/**
 * PeerAuthentication and AuthorizationPolicy → the scenario's `security`: the mesh-wide mTLS
 * mode (a PeerAuthentication without selector in `istio-system`), per-service modes (one
 * selecting an `app` label), and authorization rules whose sources are SPIFFE principals of
 * service accounts (`cluster.local/ns/<ns>/sa/<name>` → the service `<name>`).
 */
import type { Scenario } from '../model/types'
import { isRecord, nameOf, namespaceOf, rec, records, report, unmapped } from './importContext'
import type { ImportContext, InputDoc } from './importContext'

type Security = NonNullable<Scenario['security']>
type Rule = NonNullable<Security['authorization']>[number]
type Mode = NonNullable<Security['mtls']>['mode']

const MODES = new Set(['STRICT', 'PERMISSIVE', 'DISABLE'])
const INGRESS_SA = /\/sa\/istio-ingressgateway(-service-account)?$/

function mtls(ctx: ImportContext, docs: readonly InputDoc[], services: ReadonlySet<string>): Security['mtls'] {
  let mode: Mode | undefined
  const perService: Record<string, Mode> = {}
  for (const doc of docs) {
    const spec = rec(doc.resource, 'spec')
    unmapped(ctx, doc, spec, ['selector', 'mtls'], 'spec')
    const m = rec(spec, 'mtls').mode
    if (typeof m !== 'string' || !MODES.has(m)) continue
    const app = rec(rec(spec, 'selector'), 'matchLabels').app
    if (typeof app === 'string' && services.has(app)) perService[app] = m as Mode
    else if (!isRecord(spec.selector) && namespaceOf(doc) === 'istio-system') mode = m as Mode
    else report(ctx, doc, 'IMPORT_ISTIO_003', 'only mesh-wide and per-service (app label) modes are modelled; ignored', 'spec')
  }
  if (mode === undefined && Object.keys(perService).length === 0) return undefined
  return { mode: mode ?? 'PERMISSIVE', services: Object.keys(perService).length ? perService : undefined }
}

function caller(principal: string): string | undefined {
  if (INGRESS_SA.test(principal)) return 'ingress'
  return /^[^/]+\/ns\/[^/]+\/sa\/([a-z0-9-]+)$/.exec(principal)?.[1]
}

function authorization(ctx: ImportContext, doc: InputDoc, services: ReadonlySet<string>): Rule | undefined {
  const spec = rec(doc.resource, 'spec')
  unmapped(ctx, doc, spec, ['selector', 'action', 'rules'], 'spec')
  const service = rec(rec(spec, 'selector'), 'matchLabels').app
  const action = spec.action ?? 'ALLOW'
  if (typeof service !== 'string' || !services.has(service) || (action !== 'ALLOW' && action !== 'DENY')) {
    report(ctx, doc, 'IMPORT_ISTIO_003', 'only ALLOW/DENY policies selecting a service by its app label are modelled; ignored', 'spec')
    return undefined
  }
  const rules = records(spec.rules)
  if (rules.length > 1) report(ctx, doc, 'IMPORT_ISTIO_011', 'several rules: the first is imported', 'spec.rules')
  const r = rules[0] ?? {}
  unmapped(ctx, doc, r, ['from', 'to'], 'spec.rules[0]')
  const principals = records(r.from).flatMap((f) => (Array.isArray(rec(f, 'source').principals) ? (rec(f, 'source').principals as unknown[]) : []))
  const from = principals.length ? principals.map((p) => caller(String(p))).filter((c): c is string => c !== undefined) : ['*']
  if (from.length < principals.length) report(ctx, doc, 'IMPORT_ISTIO_016', 'principals that are not service accounts were ignored', 'spec.rules[0].from')
  if (from.length === 0) return undefined
  const op = rec(records(r.to)[0], 'operation')
  const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined)
  return { name: nameOf(doc), service, action, from, paths: strings(op.paths), methods: strings(op.methods) }
}

/** The scenario's `security` from PeerAuthentications and AuthorizationPolicies, if any. */
export function importSecurity(ctx: ImportContext, peer: readonly InputDoc[], authz: readonly InputDoc[], services: ReadonlySet<string>): Security | undefined {
  const m = mtls(ctx, peer, services)
  const rules = authz.map((d) => authorization(ctx, d, services)).filter((r): r is Rule => r !== undefined)
  if (!m && rules.length === 0) return undefined
  return { mtls: m, authorization: rules.length ? rules.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Rule) : undefined }
}
