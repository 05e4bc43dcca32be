/**
 * Runtime shapes shared by the sidecar pipeline stages: a compiled route rule (split,
 * timeouts, retry policy, fault) and the outcome codes of one attempt.
 */
import type { Rng } from '../../kernel/rng'
import type { BackOff } from '../retry/backoff'
import type { DurationSampler } from '../../traffic/distributions'

/** How an attempt ended, as the client sidecar sees it. */
export const REASON = {
  /** The upstream answered with a status. */
  response: 0,
  /** The upstream reset the stream (its replica crashed mid-request). */
  reset: 1,
  /** No connection could be made (refused, or the connect timeout expired). */
  connect_failure: 2,
  /** The per-try timeout reset the attempt. */
  per_try_timeout: 3,
  /** Local: a circuit breaker refused the request (Envoy reset reason Overflow, flag UO). */
  overflow: 4,
} as const

/** A compiled retry policy; times in µs, conditions as a bit mask (see retryDecision.ts). */
export interface RetryRt {
  /** `RETRY_MODE` code: Envoy, Linkerd HTTPRoute or Linkerd ServiceProfile semantics. */
  readonly mode: number
  readonly attempts: number
  readonly perTryTimeoutUs: number
  readonly mask: number
  readonly codes: readonly number[]
  readonly backoffBaseMs: number
  readonly backoffMaxMs: number
  readonly previousHosts: boolean
  readonly hostSelectionRetryMaxAttempts: number
}

/** A compiled fault-injection policy (Envoy fault filter). */
export interface FaultRt {
  readonly delayPercent: number
  readonly delayFixedUs: number
  readonly delaySampler: DurationSampler | null
  readonly abortPercent: number
  readonly abortStatus: number
}

/** A compiled route rule. Split weights are mutable: rollouts move them. */
export interface RuleRt {
  readonly id: number
  readonly name: string
  readonly service: number
  /** Cluster id per split entry, and cumulative weights (Envoy weighted_clusters). */
  splitClusters: Int32Array
  splitCumulative: Float64Array
  splitTotal: number
  readonly timeoutUs: number
  readonly retry: RetryRt | null
  readonly fault: FaultRt | null
  readonly mirrorCluster: number
  readonly mirrorPercent: number
  /** The rule's random stream: split, fault sampling, mirroring, retry back-off. */
  readonly rng: Rng
  /** The engine's timer queues for this rule's route and per-try timeouts (−1: none). */
  readonly routeTimer: number
  readonly perTryTimer: number
  /** Back-off strategies of finished requests, reused (reset) by the next retrying request. */
  readonly backoffPool: BackOff[]
}
