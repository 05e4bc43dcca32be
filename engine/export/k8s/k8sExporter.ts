/**
 * Kubernetes exporter: everything needed to stand a scenario up on a real cluster and
 * compare it with the simulation — Namespaces (with the mesh's injection label or
 * annotation), ServiceAccounts, Services (per service and headless per version),
 * Deployments running fake-service tuned to each version, and a Fortio Job per traffic
 * source. One file per namespace's setup, one per service, one for the load generators.
 *
 * Diagnostics (warnings):
 *
 * | code | meaning |
 * |---|---|
 * | EXPORT_K8S_001 | a call made with probability < 100 %: fake-service calls every upstream |
 * | EXPORT_K8S_002 | mixed sequential and parallel call groups: exported sequential |
 * | EXPORT_K8S_003 | an optional call (required: false): fake-service fails on any upstream error |
 * | EXPORT_K8S_004 | a TCP service: fake-service serves and calls HTTP/gRPC only |
 * | EXPORT_K8S_005 | concurrency / queue limits are not reproduced by fake-service |
 * | EXPORT_K8S_006 | zones are not pinned (cluster zone names differ) |
 * | EXPORT_K8S_007 | the load shape is approximated by Fortio's fixed rate |
 * | EXPORT_K8S_008 | a request mix: Fortio loads its heaviest path only |
 * | EXPORT_K8S_009 | mesh `envoy`: no injection; add the Envoy export's sidecars yourself |
 *
 * @see https://kubernetes.io/docs/concepts/workloads/controllers/deployment/
 */
import type { Diagnostic } from '../../model/diagnostics'
import type { Scenario } from '../../model/types'
import type { ExportOptions, ExportResult, ExporterDef, OutFile } from '../types'
import { exportNote, namespaceOf, protocolOf } from '../facts/scenarioFacts'
import { toYamlDocuments } from '../yaml'
import { fortioRate, loadJobOf, sourceWindowMs } from './loadGenerator'
import { validateK8sFiles } from './validateK8s'
import type { Resource } from './workloads'
import { deploymentOf, serviceAccountOf, serviceOf, versionServiceOf } from './workloads'

function namespaceResource(scenario: Scenario, name: string): Resource {
  const metadata: Resource = { name, labels: { name } }
  if (scenario.mesh === 'istio') metadata.labels = { name, 'istio-injection': 'enabled' }
  if (scenario.mesh === 'linkerd') metadata.annotations = { 'linkerd.io/inject': 'enabled' }
  return { apiVersion: 'v1', kind: 'Namespace', metadata }
}

function note(notes: Map<string, Diagnostic>, code: number, message: string, path: string): void {
  const id = `EXPORT_K8S_${String(code).padStart(3, '0')}`
  if (!notes.has(`${id} ${path}`)) notes.set(`${id} ${path}`, exportNote(id, message, path))
}

/**
 * Exports `scenario` as Kubernetes manifests: `00-namespaces.yaml` (first, so `kubectl apply -f <dir>` creates the namespaces before what lives in them), `<service>.yaml` per
 * service and `loadgen.yaml` when there is traffic.
 */
export function exportK8s(scenario: Scenario, options: ExportOptions = {}): ExportResult {
  const notes = new Map<string, Diagnostic>()
  const files: OutFile[] = []
  const namespaces = new Set<string>()
  scenario.services.forEach((svc, si) => {
    namespaces.add(namespaceOf(svc, options))
    const resources: Resource[] = [serviceAccountOf(svc, options), serviceOf(svc, options)]
    if (protocolOf(svc) === 'tcp') note(notes, 4, `${svc.name} speaks TCP; fake-service serves HTTP on its port instead`, `services[${si}].protocol`)
    svc.versions.forEach((v, vi) => {
      const at = `services[${si}].versions[${vi}]`
      const { resource, gaps } = deploymentOf(scenario, svc, v, options)
      resources.push(versionServiceOf(svc, v, options), resource)
      const callsAt = v.calls ? `${at}.calls` : `services[${si}].calls`
      if (gaps.partialProbability) note(notes, 1, 'fake-service calls every upstream on every request; call probabilities below 100% are exported as 100%', callsAt)
      if (gaps.mixedParallel) note(notes, 2, 'fake-service runs upstream calls either all sequentially or all in parallel; mixed groups are exported sequential', callsAt)
      if (gaps.optionalCalls) note(notes, 3, 'fake-service fails a request when any upstream fails; optional calls become required', callsAt)
      for (const to of gaps.tcpCalls) note(notes, 4, `the call to TCP service ${to} is left out of UPSTREAM_URIS (fake-service calls HTTP/gRPC only)`, callsAt)
      if (v.concurrency !== undefined || v.queue !== undefined) note(notes, 5, 'fake-service has no worker pool or queue: concurrency and queue limits are not reproduced (set CPU limits or a RATE_LIMIT by hand)', at)
      if (v.zones) note(notes, 6, "zones are not pinned: real clusters name zones differently (add topologySpreadConstraints on 'topology.kubernetes.io/zone')", `${at}.zones`)
    })
    files.push({ path: `${svc.name}.yaml`, content: toYamlDocuments(resources), language: 'yaml' })
  })
  const jobs: Resource[] = []
  ;(scenario.traffic ?? []).forEach((t, ti) => {
    const job = loadJobOf(scenario, t, options)
    if (!job) return
    jobs.push(job)
    const rate = fortioRate(t.load, sourceWindowMs(scenario, t))
    if (!rate.exact) note(notes, 7, `Fortio sends at a fixed rate: the ${t.load.kind} load is exported as ${rate.qps} requests/s over ${rate.connections} connection(s)`, `traffic[${ti}].load`)
    if ((t.mix?.length ?? 0) > 1) note(notes, 8, 'Fortio requests one URL: the request mix is exported as its heaviest path', `traffic[${ti}].mix`)
  })
  if (jobs.length) files.push({ path: 'loadgen.yaml', content: toYamlDocuments(jobs), language: 'yaml' })
  files.push({ path: '00-namespaces.yaml', content: toYamlDocuments([...namespaces].sort().map((n) => namespaceResource(scenario, n))), language: 'yaml' })
  if (scenario.mesh === 'envoy') note(notes, 9, 'mesh envoy has no injector: add the Envoy export\'s sidecar bootstraps to the pods yourself', 'mesh')
  const diagnostics = [...notes.values()].sort((a, b) => (a.code + a.path < b.code + b.path ? -1 : 1))
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : 1)), diagnostics }
}

/** The Kubernetes exporter, registered in engine/export/index.ts. */
export const k8sExporter: ExporterDef<'k8s'> = {
  id: 'k8s',
  label: 'Kubernetes',
  description: 'Namespaces, Deployments running fake-service, Services and Fortio load Jobs',
  export: exportK8s,
  validate: validateK8sFiles,
}
