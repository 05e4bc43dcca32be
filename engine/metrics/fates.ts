/**
 * Request fates: how each logical request (one call through a client sidecar, retries
 * included) ended. Codes index `FATES`; a failed request's fate names the root cause, so a
 * user request that failed because a call three hops down overflowed a circuit breaker ends
 * as `overflow`, not as a generic error.
 */

/** Every fate, in code order. */
export const FATES = [
  'success', 'success_after_retry', 'error', 'timeout', 'per_try_timeout', 'overflow',
  'no_healthy_upstream', 'budget_exhausted', 'fault_abort', 'denied_by_policy', 'reset',
  'connect_failure', 'no_route',
] as const

/** A fate name. */
export type Fate = (typeof FATES)[number]

/** Fate codes (indices into `FATES`). */
export const FATE = {
  success: 0, success_after_retry: 1, error: 2, timeout: 3, per_try_timeout: 4, overflow: 5,
  no_healthy_upstream: 6, budget_exhausted: 7, fault_abort: 8, denied_by_policy: 9, reset: 10,
  connect_failure: 11, no_route: 12,
} as const satisfies Record<Fate, number>

/** Counts per fate code. */
export function createFateCounts(): Float64Array {
  return new Float64Array(FATES.length)
}

/** Fate counts as a `{fate: count}` record with every fate present, in `FATES` order. */
export function fateRecord(counts: Float64Array): Record<Fate, number> {
  const out = {} as Record<Fate, number>
  FATES.forEach((f, i) => {
    out[f] = counts[i]!
  })
  return out
}
