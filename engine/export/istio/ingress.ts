/**
 * Edge traffic: the traffic sources that enter from outside the mesh (`from` unset or
 * `ingress`) become a Gateway on Istio's default ingress gateway (port 80, any host) and a
 * VirtualService bound to it. A gateway-bound VirtualService does not apply the mesh
 * VirtualService of its destination, so a routed target's rules are repeated here. With
 * several targets, each is matched on its sources' request-mix paths.
 *
 * @see https://istio.io/latest/docs/tasks/traffic-management/ingress/ingress-control/
 */
import { findService, ingressServices } from '../facts/scenarioFacts'
import { httpRoutes } from './httpRoutes'
import { ISTIO_CODES } from './istioCodes'
import { dnsSlug, hostOf, note, nsOf } from './istioContext'
import type { IstioContext } from './istioContext'
import { NETWORKING_API } from './networking'

type Obj = Record<string, unknown>

/** Exact-path matches for the request-mix paths of the ingress sources entering `target`. */
function mixPaths(ctx: IstioContext, target: string): string[] {
  const paths = new Set<string>()
  for (const t of ctx.scenario.traffic ?? []) {
    if (t.to !== target || (t.from !== undefined && t.from !== 'ingress')) continue
    for (const m of t.mix ?? []) if (m.path !== undefined) paths.add(m.path)
  }
  return [...paths].sort()
}

function rulesFor(ctx: IstioContext, target: string): Obj[] {
  const index = (ctx.scenario.routes ?? []).findIndex((r) => r.service === target)
  if (index < 0) return [{ name: target, route: [{ destination: { host: hostOf(ctx, target) } }] }]
  // The mesh VirtualService already reported this route's diagnostics.
  const silent: IstioContext = { ...ctx, notes: [] }
  return httpRoutes(silent, ctx.scenario.routes![index]!, `routes[${index}]`)
}

function restrictTo(rule: Obj, paths: readonly string[]): Obj {
  const matches = (rule.match as Obj[] | undefined) ?? [{}]
  return { ...rule, match: paths.flatMap((p) => matches.map((m) => ({ ...m, uri: { exact: p } }))) }
}

/** The Gateway and its VirtualService, or nothing when no traffic comes from outside. */
export function ingressResources(ctx: IstioContext): Obj[] {
  const targets = ingressServices(ctx.scenario).filter((t) => findService(ctx.scenario, t))
  if (targets.length === 0) return []
  const namespace = nsOf(ctx, targets[0]!)
  const slug = dnsSlug(ctx.scenario.name, 'meshsim')
  const gateway = {
    apiVersion: NETWORKING_API,
    kind: 'Gateway',
    metadata: { name: `${slug}-gateway`, namespace },
    spec: { selector: { istio: 'ingressgateway' }, servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }] },
  }
  const withPaths = targets.map((t) => ({ target: t, paths: targets.length > 1 ? mixPaths(ctx, t) : [] }))
  const catchAll = withPaths.filter((t) => t.paths.length === 0)
  catchAll.slice(1).forEach((t) => {
    const i = (ctx.scenario.traffic ?? []).findIndex((s) => s.to === t.target)
    note(ctx, ISTIO_CODES.ingressShadowed, `ingress traffic to '${t.target}' has no request-mix paths to tell it from '${catchAll[0]!.target}': the gateway sends it to '${catchAll[0]!.target}'`, `traffic[${i}].mix`)
  })
  const ordered = [...withPaths.filter((t) => t.paths.length > 0), ...catchAll.slice(0, 1)]
  const http = ordered.flatMap((t) => rulesFor(ctx, t.target).map((r) => (t.paths.length ? restrictTo(r, t.paths) : r)))
  const virtualService = {
    apiVersion: NETWORKING_API,
    kind: 'VirtualService',
    metadata: { name: `${slug}-ingress`, namespace },
    spec: { hosts: ['*'], gateways: [`${slug}-gateway`], http },
  }
  return [gateway, virtualService]
}
