/**
 * The mesh routing resources of an Istio export: one VirtualService per routed service and
 * one DestinationRule per service that is routed or has a destination policy. Subsets are
 * the service's versions, selected by the `version` label, so every subset a route or mirror
 * names exists.
 */
import type { Route, Service } from '../../model/types'
import { destinationOf, routeOf } from '../facts/scenarioFacts'
import { httpRoutes } from './httpRoutes'
import { ISTIO_CODES } from './istioCodes'
import { hostOf, note, nsOf } from './istioContext'
import type { IstioContext } from './istioContext'
import { linkerdOnlyFields, trafficPolicy } from './trafficPolicy'

type Obj = Record<string, unknown>

/** networking.istio.io/v1, the version every Istio networking resource here uses. */
export const NETWORKING_API = 'networking.istio.io/v1'

/** A TCP service's route: Istio matches TCP by port only, so the first rule's split is the route. */
function tcpRoutes(ctx: IstioContext, route: Route, path: string): Obj[] {
  route.rules.forEach((rule, j) => {
    const http = (['match', 'timeout', 'retries', 'fault', 'mirror'] as const).filter((k) => rule[k] !== undefined)
    if (j > 0) note(ctx, ISTIO_CODES.tcpRoute, 'Istio routes TCP traffic by weight only: only rules[0] is exported', `${path}.rules[${j}]`)
    else if (http.length) note(ctx, ISTIO_CODES.tcpRoute, `Istio cannot apply ${http.join(', ')} to TCP traffic; not exported`, `${path}.rules[0]`)
  })
  const host = hostOf(ctx, route.service)
  return [{ route: route.rules[0]!.split.map((s) => ({ destination: { host, subset: s.version }, weight: s.weight })) }]
}

/** The VirtualService of a routed service (mesh-bound: no `gateways`), or undefined. */
export function virtualServiceFor(ctx: IstioContext, svc: Service): Obj | undefined {
  const found = routeOf(ctx.scenario, svc.name)
  if (!found) return undefined
  return {
    apiVersion: NETWORKING_API,
    kind: 'VirtualService',
    metadata: { name: svc.name, namespace: nsOf(ctx, svc.name) },
    spec: svc.protocol === 'tcp'
      ? { hosts: [hostOf(ctx, svc.name)], tcp: tcpRoutes(ctx, found.route, `routes[${found.index}]`) }
      : { hosts: [hostOf(ctx, svc.name)], http: httpRoutes(ctx, found.route, `routes[${found.index}]`) },
  }
}

/** The DestinationRule of a service, when it is routed or has a destination policy. */
export function destinationRuleFor(ctx: IstioContext, svc: Service): Obj | undefined {
  const dest = destinationOf(ctx.scenario, svc.name)
  if (!dest && !routeOf(ctx.scenario, svc.name)) return undefined
  const path = dest ? `destinations[${dest.index}]` : ''
  const d = dest?.destination
  if (d) linkerdOnlyFields(ctx, d, path)
  const subsets = svc.versions.map((v) => {
    const k = d?.versions?.findIndex((o) => o.name === v.name) ?? -1
    const policy = k >= 0 ? trafficPolicy(ctx, d!.versions![k]!, svc.name, `${path}.versions[${k}]`) : undefined
    return { name: v.name, labels: { version: v.name }, trafficPolicy: policy }
  })
  return {
    apiVersion: NETWORKING_API,
    kind: 'DestinationRule',
    metadata: { name: svc.name, namespace: nsOf(ctx, svc.name) },
    spec: { host: hostOf(ctx, svc.name), trafficPolicy: d ? trafficPolicy(ctx, d, svc.name, path) : undefined, subsets },
  }
}
