/**
 * Security → security.istio.io/v1: the mesh-wide mTLS mode as a PeerAuthentication named
 * `default` in Istio's root namespace (`istio-system`), per-service overrides as
 * PeerAuthentications selecting the service's pods (`app` label), and each authorization
 * rule as an AuthorizationPolicy whose sources are the callers' SPIFFE principals
 * `cluster.local/ns/<ns>/sa/<service>` (the Kubernetes export runs each service under a
 * ServiceAccount named after it).
 *
 * @see https://istio.io/latest/docs/reference/config/security/
 */
import { ISTIO_CODES } from './istioCodes'
import { dnsSlug, note, nsOf } from './istioContext'
import type { IstioContext } from './istioContext'

type Obj = Record<string, unknown>

/** security.istio.io/v1. */
export const SECURITY_API = 'security.istio.io/v1'
/** Istio's root namespace: a PeerAuthentication there applies mesh-wide. */
export const ISTIO_ROOT_NAMESPACE = 'istio-system'
/** The principal of Istio's default ingress gateway (Helm chart defaults). */
export const INGRESS_PRINCIPAL = 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'

function peerAuthentications(ctx: IstioContext): Obj[] {
  const mtls = ctx.scenario.security?.mtls
  if (!mtls) return []
  const out: Obj[] = [{
    apiVersion: SECURITY_API, kind: 'PeerAuthentication',
    metadata: { name: 'default', namespace: ISTIO_ROOT_NAMESPACE },
    spec: { mtls: { mode: mtls.mode } },
  }]
  for (const [service, mode] of Object.entries(mtls.services ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push({
      apiVersion: SECURITY_API, kind: 'PeerAuthentication',
      metadata: { name: service, namespace: nsOf(ctx, service) },
      spec: { selector: { matchLabels: { app: service } }, mtls: { mode } },
    })
  }
  return out
}

function principals(ctx: IstioContext, from: readonly string[], path: string): string[] | undefined {
  if (from.includes('*')) return undefined
  return from.map((caller) => {
    if (caller !== 'ingress') return `cluster.local/ns/${nsOf(ctx, caller)}/sa/${caller}`
    note(ctx, ISTIO_CODES.ingressPrincipal, `'ingress' is exported as the principal of Istio's default ingress gateway (${INGRESS_PRINCIPAL}); change it if yours runs under another service account`, path)
    return INGRESS_PRINCIPAL
  })
}

function authorizationPolicies(ctx: IstioContext): Obj[] {
  const used = new Set<string>()
  return (ctx.scenario.security?.authorization ?? []).map((rule, i) => {
    const path = `security.authorization[${i}]`
    const namespace = nsOf(ctx, rule.service)
    const base = rule.name !== undefined ? dnsSlug(rule.name, rule.service, 60) : `${rule.service}-${rule.action.toLowerCase()}`
    let name = base
    for (let n = 2; used.has(`${namespace}/${name}`); n++) name = `${base}-${n}`
    used.add(`${namespace}/${name}`)
    const p = principals(ctx, rule.from, `${path}.from`)
    const operation = rule.paths || rule.methods ? { paths: rule.paths, methods: rule.methods } : undefined
    return {
      apiVersion: SECURITY_API, kind: 'AuthorizationPolicy',
      metadata: { name, namespace },
      spec: {
        selector: { matchLabels: { app: rule.service } },
        action: rule.action,
        rules: [{ from: p ? [{ source: { principals: p } }] : undefined, to: operation ? [{ operation }] : undefined }],
      },
    }
  })
}

/** PeerAuthentications and AuthorizationPolicies for the scenario's `security`. */
export function securityResources(ctx: IstioContext): Obj[] {
  return [...peerAuthentications(ctx), ...authorizationPolicies(ctx)]
}
