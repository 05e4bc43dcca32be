/**
 * Stage 6 — retry decision: is a failed attempt retried, and after how long?
 *
 * Retriable (Envoy retry_on, mesh-algorithms.md §8.2): `5xx` any 5xx or any reset /
 * connect failure / per-try timeout; `gateway-error` 502–504 or the same resets; `reset`
 * resets, connect failures and per-try timeouts; `connect-failure` and
 * `reset-before-request` connect failures; `retriable-4xx` 409; `retriable-status-codes`
 * the listed codes; gRPC conditions (`cancelled`, `deadline-exceeded`,
 * `resource-exhausted`, `unavailable`, `internal`) on a gRPC service's status. Overflow
 * (a circuit breaker's own 503) is never retried.
 * Order (§8.3): not retriable → stop; no retries left → stop (URX); retries − 1; retry
 * resource full (max_retries or retry budget) → stop with fate budget_exhausted (UO); else
 * retry after the jittered back-off (`jitteredBackOff`, bounds base, 2·base, … up to max).
 * Linkerd (mesh-algorithms.md §14.2–§14.3, linkerd2-proxy `http/retry.rs` and
 * `policy/route/retry.rs`): an HTTPRoute policy retries the retryable statuses and per-try
 * (response-header) timeouts up to `attempts` times, with no budget; a ServiceProfile retries
 * failure responses (every 5xx, plus the listed codes) with no attempt cap while its TPS
 * budget allows a withdrawal, and deposits every other outcome, errors included. Neither
 * retries connection errors or resets ("connection errors require changes to the endpoint
 * stack", retry.rs).
 * NOTE(model): gRPC status comes from the HTTP status (500 internal, 503 unavailable,
 * 504 deadline-exceeded, 429 resource-exhausted, 499 cancelled); refused-stream,
 * retriable-headers and envoy-ratelimited never match (the model has no such responses);
 * back-off bases are whole milliseconds (at least 1). Linkerd never dispatches to an
 * endpoint it cannot connect to (the endpoint is not ready); here such an attempt fails
 * with a connect failure that is not retried.
 * Complexity: O(codes) per decision.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter#x-envoy-retry-on
 */
import { jitteredBackOff } from '../retry/backoff'
import type { BackOff } from '../retry/backoff'
import type { Random64 } from '../random64'
import type { ResolvedRetryPolicy, RetryCondition } from '../../model/profiles'
import { canRetry, holdRetry } from './connectionPool'
import type { ClusterState } from './clusterState'
import { REASON } from './types'
import type { RetryRt, RuleRt } from './types'

const BIT: Record<RetryCondition, number> = {
  '5xx': 1, 'gateway-error': 2, reset: 4, 'reset-before-request': 8, 'connect-failure': 16, 'retriable-4xx': 32,
  'refused-stream': 64, 'retriable-status-codes': 128, 'retriable-headers': 256, 'envoy-ratelimited': 512,
  cancelled: 1024, 'deadline-exceeded': 2048, 'resource-exhausted': 4096, unavailable: 8192, internal: 16384,
}
const RESETS = BIT['5xx'] | BIT['gateway-error'] | BIT.reset
const CONNECT = RESETS | BIT['connect-failure'] | BIT['reset-before-request']

/** Decision outcomes. */
export const RETRY = { retry: 0, stop: 1, budget_exhausted: 2 } as const

/** Retry modes, compiled (see `RetryMode`). */
export const RETRY_MODE = { envoy: 0, linkerd_route: 1, linkerd_profile: 2 } as const

/** Compiles a resolved retry policy. */
export function compileRetry(p: ResolvedRetryPolicy | null): RetryRt | null {
  if (!p) return null
  let mask = 0
  for (const c of p.retryOn) mask |= BIT[c]
  const mode = RETRY_MODE[p.mode]
  // A ServiceProfile classifies every 5xx as a failure, so a retryable route retries them all.
  if (mode === RETRY_MODE.linkerd_profile) mask |= BIT['5xx']
  return {
    mode,
    attempts: p.attempts,
    perTryTimeoutUs: Math.round(p.perTryTimeoutMs * 1000),
    mask,
    codes: p.retriableStatusCodes,
    backoffBaseMs: p.backoffBaseMs > 0 ? Math.max(1, Math.round(p.backoffBaseMs)) : 0,
    backoffMaxMs: p.backoffBaseMs > 0 ? Math.max(1, Math.round(p.backoffBaseMs), Math.round(p.backoffMaxMs)) : 0,
    previousHosts: p.previousHosts,
    hostSelectionRetryMaxAttempts: p.hostSelectionRetryMaxAttempts,
  }
}

