/**
 * Stage 5 — per-try timeout: when an attempt gives up on its upstream.
 *
 * Envoy arms the per-try timer when the request is sent upstream (after any wait for a
 * connection), independently of the route timeout, which runs from the start of the request
 * and covers every attempt and back-off. On expiry the attempt is reset (reason LocalReset,
 * 504 if not retried, recorded as a timeout by outlier detection) and the retry decision
 * runs; the upstream replica keeps working on the abandoned request (it is never told).
 * Without a per-try timeout only the route timeout applies. A per-try timeout at or above a
 * non-zero route timeout is ignored, as Envoy's `FilterUtility::finalTimeout` drops it ("If
 * it's >= global we just ignore it"): the route timeout ends such a request first, so a slow
 * attempt is never retried (istio#21137).
 * Linkerd (HTTPRoute `retry.linkerd.io/timeout`, a response-headers timeout) drops it on the
 * last attempt the limit allows, "since we're not blocked on making a retry decision": that
 * attempt is bounded only by the request timeout (linkerd2-proxy policy/route/retry.rs).
 * Complexity: O(1).
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto#envoy-v3-api-field-config-route-v3-retrypolicy-per-try-timeout
 * @see https://github.com/linkerd/linkerd2-proxy/blob/main/linkerd/app/outbound/src/http/logical/policy/route/retry.rs
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/router/router.cc (FilterUtility::finalTimeout)
 */
import { RETRY_MODE } from './retryDecision'
import type { RetryRt } from './types'

/** The per-try timeout of an attempt, µs; 0 = none. */
export function perTryTimeoutUs(rt: RetryRt | null): number {
  return rt === null ? 0 : rt.perTryTimeoutUs
}

/**
 * The per-try timeout Envoy actually arms, µs: the policy's, or 0 (none) when it is at or
 * above a non-zero route timeout (`routeTimeoutUs`, 0 = no route timeout).
 */
export function effectivePerTryTimeoutUs(rt: RetryRt | null, routeTimeoutUs: number): number {
  const perTry = perTryTimeoutUs(rt)
  return routeTimeoutUs > 0 && perTry >= routeTimeoutUs ? 0 : perTry
}

/**
 * Whether an attempt gets the per-try timer: always with Envoy; with a Linkerd HTTPRoute
 * policy not on the last attempt (`retriesLeft` 0).
 */
export function armsPerTryTimer(rt: RetryRt | null, retriesLeft: number): boolean {
  return rt !== null && (rt.mode !== RETRY_MODE.linkerd_route || retriesLeft > 0)
}

/** The status a request ends with when its last attempt timed out (Envoy's 504, flag UT). */
export const PER_TRY_TIMEOUT_STATUS = 504

/** The per-try timeout stage. */
export const perTryTimeoutStage = {
  kind: 'per_try_timeout',
  label: 'Per-try timeout',
  perTryTimeoutUs,
  effectivePerTryTimeoutUs,
  armsPerTryTimer,
  status: PER_TRY_TIMEOUT_STATUS,
} as const
