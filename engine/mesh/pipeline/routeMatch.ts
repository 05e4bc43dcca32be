/**
 * Stage 1 — route match: the first rule whose match list accepts the request wins
 * (Istio VirtualService `http[]` order, Envoy route table order).
 *
 * A rule without `match` accepts everything. A match entry holds when every condition it
 * gives holds: `path` and each header by exact / prefix / regex (a regex must match the
 * whole value, as Envoy's RE2 `safe_regex` does), `method` exactly. Any entry of the list
 * selects the rule. No rule → -1 (Envoy answers 404, flag NR).
 * Requests are static per call site (a call's path / method / headers, or a traffic mix
 * entry), so the engine matches once per call site when it compiles the topology.
 * Complexity: O(rules × conditions) per request class.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPMatchRequest
 */
import type { ResolvedRule } from '../../model/resolve'

/** What route matching reads from a request. */
export interface RequestAttributes {
  readonly path: string
  readonly method: string
  readonly headers: Readonly<Record<string, string>>
}

/** Istio StringMatch: exactly one of exact, prefix, regex. */
export interface StringMatch {
  readonly exact?: string | undefined
  readonly prefix?: string | undefined
  readonly regex?: string | undefined
}

/** Tests a value against a StringMatch; an absent value never matches. */
export function matchString(m: StringMatch, value: string | undefined): boolean {
  if (value === undefined) return false
  if (m.exact !== undefined) return value === m.exact
  if (m.prefix !== undefined) return value.startsWith(m.prefix)
  if (m.regex !== undefined) return new RegExp(`^(?:${m.regex})$`).test(value)
  return true
}

/** Tests headers (names case-insensitive, as HTTP header names are). */
export function matchHeaders(want: Readonly<Record<string, StringMatch>> | undefined, have: Readonly<Record<string, string>>): boolean {
  if (!want) return true
  for (const [name, m] of Object.entries(want)) {
    const key = Object.keys(have).find((k) => k.toLowerCase() === name.toLowerCase())
    if (!matchString(m, key === undefined ? undefined : have[key])) return false
  }
  return true
}

type MatchEntry = NonNullable<ResolvedRule['match']>[number]

function matchEntry(m: MatchEntry, req: RequestAttributes): boolean {
  if (m.path && !matchString(m.path, req.path)) return false
  if (m.method !== undefined && m.method.toUpperCase() !== req.method.toUpperCase()) return false
  return matchHeaders(m.headers, req.headers)
}

/** Index of the first rule that accepts `req`, or -1. */
export function matchRoute(rules: readonly ResolvedRule[], req: RequestAttributes): number {
  for (let i = 0; i < rules.length; i++) {
    const match = rules[i]!.match
    if (!match || match.some((m) => matchEntry(m, req))) return i
  }
  return -1
}

/** The route-match stage. */
export const routeMatchStage = {
  kind: 'route_match',
  label: 'Route match',
  matchRoute,
} as const