function grpcBit(status: number): number {
  switch (status) {
    case 500: return BIT.internal
    case 503: return BIT.unavailable
    case 504: return BIT['deadline-exceeded']
    case 429: return BIT['resource-exhausted']
    case 499: return BIT.cancelled
    default: return 0
  }
}

/** Whether an attempt outcome matches the policy's retry_on conditions. */
export function isRetriable(rt: RetryRt, reason: number, status: number, grpc: boolean): boolean {
  const mask = rt.mask
  const envoy = rt.mode === RETRY_MODE.envoy
  switch (reason) {
    case REASON.overflow: return false
    case REASON.reset: return envoy && (mask & RESETS) !== 0
    case REASON.per_try_timeout: return envoy ? (mask & RESETS) !== 0 : rt.mode === RETRY_MODE.linkerd_route
    case REASON.connect_failure: return envoy && (mask & CONNECT) !== 0
    default: break
  }
  if (status >= 500 && (mask & BIT['5xx']) !== 0) return true
  if ((status === 502 || status === 503 || status === 504) && (mask & BIT['gateway-error']) !== 0) return true
  if (status === 409 && (mask & BIT['retriable-4xx']) !== 0) return true
  if ((mask & BIT['retriable-status-codes']) !== 0 && rt.codes.includes(status)) return true
  return grpc && (mask & grpcBit(status)) !== 0
}

/** What the retry decision reads and updates on a request. */
export interface RetryState {
  retriesLeft: number
  retryHeld: boolean
}

/**
 * Decides on a failed attempt (the retries resource held by the previous retry must
 * already be released). Returns `RETRY.retry` (the resource is now held), `RETRY.stop` or
 * `RETRY.budget_exhausted`.
 */
export function decideRetry(rt: RetryRt | null, cs: ClusterState, req: RetryState, reason: number, status: number, grpc: boolean, nowMs: number): number {
  if (rt === null) return RETRY.stop
  const profile = rt.mode === RETRY_MODE.linkerd_profile
  if (!isRetriable(rt, reason, status, grpc)) {
    if (profile) cs.tps?.deposit(nowMs)
    return RETRY.stop
  }
  if (profile) return cs.tps !== null && cs.tps.withdraw(nowMs) ? RETRY.retry : RETRY.budget_exhausted
  if (req.retriesLeft <= 0) return RETRY.stop
  req.retriesLeft--
  if (rt.mode !== RETRY_MODE.envoy) return RETRY.retry
  if (!canRetry(cs)) return RETRY.budget_exhausted
  holdRetry(cs)
  req.retryHeld = true
  return RETRY.retry
}

/** A request succeeded: a ServiceProfile's retry layer deposits into its budget (Envoy does nothing). */
export function recordSuccess(rt: RetryRt | null, cs: ClusterState, nowMs: number): void {
  if (rt !== null && rt.mode === RETRY_MODE.linkerd_profile) cs.tps?.deposit(nowMs)
}

/** Takes a back-off strategy for a request from the rule's pool (or makes one). */
export function acquireBackOff(rule: RuleRt, random: Random64): BackOff | null {
  const rt = rule.retry
  if (rt === null || rt.backoffBaseMs === 0) return null
  const pooled = rule.backoffPool.pop()
  if (pooled) {
    pooled.reset()
    return pooled
  }
  return jitteredBackOff({ baseMs: rt.backoffBaseMs, maxMs: rt.backoffMaxMs, random })
}

/** The retry-decision stage. */
export const retryDecisionStage = {
  kind: 'retry_decision',
  label: 'Retry decision',
  compileRetry, isRetriable, decideRetry, recordSuccess, acquireBackOff,
} as const
