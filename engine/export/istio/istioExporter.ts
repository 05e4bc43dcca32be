/**
 * The Istio exporter: a scenario → networking.istio.io/v1 and security.istio.io/v1 resources,
 * one YAML file each, checked by the bundled Kubernetes validator (CRD schemas, CEL rules,
 * Istio's webhook rules, subsets that exist).
 *
 * Resources: a VirtualService per routed service, a DestinationRule per routed service or
 * destination policy (subsets = versions by the `version` label), a Gateway and an ingress
 * VirtualService for traffic from outside the mesh, PeerAuthentications for mTLS and
 * AuthorizationPolicies for authorization rules. Hosts are fully qualified
 * (`<svc>.<ns>.svc.cluster.local`). What Istio cannot express is a diagnostic (codes in
 * `istioCodes.ts`), never a silent drop.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/
 */
import { dedupeDiagnostics } from '../../model/diagnostics'
import { rolloutStartingPointMessage } from '../facts/scenarioFacts'
import type { Scenario } from '../../model/types'
import type { ExportOptions, ExportResult, ExporterDef } from '../types'
import { bundledK8sValidator } from '../validate/k8s/bundled'
import { resourceFiles } from '../yaml'
import { note } from './istioContext'
import type { IstioContext } from './istioContext'
import { ISTIO_CODES } from './istioCodes'
import { ingressResources } from './ingress'
import { destinationRuleFor, virtualServiceFor } from './networking'
import { securityResources } from './security'

/**
 * Exports a scenario as Istio resources.
 * @example exportIstio(scenario).files.map((f) => f.path) // ['destinationrule-default-reviews.yaml', ...]
 */
export function exportIstio(scenario: Scenario, options: ExportOptions = {}): ExportResult {
  const ctx: IstioContext = { scenario, options, notes: [] }
  const resources: object[] = []
  for (const svc of scenario.services) {
    const vs = virtualServiceFor(ctx, svc)
    if (vs) resources.push(vs)
    const dr = destinationRuleFor(ctx, svc)
    if (dr) resources.push(dr)
  }
  resources.push(...ingressResources(ctx), ...securityResources(ctx))
  ;(scenario.rollouts ?? []).forEach((r, i) => {
    note(ctx, ISTIO_CODES.rollout, rolloutStartingPointMessage(r), `rollouts[${i}]`)
  })
  return { files: resourceFiles(resources), diagnostics: dedupeDiagnostics(ctx.notes) }
}

/** Istio: VirtualService, DestinationRule, Gateway, PeerAuthentication, AuthorizationPolicy. */
export const istioExporter: ExporterDef<'istio'> = {
  id: 'istio',
  label: 'Istio',
  description: 'Istio resources: VirtualService, DestinationRule, Gateway, PeerAuthentication, AuthorizationPolicy',
  export: exportIstio,
  validate: (files) => bundledK8sValidator().validateFiles(files),
}
