/**
 * Istio + Kubernetes YAML → a scenario: the inverse of the Istio exporter (with the
 * Kubernetes export's Services and Deployments), for designs that already run on a cluster.
 *
 * Read: Service and Deployment (services, versions, replicas, ports), VirtualService
 * (routes; gateway-bound ones become ingress traffic sources), DestinationRule
 * (destinations), PeerAuthentication and AuthorizationPolicy (security). Everything else,
 * and every field the scenario format does not model, is a diagnostic (`IMPORT_ISTIO_NNN`,
 * see `importContext.ts`) naming the file and the field. The scenario gets placeholders for
 * what YAML does not say (`duration` 60 s, ingress load 10 rps) and is checked like a parsed
 * file, so reference problems are reported too.
 *
 * @example importIstio([{ path: 'reviews.yaml', content }]).scenario?.routes
 */
import type { Diagnostic } from '../model/diagnostics'
import { parseScenario } from '../model/parse'
import { serializeScenario } from '../model/serialize'
import type { Destination, Route, Scenario, Service, TrafficSource } from '../model/types'
import { parseYamlDocuments } from '../export/yaml'
import { importDestinationRule } from './destinationRule'
import { hostKey, namespaceOf, rec, records, report } from './importContext'
import type { ImportContext, InputDoc } from './importContext'
import { importSecurity } from './security'
import { importVirtualService } from './virtualService'
import { importWorkloads, isResource } from './workloads'

/** An input file. */
export interface ImportFile {
  readonly path: string
  readonly content: string
}

/** How to name the imported scenario. */
export interface ImportOptions {
  /** The scenario's name (default `imported`). */
  readonly name?: string
}

/** The scenario (absent when nothing could be built) and every diagnostic. */
export interface ImportResult {
  readonly scenario?: Scenario
  readonly diagnostics: readonly Diagnostic[]
}

/** Simulated time of an imported scenario: YAML does not say how long to run. */
export const IMPORT_DURATION_MS = 60_000
/** Placeholder load of a traffic source made from a gateway-bound VirtualService. */
export const IMPORT_INGRESS_RPS = 10

const IGNORED_KINDS = new Set(['Namespace', 'ServiceAccount'])

function parseFiles(ctx: ImportContext, files: readonly ImportFile[]): InputDoc[] {
  const docs: InputDoc[] = []
  for (const f of files) {
    const parsed = parseYamlDocuments(f.content)
    for (const p of parsed.problems) ctx.notes.push({ code: 'IMPORT_ISTIO_001', severity: 'error', message: `YAML: ${p.message}`, path: '', file: f.path })
    parsed.documents.forEach((resource, index) => {
      if (isResource(resource)) docs.push({ file: f.path, index, resource })
      else ctx.notes.push({ code: 'IMPORT_ISTIO_001', severity: 'error', message: `document ${index} is not a Kubernetes resource (apiVersion and kind)`, path: '', file: f.path })
    })
  }
  return docs
}

function group(doc: InputDoc): string {
  return String(doc.resource.apiVersion).split('/')[0]!
}

function of(docs: readonly InputDoc[], groupName: string, kind: string): InputDoc[] {
  return docs.filter((d) => d.resource.kind === kind && (groupName === '' ? !String(d.resource.apiVersion).includes('/') : group(d) === groupName))
}

function ingressSources(ctx: ImportContext, doc: InputDoc, services: ReadonlyMap<string, Service>, sources: TrafficSource[]): void {
  const targets = new Set<string>()
  records(rec(doc.resource, 'spec').http).forEach((h) => {
    for (const r of records(h.route)) {
      const host = rec(r, 'destination').host
      const svc = typeof host === 'string' ? services.get(hostKey(host, namespaceOf(doc))) : undefined
      if (svc) targets.add(svc.name)
    }
  })
  for (const to of targets) {
    if (sources.some((s) => s.to === to)) continue
    sources.push({ name: `ingress-${to}`.slice(0, 63), to, load: { kind: 'poisson', rate: IMPORT_INGRESS_RPS } } as TrafficSource)
    report(ctx, doc, 'IMPORT_ISTIO_010', `gateway traffic to '${to}' imported as a traffic source with a placeholder load of ${IMPORT_INGRESS_RPS} rps`, 'spec.gateways')
  }
}

