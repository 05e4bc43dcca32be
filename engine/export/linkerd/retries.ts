/**
 * Scenario retry conditions → what Linkerd can select: HTTPRoute's `retry.linkerd.io/http`
 * list (`5xx`, `gateway-error`, status codes) and, for ServiceProfiles, extra failure
 * response classes. Unset conditions take the scenario's mesh-profile defaults, so the export
 * retries what the simulation retried.
 *
 * @see https://linkerd.io/2/reference/retries/
 */
import { getMeshProfile } from '../../model/profiles'
import type { RouteRule } from '../../model/types'
import { LINKERD_CODES } from './linkerdCodes'
import { note } from './linkerdContext'
import type { LinkerdContext } from './linkerdContext'

type Retries = NonNullable<RouteRule['retries']>

/** The retry conditions in effect: the rule's own, else the mesh profile's. */
function effective(ctx: LinkerdContext, r: Retries): { conditions: readonly string[]; codes: readonly number[] } {
  const profile = getMeshProfile(ctx.scenario.mesh)
  return { conditions: r.retryOn ?? profile.retryOn, codes: r.retriableStatusCodes ?? (r.retryOn ? [] : profile.retriableStatusCodes) }
}

/**
 * Status conditions Linkerd can retry on, in `retry.linkerd.io/http` syntax; conditions it
 * cannot select get a diagnostic at `path` (`…retries.retryOn`).
 */
export function retryStatuses(ctx: LinkerdContext, r: Retries, path: string): string[] {
  const { conditions, codes } = effective(ctx, r)
  const out: string[] = []
  const unsupported: string[] = []
  for (const c of conditions) {
    if (c === '5xx' || c === 'gateway-error') out.push(c)
    else if (c === 'retriable-4xx') out.push('409')
    else if (c === 'retriable-status-codes') out.push(...codes.map(String))
    else unsupported.push(c)
  }
  if (unsupported.length) {
    note(ctx, LINKERD_CODES.retryCondition, `Linkerd cannot select retry condition(s) ${unsupported.join(', ')} (it retries connection failures and refused streams on its own; gRPC conditions need a GRPCRoute)`, `${path}.retryOn`)
  }
  return [...new Set(out)]
}

/** The notes every Linkerd retry mapping shares (back-off, previous hosts). */
export function retryExtras(ctx: LinkerdContext, r: Retries, path: string): void {
  if (r.backoff) note(ctx, LINKERD_CODES.backoff, 'Linkerd retries without a configurable back-off', `${path}.backoff`)
  if (r.retryIgnorePreviousHosts) note(ctx, LINKERD_CODES.previousHosts, 'Linkerd has no previous-hosts retry predicate: a retry may pick the same endpoint', `${path}.retryIgnorePreviousHosts`)
}

/**
 * ServiceProfile response classes for the retried statuses (from `retryStatuses`) outside
 * 5xx, which Linkerd already counts as failures — and therefore always retries.
 */
export function failureClasses(ctx: LinkerdContext, statuses: readonly string[], path: string): Record<string, unknown>[] | undefined {
  if (!statuses.includes('5xx')) {
    note(ctx, LINKERD_CODES.retryCondition, 'a ServiceProfile classifies every 5xx as a failure, so a retryable route also retries all 5xx responses', `${path}.retryOn`)
  }
  const codes = statuses.filter((s) => /^\d+$/.test(s) && !s.startsWith('5')).map(Number)
  if (codes.length === 0) return undefined
  return codes.sort((a, b) => a - b).map((s) => ({ condition: { status: { min: s, max: s } }, isFailure: true }))
}
