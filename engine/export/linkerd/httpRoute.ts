/**
 * A route → an HTTPRoute attached to the service (Linkerd's outbound policy). Weighted splits
 * need backendRefs between the per-version Services of the Kubernetes export
 * (`<svc>-<version>`), which is upstream Gateway API (gateway.networking.k8s.io/v1); a route
 * without a split uses Linkerd's own policy.linkerd.io/v1beta3, installed with Linkerd.
 * Retries are the `retry.linkerd.io/*` annotations (one policy per HTTPRoute), timeouts
 * `rules[].timeouts.request`.
 *
 * Paths: exact → Exact; prefix `/` → PathPrefix; any other prefix → an anchored regex, because
 * Gateway API's PathPrefix matches whole path segments only (`/api` would not match `/apix`,
 * which Istio's and the simulator's prefix do).
 *
 * @see https://linkerd.io/2/reference/httproute/
 */
import type { Route, RouteRule, Service } from '../../model/types'
import { portOf, versionServiceName } from '../facts/scenarioFacts'
import { LINKERD_CODES } from './linkerdCodes'
import { escapeRegex, linkerdDuration, note, nsOf } from './linkerdContext'
import type { LinkerdContext } from './linkerdContext'
import { retryExtras, retryStatuses } from './retries'

type Obj = Record<string, unknown>
type Match = NonNullable<RouteRule['match']>[number]
type StringMatch = NonNullable<Match['path']>

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'])

function pathMatch(m: StringMatch): Obj {
  if (m.exact !== undefined) return { type: 'Exact', value: m.exact }
  if (m.prefix === '/') return { type: 'PathPrefix', value: '/' }
  if (m.prefix !== undefined) return { type: 'RegularExpression', value: `^${escapeRegex(m.prefix)}.*$` }
  return { type: 'RegularExpression', value: m.regex }
}

function headerMatch(name: string, m: StringMatch): Obj {
  if (m.exact !== undefined) return { name, type: 'Exact', value: m.exact }
  if (m.prefix !== undefined) return { name, type: 'RegularExpression', value: `^${escapeRegex(m.prefix)}.*$` }
  return { name, type: 'RegularExpression', value: m.regex }
}

function routeMatch(ctx: LinkerdContext, m: Match, path: string): Obj {
  const method = m.method?.toUpperCase()
  if (method !== undefined && !METHODS.has(method)) note(ctx, LINKERD_CODES.method, `method '${m.method}' is not one of Gateway API's methods: the condition is dropped`, `${path}.method`)
  return {
    path: m.path ? pathMatch(m.path) : undefined,
    method: method !== undefined && METHODS.has(method) ? method : undefined,
    headers: m.headers ? Object.entries(m.headers).map(([k, v]) => headerMatch(k, v)) : undefined,
  }
}

/** Gateway API precedence of a match: exact path, longer prefix, method, more headers. */
function precedence(m: Match | undefined): number[] {
  const exact = m?.path?.exact !== undefined ? 1 : 0
  const prefix = m?.path?.exact ?? m?.path?.prefix ?? ''
  return [exact, prefix.length, m?.method !== undefined ? 1 : 0, Object.keys(m?.headers ?? {}).length]
}

function outranks(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! > b[i]!
  return false
}

function checkOrder(ctx: LinkerdContext, route: Route, path: string): void {
  const best = route.rules.map((r) => (r.match ?? [undefined]).map(precedence).reduce((x, y) => (outranks(y, x) ? y : x)))
  for (let j = 1; j < best.length; j++) {
    if (best.slice(0, j).some((earlier) => outranks(best[j]!, earlier))) {
      note(ctx, LINKERD_CODES.precedence, 'Gateway API orders rules by match precedence, not by position: this more specific rule is tried before earlier ones', `${path}.rules[${j}].match`)
    }
  }
}

function backendRefs(svc: Service, rule: RouteRule): Obj[] {
  const port = portOf(svc)
  if (rule.split.length === 1 && svc.versions.length === 1) return [{ name: svc.name, port }]
  return rule.split.map((s) => ({ name: versionServiceName(svc, s.version), port, weight: s.weight }))
}

function annotations(ctx: LinkerdContext, route: Route, path: string): Record<string, string> | undefined {
  const j = route.rules.findIndex((r) => r.retries !== undefined)
  if (j < 0) return undefined
  const r = route.rules[j]!.retries!
  const rp = `${path}.rules[${j}].retries`
  route.rules.forEach((other, k) => {
    if (k !== j && JSON.stringify(other.retries) !== JSON.stringify(r)) {
      note(ctx, LINKERD_CODES.mixedRetries, `an HTTPRoute has one retry policy for all its rules: rules[${j}]'s is used`, `${path}.rules[${k}].retries`)
    }
  })
  retryExtras(ctx, r, rp)
  if (r.attempts === 0) return undefined
  const statuses = retryStatuses(ctx, r, rp)
  if (statuses.length === 0) return undefined
  const out: Record<string, string> = { 'retry.linkerd.io/http': statuses.join(','), 'retry.linkerd.io/limit': String(r.attempts) }
  if (r.perTryTimeout !== undefined && r.perTryTimeout > 0) out['retry.linkerd.io/timeout'] = linkerdDuration(ctx, r.perTryTimeout, `${rp}.perTryTimeout`)
  return out
}

function rule(ctx: LinkerdContext, svc: Service, r: RouteRule, path: string, gatewayApi: boolean): Obj {
  if (r.fault) note(ctx, LINKERD_CODES.fault, 'Linkerd has no fault injection; not exported', `${path}.fault`)
  if (r.mirror) note(ctx, LINKERD_CODES.mirror, 'Linkerd has no traffic mirroring; not exported', `${path}.mirror`)
  const timeout = r.timeout !== undefined && r.timeout > 0 ? linkerdDuration(ctx, r.timeout, `${path}.timeout`) : undefined
  return {
    // Gateway API rule names are section names (DNS labels); free-text names stay out.
    name: gatewayApi && r.name !== undefined && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(r.name) && r.name.length <= 253 ? r.name : undefined,
    matches: r.match?.map((m, i) => routeMatch(ctx, m, `${path}.match[${i}]`)),
    backendRefs: backendRefs(svc, r),
    timeouts: timeout ? { request: timeout } : undefined,
  }
}

/**
 * The HTTPRoute of a routed service. `path` is the route's model path (`routes[0]`).
 */
export function httpRouteFor(ctx: LinkerdContext, svc: Service, route: Route, path: string): Obj {
  const gatewayApi = route.rules.some((r) => r.split.length > 1)
  checkOrder(ctx, route, path)
  return {
    apiVersion: gatewayApi ? 'gateway.networking.k8s.io/v1' : 'policy.linkerd.io/v1beta3',
    kind: 'HTTPRoute',
    metadata: { name: svc.name, namespace: nsOf(ctx, svc.name), annotations: annotations(ctx, route, path) },
    spec: {
      parentRefs: [{ group: 'core', kind: 'Service', name: svc.name, port: portOf(svc) }],
      rules: route.rules.map((r, j) => rule(ctx, svc, r, `${path}.rules[${j}]`, gatewayApi)),
    },
  }
}
