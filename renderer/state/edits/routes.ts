/**
 * Route edits: weighted splits, timeouts and retries per rule. A service without a route
 * gets one on first edit, with a catch-all rule that splits evenly across its versions
 * (so the weights sum to 100 and the model stays valid).
 */
import type { Route, RouteRule, Scenario } from '../../../engine/index'
import { patchKeep, updateWhere } from './immutable'

/** One version's share in a split, percent (whole numbers). */
export interface SplitWeight {
  readonly version: string
  readonly weight: number
}

type Retries = NonNullable<RouteRule['retries']>

/** Even whole-number weights summing to 100 (the remainder goes to the first versions). */
export function computeEvenSplit(versions: readonly string[]): SplitWeight[] {
  const n = versions.length
  if (n === 0) return []
  const base = Math.floor(100 / n)
  return versions.map((version, i) => ({ version, weight: base + (i < 100 - base * n ? 1 : 0) }))
}

/** The route of `service`, or a new one with an even catch-all split. */
export function computeRouteOrDefault(s: Scenario, service: string): Route | undefined {
  const existing = s.routes?.find((r) => r.service === service)
  if (existing) return existing
  const svc = s.services.find((x) => x.name === service)
  if (!svc) return undefined
  return { service, rules: [{ split: computeEvenSplit(svc.versions.map((v) => v.name)) }] }
}

/** Gives `service` a route (an even catch-all split) if it has none. */
export function addRoute(s: Scenario, service: string): Scenario {
  if (s.routes?.some((r) => r.service === service)) return s
  const route = computeRouteOrDefault(s, service)
  return route ? { ...s, routes: [...(s.routes ?? []), route] } : s
}

/** Removes the route of `service` (traffic then spreads over all versions). */
export function removeRoute(s: Scenario, service: string): Scenario {
  if (!s.routes?.some((r) => r.service === service)) return s
  return { ...s, routes: s.routes.filter((r) => r.service !== service) }
}

/** Applies `update` to rule `index` of `service`'s route, creating the route first if needed. */
export function updateRule(s: Scenario, service: string, index: number, update: (rule: RouteRule) => RouteRule): Scenario {
  const withRoute = addRoute(s, service)
  return {
    ...withRoute,
    routes: updateWhere(withRoute.routes ?? [], (r) => r.service === service, (r) => {
      if (!r.rules[index]) return r
      return { ...r, rules: r.rules.map((rule, i) => (i === index ? update(rule) : rule)) }
    }),
  }
}

/** Sets the weighted split of a rule. Versions with weight 0 are kept (visible, receiving nothing). */
export function setSplit(s: Scenario, service: string, index: number, split: readonly SplitWeight[]): Scenario {
  if (split.length === 0) return s
  return updateRule(s, service, index, (rule) => ({ ...rule, split: split.map((w) => ({ version: w.version, weight: Math.round(w.weight) })) }))
}

/** Sets (or, with undefined, removes) a rule's retry policy. */
export function setRetries(s: Scenario, service: string, index: number, retries: Retries | undefined): Scenario {
  return updateRule(s, service, index, (rule) => patchKeep(rule, { retries }))
}

/** Sets (or removes) a rule's whole-request timeout, ms. */
export function setRouteTimeout(s: Scenario, service: string, index: number, timeoutMs: number | undefined): Scenario {
  return updateRule(s, service, index, (rule) => patchKeep(rule, { timeout: timeoutMs }))
}

/** Adds a rule matching a path prefix before the catch-all rules, sending everything to the first version. */
export function addRule(s: Scenario, service: string, prefix = '/'): Scenario {
  const withRoute = addRoute(s, service)
  const route = withRoute.routes?.find((r) => r.service === service)
  const first = s.services.find((x) => x.name === service)?.versions[0]?.name
  if (!route || !first) return s
  const rule: RouteRule = { match: [{ path: { prefix } }], split: [{ version: first, weight: 100 }] }
  const catchAll = route.rules.findIndex((r) => r.match === undefined)
  const at = catchAll === -1 ? route.rules.length : catchAll
  const rules = [...route.rules.slice(0, at), rule, ...route.rules.slice(at)]
  return { ...withRoute, routes: updateWhere(withRoute.routes!, (r) => r.service === service, (r) => ({ ...r, rules })) }
}

/** Removes a rule; removing the last rule removes the route (a route needs a rule). */
export function removeRule(s: Scenario, service: string, index: number): Scenario {
  const route = s.routes?.find((r) => r.service === service)
  if (!route?.rules[index]) return s
  if (route.rules.length === 1) return removeRoute(s, service)
  return { ...s, routes: updateWhere(s.routes!, (r) => r.service === service, (r) => ({ ...r, rules: r.rules.filter((_, i) => i !== index) })) }
}
