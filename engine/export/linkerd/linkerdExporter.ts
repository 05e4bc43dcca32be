/**
 * The Linkerd exporter: a scenario → Linkerd's resources, one YAML file each, checked by the
 * bundled Kubernetes validator (CRD schemas, CEL rules, Linkerd's admission rules).
 *
 * Per service: a Server (inbound policy); an HTTPRoute for its route, or — when its
 * destination has a retry budget — a ServiceProfile instead (a ServiceProfile would shadow
 * the HTTPRoute); the Service annotated for failure accrual when asked; AuthorizationPolicy
 * and MeshTLSAuthentication for authorization rules. Backends of weighted splits are the
 * per-version Services `<svc>-<version>` of the Kubernetes export. What Linkerd cannot
 * express is a diagnostic (codes in `linkerdCodes.ts`).
 *
 * @see https://linkerd.io/2/reference/
 */
import { dedupeDiagnostics } from '../../model/diagnostics'
import { rolloutStartingPointMessage } from '../facts/scenarioFacts'
import type { Scenario } from '../../model/types'
import { destinationOf, routeOf } from '../facts/scenarioFacts'
import type { ExportOptions, ExportResult, ExporterDef } from '../types'
import { bundledK8sValidator } from '../validate/k8s/bundled'
import { resourceFiles } from '../yaml'
import { destinationResources } from './destinationPolicy'
import { httpRouteFor } from './httpRoute'
import { LINKERD_CODES } from './linkerdCodes'
import { note } from './linkerdContext'
import type { LinkerdContext } from './linkerdContext'
import { policyResources } from './policy'
import { serviceProfileFor } from './serviceProfile'

/**
 * Exports a scenario as Linkerd resources.
 * @example exportLinkerd(scenario).files.map((f) => f.path) // ['httproute-default-reviews.yaml', ...]
 */
export function exportLinkerd(scenario: Scenario, options: ExportOptions = {}): ExportResult {
  const ctx: LinkerdContext = { scenario, options, notes: [] }
  const resources: object[] = []
  for (const svc of scenario.services) {
    const route = routeOf(scenario, svc.name)
    const dest = destinationOf(scenario, svc.name)
    const routePath = route ? `routes[${route.index}]` : undefined
    const destPath = dest ? `destinations[${dest.index}]` : ''
    if (dest?.destination.retryBudget) resources.push(serviceProfileFor(ctx, svc, dest.destination, destPath, route?.route, routePath))
    else if (route && svc.protocol === 'tcp') note(ctx, LINKERD_CODES.tcpRoute, 'Linkerd treats TCP services as opaque: an HTTPRoute does not apply, so the route is not exported', routePath!)
    else if (route) resources.push(httpRouteFor(ctx, svc, route.route, routePath!))
    if (dest) resources.push(...destinationResources(ctx, svc, dest.destination, destPath))
  }
  resources.push(...policyResources(ctx))
  ;(scenario.rollouts ?? []).forEach((r, i) => {
    note(ctx, LINKERD_CODES.rollout, rolloutStartingPointMessage(r), `rollouts[${i}]`)
  })
  return { files: resourceFiles(resources), diagnostics: dedupeDiagnostics(ctx.notes) }
}

/** Linkerd: HTTPRoute, ServiceProfile, Server, AuthorizationPolicy, MeshTLSAuthentication. */
export const linkerdExporter: ExporterDef<'linkerd'> = {
  id: 'linkerd',
  label: 'Linkerd',
  description: 'Linkerd resources: HTTPRoute, ServiceProfile, Server, AuthorizationPolicy, MeshTLSAuthentication',
  export: exportLinkerd,
  validate: (files) => bundledK8sValidator().validateFiles(files),
}
