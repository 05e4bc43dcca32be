/**
 * A service with a Linkerd retry budget → a ServiceProfile (linkerd.io/v1alpha2), the only
 * Linkerd resource with a budget. Its routes come from the scenario's route rules, in order:
 * `condition` from the matches (`pathRegex`, `method`, combined with `all`/`any`; never
 * `not`), `isRetryable` when the rule retries, `timeout`, and failure `responseClasses` for
 * retried statuses outside 5xx. A split becomes `dstOverrides` on the per-version Services.
 *
 * A ServiceProfile takes precedence over HTTPRoutes for the same Service, so a service gets
 * one or the other, never both.
 *
 * @see https://linkerd.io/2/reference/service-profiles/
 */
import type { Destination, Route, RouteRule, Service } from '../../model/types'
import { portOf, versionServiceName } from '../facts/scenarioFacts'
import { LINKERD_CODES } from './linkerdCodes'
import { escapeRegex, linkerdDuration, note, nsOf } from './linkerdContext'
import type { LinkerdContext } from './linkerdContext'
import { failureClasses, retryExtras, retryStatuses } from './retries'

type Obj = Record<string, unknown>
type Match = NonNullable<RouteRule['match']>[number]

function pathRegex(m: NonNullable<Match['path']>): string {
  // ServiceProfile path regexes match the whole path, like Istio's.
  if (m.exact !== undefined) return escapeRegex(m.exact)
  if (m.prefix !== undefined) return `${escapeRegex(m.prefix)}.*`
  return m.regex!
}

function requestMatch(ctx: LinkerdContext, m: Match, path: string): Obj {
  if (m.headers) note(ctx, LINKERD_CODES.profileHeaders, 'a ServiceProfile route cannot match headers: the header condition is dropped (the route matches more requests)', `${path}.headers`)
  const parts: Obj[] = []
  if (m.method !== undefined) parts.push({ method: m.method.toUpperCase() })
  if (m.path) parts.push({ pathRegex: pathRegex(m.path) })
  if (parts.length === 0) return { pathRegex: '.*' }
  return parts.length === 1 ? parts[0]! : { all: parts }
}

function condition(ctx: LinkerdContext, rule: RouteRule, path: string): Obj {
  if (!rule.match) return { pathRegex: '.*' }
  const each = rule.match.map((m, i) => requestMatch(ctx, m, `${path}.match[${i}]`))
  return each.length === 1 ? each[0]! : { any: each }
}

function profileRoute(ctx: LinkerdContext, rule: RouteRule, name: string, path: string): Obj {
  if (rule.fault) note(ctx, LINKERD_CODES.fault, 'Linkerd has no fault injection; not exported', `${path}.fault`)
  if (rule.mirror) note(ctx, LINKERD_CODES.mirror, 'Linkerd has no traffic mirroring; not exported', `${path}.mirror`)
  const r = rule.retries
  const retryable = r !== undefined && r.attempts > 0
  if (r) {
    const rp = `${path}.retries`
    retryExtras(ctx, r, rp)
    if (retryable) note(ctx, LINKERD_CODES.profileRetries, `ServiceProfile retries are limited by the retry budget, not by ${r.attempts} attempts${r.perTryTimeout !== undefined ? ', and have no per-try timeout' : ''}`, `${rp}.attempts`)
  }
  return {
    name,
    condition: condition(ctx, rule, path),
    isRetryable: retryable ? true : undefined,
    timeout: rule.timeout !== undefined && rule.timeout > 0 ? linkerdDuration(ctx, rule.timeout, `${path}.timeout`) : undefined,
    responseClasses: retryable ? failureClasses(ctx, retryStatuses(ctx, r!, `${path}.retries`), `${path}.retries`) : undefined,
  }
}

function dstOverrides(ctx: LinkerdContext, svc: Service, route: Route, path: string): Obj[] | undefined {
  const first = route.rules[0]!.split
  route.rules.forEach((r, j) => {
    if (j > 0 && JSON.stringify(r.split) !== JSON.stringify(first)) {
      note(ctx, LINKERD_CODES.profileSplits, "a ServiceProfile splits the whole service's traffic: rules[0]'s split is used", `${path}.rules[${j}].split`)
    }
  })
  if (first.length === 1 && svc.versions.length === 1) return undefined
  const ns = nsOf(ctx, svc.name)
  return first.map((s) => ({ authority: `${versionServiceName(svc, s.version)}.${ns}.svc.cluster.local:${portOf(svc)}`, weight: s.weight }))
}

/**
 * The ServiceProfile of a service whose destination has a retry budget. `route` and
 * `routePath` are the service's route, if it has one.
 */
export function serviceProfileFor(ctx: LinkerdContext, svc: Service, dest: Destination, destPath: string, route?: Route, routePath?: string): Obj {
  const ns = nsOf(ctx, svc.name)
  const budget = dest.retryBudget!
  const names = new Set<string>()
  const routes = route?.rules.map((rule, j) => {
    let name = rule.name ?? `rule-${j}`
    for (let n = 2; names.has(name); n++) name = `${rule.name ?? `rule-${j}`}-${n}`
    names.add(name)
    return profileRoute(ctx, rule, name, `${routePath}.rules[${j}]`)
  })
  return {
    apiVersion: 'linkerd.io/v1alpha2',
    kind: 'ServiceProfile',
    metadata: { name: `${svc.name}.${ns}.svc.cluster.local`, namespace: ns },
    spec: {
      routes: routes ?? [],
      retryBudget: { retryRatio: budget.retryRatio, minRetriesPerSecond: budget.minRetriesPerSecond, ttl: linkerdDuration(ctx, budget.ttl, `${destPath}.retryBudget.ttl`) },
      dstOverrides: route ? dstOverrides(ctx, svc, route, routePath!) : undefined,
    },
  }
}
