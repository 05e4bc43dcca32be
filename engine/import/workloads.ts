/**
 * Kubernetes Services and Deployments → the scenario's services and versions.
 *
 * A Service (whose selector has no `version` label) is a service: name, namespace, port
 * (the first), protocol from the port's `appProtocol` or name prefix (`grpc-web` → grpc). A
 * Service that selects one version (`<svc>-<version>`) is skipped: it is how exports reach a
 * version, not a service. Deployments are grouped by their `app` label into versions (the
 * `version` label) with their replica counts.
 */
import type { Service, Version } from '../model/types'
import { isRecord, namespaceOf, nameOf, rec, records, report } from './importContext'
import type { ImportContext, InputDoc } from './importContext'

type Protocol = NonNullable<Service['protocol']>

function protocolOf(port: Record<string, unknown>): Protocol | undefined {
  const hint = String(port.appProtocol ?? port.name ?? '').toLowerCase()
  if (hint.startsWith('grpc')) return 'grpc'
  if (hint === 'kubernetes.io/h2c' || hint.startsWith('http2') || hint.startsWith('h2c')) return 'http2'
  if (hint.startsWith('http')) return undefined
  if (hint.startsWith('tcp') || hint.startsWith('mongo') || hint.startsWith('redis') || hint.startsWith('mysql')) return 'tcp'
  return undefined
}

interface Workload { doc: InputDoc; app: string; version: string; replicas: number; port?: number }

function workloadOf(ctx: ImportContext, doc: InputDoc): Workload {
  const spec = rec(doc.resource, 'spec')
  const labels = { ...rec(rec(spec, 'selector'), 'matchLabels'), ...rec(rec(rec(spec, 'template'), 'metadata'), 'labels') }
  let app = typeof labels.app === 'string' ? labels.app : undefined
  if (!app) {
    app = nameOf(doc)
    report(ctx, doc, 'IMPORT_ISTIO_008', `no 'app' label: grouped under service '${app}'`, 'spec.template.metadata.labels')
  }
  let version = typeof labels.version === 'string' ? labels.version : undefined
  if (!version) {
    version = 'v1'
    report(ctx, doc, 'IMPORT_ISTIO_008', "no 'version' label: imported as version 'v1'", 'spec.template.metadata.labels')
  }
  const containers = records(rec(rec(spec, 'template'), 'spec').containers)
  const port = records(containers[0]?.ports)[0]?.containerPort
  const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1
  return { doc, app, version, replicas, port: typeof port === 'number' ? port : undefined }
}

/** Whether a Service selects a single version (a per-version Service of an export). */
function isVersionService(doc: InputDoc): boolean {
  return typeof rec(rec(doc.resource, 'spec'), 'selector').version === 'string'
}

/**
 * Builds services from Services and Deployments. Returns them keyed by `name.namespace`,
 * in input order.
 */
export function importWorkloads(ctx: ImportContext, services: readonly InputDoc[], deployments: readonly InputDoc[]): Map<string, Service> {
  const out = new Map<string, Service>()
  const workloads = deployments.map((d) => workloadOf(ctx, d))
  for (const doc of services.filter((d) => !isVersionService(d))) {
    const ports = records(rec(doc.resource, 'spec').ports)
    if (ports.length > 1) report(ctx, doc, 'IMPORT_ISTIO_011', 'several ports: the first is the service port', 'spec.ports')
    const ns = namespaceOf(doc)
    const name = String(rec(rec(doc.resource, 'spec'), 'selector').app ?? nameOf(doc))
    const mine = workloads.filter((w) => w.app === name && namespaceOf(w.doc) === ns)
    const port = typeof ports[0]?.port === 'number' ? ports[0].port : undefined
    const versions: Version[] = mine.map((w) => ({ name: w.version, replicas: w.replicas }))
    if (versions.length === 0) {
      report(ctx, doc, 'IMPORT_ISTIO_009', "no Deployment has this service's 'app' label: imported with one version 'v1' of one replica")
      versions.push({ name: 'v1', replicas: 1 })
    }
    for (const w of mine) {
      if (w.port !== undefined && port !== undefined && w.port !== port && ports[0]?.targetPort !== w.port) {
        report(ctx, w.doc, 'IMPORT_ISTIO_011', `container port ${w.port} differs from the Service port ${port}; the service port is used`, 'spec.template.spec.containers[0].ports')
      }
    }
    out.set(`${nameOf(doc)}.${ns}`, {
      name: nameOf(doc), namespace: ns === 'default' ? undefined : ns, port, protocol: ports[0] ? protocolOf(ports[0]) : undefined, versions,
    } as Service)
  }
  const covered = new Set(services.filter((d) => !isVersionService(d)).map((d) => `${String(rec(rec(d.resource, 'spec'), 'selector').app ?? nameOf(d))}.${namespaceOf(d)}`))
  for (const w of workloads) {
    const ns = namespaceOf(w.doc)
    const key = `${w.app}.${ns}`
    if (covered.has(key)) continue
    const created = out.get(key)
    if (created) {
      created.versions.push({ name: w.version, replicas: w.replicas })
      continue
    }
    report(ctx, w.doc, 'IMPORT_ISTIO_015', `no Service selects app '${w.app}': a service was created for it`)
    out.set(key, { name: w.app, namespace: ns === 'default' ? undefined : ns, port: w.port, versions: [{ name: w.version, replicas: w.replicas }] } as Service)
  }
  return out
}

/** True when `v` looks like a Kubernetes resource (apiVersion, kind, metadata). */
export function isResource(v: unknown): v is Record<string, unknown> {
  return isRecord(v) && typeof v.kind === 'string' && typeof v.apiVersion === 'string'
}
