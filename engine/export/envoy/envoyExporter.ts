/**
 * Envoy v3 exporter: a static bootstrap per service sidecar plus an ingress gateway, as
 * YAML (default) or JSON, with the mesh profile's effective defaults written out so the
 * files behave as the simulation did (bootstrapConfig.ts describes the layout).
 *
 * Diagnostics (all warnings; the export still happens):
 *
 * | code | meaning |
 * |---|---|
 * | EXPORT_ENVOY_001 | p2c_ewma: LEAST_REQUEST choice_count 2 under Linkerd, else the profile's balancer |
 * | EXPORT_ENVOY_002 | slow start asked of a balancer Envoy has no slow start for; dropped |
 * | EXPORT_ENVOY_003 | Linkerd failure accrual exported as consecutive-5xx outlier detection |
 * | EXPORT_ENVOY_004 | Linkerd's TPS retry budget has no Envoy equivalent; not exported |
 * | EXPORT_ENVOY_005 | mesh mTLS not written: a static bootstrap has no certificates |
 * | EXPORT_ENVOY_006 | authorization rules not written as RBAC filters |
 * | EXPORT_ENVOY_007 | a random fault delay exported as its median (fixed_delay) |
 * | EXPORT_ENVOY_008 | a fractional percent rounded to Envoy's whole percent |
 * | EXPORT_ENVOY_009 | HTTP route features on a TCP service; only the split is exported |
 * | EXPORT_ENVOY_010 | a destination TLS mode not written: needs certificates |
 * | EXPORT_ENVOY_011 | a policy the mesh profile does not have (ignored by the simulation too) |
 * | EXPORT_ENVOY_012 | a rollout: the bootstrap carries the route's starting weights only |
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/bootstrap/v3/bootstrap.proto
 */
import { getMeshProfile } from '../../model/profiles'
import type { Scenario } from '../../model/types'
import type { ExportOptions, ExportResult, ExporterDef, OutFile } from '../types'
import { canonicalize, toYaml } from '../yaml'
import { ingressServices } from '../facts/scenarioFacts'
import { validateEnvoyFiles } from '../validate/envoy/validateEnvoy'
import { gatewayBootstrap, sidecarBootstrap } from './bootstrapConfig'
import type { EnvoyContext } from './envoyContext'
import { noteEnvoy } from './envoyContext'
import type { Json } from './envoyValues'

function render(path: string, value: Json, format: 'yaml' | 'json'): OutFile {
  if (format === 'json') return { path: `${path}.json`, content: `${JSON.stringify(canonicalize(value), null, 2)}\n`, language: 'json' }
  return { path: `${path}.yaml`, content: toYaml(value), language: 'yaml' }
}

function noteUnexpressed(ctx: EnvoyContext): void {
  const s = ctx.scenario
  const mtls = s.security?.mtls
  if (mtls && (mtls.mode !== 'DISABLE' || Object.values(mtls.services ?? {}).some((m) => m !== 'DISABLE'))) {
    noteEnvoy(ctx, 5, `mTLS ${mtls.mode} is not written: a static bootstrap has no certificates; add a transport_socket with TLS contexts (or let Istio's SDS provide them)`, 'security.mtls')
  }
  if (s.security?.authorization?.length) {
    noteEnvoy(ctx, 6, 'authorization rules are not written as RBAC filters: they need peer identities (mTLS) the bootstrap does not have; use the Istio export', 'security.authorization')
  }
  ;(s.rollouts ?? []).forEach((r, i) => {
    noteEnvoy(ctx, 12, `the ${r.kind} rollout of ${r.service} (${r.from} → ${r.to}) is progressive delivery, not config: the bootstrap carries the route's starting weights; drive the steps with a rollout controller (e.g. Flagger, Argo Rollouts)`, `rollouts[${i}]`)
  })
  ;(s.destinations ?? []).forEach((d, i) => {
    if (d.retryBudget && ctx.profile.mesh === 'linkerd') noteEnvoy(ctx, 4, "Linkerd's retry budget (a ratio of requests over a TTL) has no Envoy equivalent; not exported (Envoy's circuit-breaker retry_budget caps concurrent retries instead: set connectionPool.retryBudget)", `destinations[${i}].retryBudget`)
    const tls = [{ mode: d.tls?.mode, at: `destinations[${i}].tls` }, ...(d.versions ?? []).map((v, vi) => ({ mode: v.tls?.mode, at: `destinations[${i}].versions[${vi}].tls` }))]
    for (const t of tls) if (t.mode && t.mode !== 'DISABLE') noteEnvoy(ctx, 10, `TLS mode ${t.mode} is not written: Envoy needs certificates for an upstream TLS context`, t.at)
  })
}

/**
 * Exports `scenario` as Envoy bootstraps: `<service>-sidecar.yaml` per service and
 * `ingress-gateway.yaml` when traffic enters from outside (`.json` with `format: 'json'`).
 * @example envoyExporter.export(scenario, { format: 'json' }).files.map((f) => f.path)
 */
export function exportEnvoy(scenario: Scenario, options: ExportOptions = {}): ExportResult {
  const ctx: EnvoyContext = { scenario, options, profile: getMeshProfile(scenario.mesh), notes: new Map() }
  const format = options.format ?? 'yaml'
  const files: OutFile[] = []
  for (const svc of [...scenario.services].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    files.push(render(`${svc.name}-sidecar`, sidecarBootstrap(ctx, svc), format))
  }
  const entries = ingressServices(scenario)
  if (entries.length) files.push(render('ingress-gateway', gatewayBootstrap(ctx, entries), format))
  noteUnexpressed(ctx)
  const diagnostics = [...ctx.notes.values()].sort((a, b) => (a.code + a.path < b.code + b.path ? -1 : 1))
  return { files: files.sort((a, b) => (a.path < b.path ? -1 : 1)), diagnostics }
}

/** The Envoy exporter, registered in engine/export/index.ts. */
export const envoyExporter: ExporterDef<'envoy'> = {
  id: 'envoy',
  label: 'Envoy v3',
  description: 'static Envoy v3 bootstraps per sidecar and an ingress gateway (YAML or JSON)',
  export: exportEnvoy,
  validate: (files) => validateEnvoyFiles(files),
}