function meshHost(ctx: ImportContext, doc: InputDoc, services: ReadonlyMap<string, Service>, field: 'hosts' | 'host'): string | undefined {
  const spec = rec(doc.resource, 'spec')
  const hosts = field === 'hosts' ? (Array.isArray(spec.hosts) ? spec.hosts.map(String) : []) : [String(spec.host)]
  const keys = hosts.map((h) => hostKey(h, namespaceOf(doc))).filter((k) => services.has(k))
  if (keys.length === 0) {
    report(ctx, doc, 'IMPORT_ISTIO_004', `${hosts.join(', ') || 'no host'} is no imported Service; skipped`, `spec.${field}`)
    return undefined
  }
  if (hosts.length > 1) report(ctx, doc, 'IMPORT_ISTIO_011', `several hosts: imported for '${services.get(keys[0]!)!.name}' only`, 'spec.hosts')
  return keys[0]
}

/**
 * Imports Istio and Kubernetes YAML files into a scenario.
 * @see importContext.ts for the diagnostic codes
 */
export function importIstio(files: readonly ImportFile[], options: ImportOptions = {}): ImportResult {
  const ctx: ImportContext = { notes: [] }
  const docs = parseFiles(ctx, files)
  const known = new Set(['Service', 'Deployment', 'VirtualService', 'DestinationRule', 'Gateway', 'PeerAuthentication', 'AuthorizationPolicy'])
  for (const d of docs) if (!known.has(String(d.resource.kind)) && !IGNORED_KINDS.has(String(d.resource.kind))) report(ctx, d, 'IMPORT_ISTIO_002', `${String(d.resource.apiVersion)} ${String(d.resource.kind)} is not imported`)
  const services = importWorkloads(ctx, of(docs, '', 'Service'), of(docs, 'apps', 'Deployment'))
  if (services.size === 0) {
    ctx.notes.push({ code: 'IMPORT_ISTIO_014', severity: 'error', message: 'no Service or Deployment: a scenario needs at least one service', path: '' })
    return { diagnostics: ctx.notes }
  }
  const routes = new Map<string, Route>()
  const sources: TrafficSource[] = []
  for (const doc of of(docs, 'networking.istio.io', 'VirtualService')) {
    const gateways = rec(doc.resource, 'spec').gateways
    const list = Array.isArray(gateways) ? gateways.map(String) : []
    if (list.some((g) => g !== 'mesh')) ingressSources(ctx, doc, services, sources)
    if (list.length > 0 && !list.includes('mesh')) continue
    const key = meshHost(ctx, doc, services, 'hosts')
    if (key === undefined) continue
    if (routes.has(key)) {
      report(ctx, doc, 'IMPORT_ISTIO_011', `a second VirtualService for '${services.get(key)!.name}'; skipped`)
      continue
    }
    routes.set(key, importVirtualService(ctx, doc, services.get(key)!, key))
  }
  const destinations = new Map<string, Destination>()
  for (const doc of of(docs, 'networking.istio.io', 'DestinationRule')) {
    const key = meshHost(ctx, doc, services, 'host')
    if (key === undefined || destinations.has(key)) continue
    const svc = services.get(key)!
    orderVersions(svc, records(rec(doc.resource, 'spec').subsets).map((s) => String(s.name)))
    const d = importDestinationRule(ctx, doc, svc)
    if (d) destinations.set(key, d)
  }
  const names = new Set([...services.values()].map((s) => s.name))
  const security = importSecurity(ctx, of(docs, 'security.istio.io', 'PeerAuthentication'), of(docs, 'security.istio.io', 'AuthorizationPolicy'), names)
  const scenario = {
    formatVersion: 1, name: options.name ?? 'imported', mesh: 'istio', duration: IMPORT_DURATION_MS,
    services: [...services.values()],
    traffic: sources.length ? sources : undefined,
    routes: routes.size ? [...routes.values()].filter((r) => r.rules.length > 0) : undefined,
    destinations: destinations.size ? [...destinations.values()] : undefined,
    security,
  } as Scenario
  return check(ctx, scenario)
}

/** Puts versions in the order of the DestinationRule's subsets (the exporter writes them in scenario order). */
function orderVersions(svc: Service, subsets: readonly string[]): void {
  const rank = (name: string) => {
    const i = subsets.indexOf(name)
    return i < 0 ? subsets.length : i
  }
  svc.versions.sort((a, b) => rank(a.name) - rank(b.name))
}

/** Checks the built scenario exactly as a file is checked (schema and references). */
function check(ctx: ImportContext, built: Scenario): ImportResult {
  let text: string
  try {
    text = serializeScenario(built)
  } catch (err) {
    ctx.notes.push({ code: 'IMPORT_ISTIO_016', severity: 'error', message: `the imported values do not form a scenario: ${(err as Error).message}`, path: '' })
    return { diagnostics: ctx.notes }
  }
  const parsed = parseScenario(text)
  return { scenario: parsed.scenario, diagnostics: [...ctx.notes, ...parsed.diagnostics.map(({ line: _l, column: _c, ...d }) => d)] }
}
