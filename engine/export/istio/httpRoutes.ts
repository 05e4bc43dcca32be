/**
 * Route rules → VirtualService `http` entries (networking.istio.io/v1).
 *
 * One scenario rule becomes one entry, in order (Istio also takes the first match): matches,
 * weighted destinations with subsets (= versions), timeout, retries, fault, mirror. A fault
 * that applies only to requests with certain headers becomes two entries: the same rule with
 * the fault headers added to every match and the fault, then the rule without the fault, so
 * Istio's first-match order gives exactly the scenario's behaviour.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/
 */
import type { Route, RouteRule } from '../../model/types'
import { medianMs } from '../facts/scenarioFacts'
import { ISTIO_CODES } from './istioCodes'
import { hostOf, note, protoDuration } from './istioContext'
import type { IstioContext } from './istioContext'

type Obj = Record<string, unknown>
type StringMatch = NonNullable<NonNullable<RouteRule['match']>[number]['path']>
type Match = NonNullable<RouteRule['match']>[number]

function stringMatch(m: StringMatch): Obj {
  if (m.exact !== undefined) return { exact: m.exact }
  if (m.prefix !== undefined) return { prefix: m.prefix }
  return { regex: m.regex }
}

function headerMap(headers: Readonly<Record<string, StringMatch>>): Obj {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), stringMatch(v)]))
}

function istioMatch(m: Match): Obj {
  return {
    uri: m.path ? stringMatch(m.path) : undefined,
    method: m.method !== undefined ? { exact: m.method } : undefined,
    headers: m.headers ? headerMap(m.headers) : undefined,
  }
}

function retries(ctx: IstioContext, r: NonNullable<RouteRule['retries']>, path: string): Obj {
  const codes = (r.retriableStatusCodes ?? []).map(String)
  // Istio parses numeric retryOn entries as retriable status codes. Codes without conditions
  // keep Istio's default conditions, which a retryOn value would otherwise replace.
  const conditions = r.retryOn ?? (codes.length ? ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes'] : [])
  const retryOn = [...conditions, ...codes]
  if (r.backoff?.max !== undefined && r.backoff.max !== r.backoff.base * 10) {
    note(ctx, ISTIO_CODES.backoffMax, `Istio sets only the back-off base; Envoy caps it at 10× base (${r.backoff.base * 10} ms), not ${r.backoff.max} ms`, `${path}.backoff.max`)
  }
  return {
    attempts: r.attempts,
    perTryTimeout: positive(ctx, r.perTryTimeout, `${path}.perTryTimeout`),
    retryOn: retryOn.length ? retryOn.join(',') : undefined,
    backoff: positive(ctx, r.backoff?.base, `${path}.backoff.base`),
    retryIgnorePreviousHosts: r.retryIgnorePreviousHosts,
  }
}

/** A duration Istio accepts (≥ 1 ms by the CRD's CEL rule); 0 means "none" and is left out. */
function positive(ctx: IstioContext, ms: number | undefined, path: string): string | undefined {
  if (ms === undefined) return undefined
  if (ms === 0) {
    note(ctx, ISTIO_CODES.zeroDuration, 'a zero duration is not accepted by Istio (minimum 1ms); left unset, which means none', path)
    return undefined
  }
  return protoDuration(ms)
}

function fault(ctx: IstioContext, f: NonNullable<RouteRule['fault']>, path: string): Obj | undefined {
  const out: Obj = {}
  if (f.delay) {
    let ms = f.delay.fixed
    if (f.delay.distribution) {
      ms = medianMs(f.delay.distribution)
      note(ctx, ISTIO_CODES.delayMedian, `Istio injects only fixed delays: the ${f.delay.distribution.kind} delay is exported as its median, ${protoDuration(ms)}`, `${path}.delay.distribution`)
    }
    const fixedDelay = positive(ctx, ms, `${path}.delay.${f.delay.distribution ? 'distribution' : 'fixed'}`)
    if (fixedDelay) out.delay = { fixedDelay, percentage: { value: f.delay.percent } }
  }
  if (f.abort) out.abort = { httpStatus: f.abort.httpStatus, percentage: { value: f.abort.percent } }
  return Object.keys(out).length ? out : undefined
}

/** Adds the fault's header conditions to every match of the rule (no match = one empty match). */
function faultMatches(ctx: IstioContext, rule: RouteRule, headers: NonNullable<NonNullable<RouteRule['fault']>['headers']>, path: string): Match[] {
  return (rule.match ?? [{}]).map((m, i) => {
    const clash = Object.keys(headers).filter((h) => m.headers?.[h] !== undefined && JSON.stringify(m.headers[h]) !== JSON.stringify(headers[h]))
    if (clash.length) {
      note(ctx, ISTIO_CODES.faultHeaders, `Istio cannot require two conditions on header '${clash.join("', '")}': the fault's condition is used for faulted requests`, `${path}.match[${i}].headers`)
    }
    return { ...m, headers: { ...m.headers, ...headers } }
  })
}

function entry(ctx: IstioContext, service: string, rule: RouteRule, path: string, withFault: boolean): Obj {
  const host = hostOf(ctx, service)
  return {
    name: rule.name,
    match: rule.match?.map(istioMatch),
    route: rule.split.map((s) => ({ destination: { host, subset: s.version }, weight: s.weight })),
    timeout: positive(ctx, rule.timeout, `${path}.timeout`),
    retries: rule.retries ? retries(ctx, rule.retries, `${path}.retries`) : undefined,
    fault: withFault && rule.fault ? fault(ctx, rule.fault, `${path}.fault`) : undefined,
    mirror: rule.mirror ? { host, subset: rule.mirror.version } : undefined,
    mirrorPercentage: rule.mirror?.percent !== undefined ? { value: rule.mirror.percent } : undefined,
  }
}

/**
 * The `http` list for a route. `path` is the route's model path (`routes[0]`); diagnostics
 * name fields below it.
 */
export function httpRoutes(ctx: IstioContext, route: Route, path: string): Obj[] {
  return route.rules.flatMap((rule, j) => {
    const rulePath = `${path}.rules[${j}]`
    const headers = rule.fault?.headers
    if (!headers || Object.keys(headers).length === 0) return [entry(ctx, route.service, rule, rulePath, true)]
    const faulted = { ...rule, name: rule.name !== undefined ? `${rule.name}-fault` : undefined, match: faultMatches(ctx, rule, headers, rulePath) }
    return [entry(ctx, route.service, faulted, rulePath, true), entry(ctx, route.service, rule, rulePath, false)]
  })
}
