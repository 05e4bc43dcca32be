/**
 * Stage 5 — per-try timeout: when an attempt gives up on its upstream.
 *
 * Envoy arms the per-try timer when the request is sent upstream (after any wait for a
 * connection), independently of the route timeout, which runs from the start of the request
 * and covers every attempt and back-off. On expiry the attempt is reset (reason LocalReset,
 * 504 if not retried, recorded as a timeout by outlier detection) and the retry decision
 * runs; the upstream replica keeps working on the abandoned request (it is never told).
 * Without a per-try timeout only the route timeout applies.
 * Complexity: O(1).
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto#envoy-v3-api-field-config-route-v3-retrypolicy-per-try-timeout
 */
import type { RetryRt } from './types'

/** The per-try timeout of an attempt, µs; 0 = none. */
export function perTryTimeoutUs(rt: RetryRt | null): number {
  return rt === null ? 0 : rt.perTryTimeoutUs
}

/** The status a request ends with when its last attempt timed out (Envoy's 504, flag UT). */
export const PER_TRY_TIMEOUT_STATUS = 504

/** The per-try timeout stage. */
export const perTryTimeoutStage = {
  kind: 'per_try_timeout',
  label: 'Per-try timeout',
  perTryTimeoutUs,
  status: PER_TRY_TIMEOUT_STATUS,
} as const
