/**
 * Linkerd's consecutive-failures failure accrual (the endpoint circuit breaker).
 *
 * Algorithm (`ConsecutiveFailures` in linkerd2-proxy, with `linkerd-exp-backoff`):
 *   closed (Linkerd's gate Open): a failure increments the counter, a success zeroes it; the
 *     `maxFailures`-th consecutive failure opens the breaker with back-off iteration n = 0.
 *   open (gate Shut): responses are ignored until the penalty backoff(n) has elapsed.
 *   probation (gate Limited(1)): one request is admitted; the next response recorded closes
 *     the breaker on success (counter 0, n restarts at 0) or re-opens it with n + 1.
 *   backoff(n) = base + min(jitter, max − base),   base = min(min·2^n, max)   (2^n saturating at 2^32 − 1)
 *   jitter     = Duration::new(trunc(secs(base)·u·ratio), trunc(subsec_nanos(base)·u·ratio))
 * where u ∈ [0, 1) is the rand crate's f64 from one 64-bit draw: (random() >> 11) · 2^−53.
 * No draw is made when the jitter ratio is 0. Because Rust multiplies the whole seconds and the
 * sub-second nanoseconds separately and truncates each, a whole-second base only gains whole
 * seconds of jitter: with the defaults (1 s, ratio 0.5) the 1 s and 2 s penalties get none.
 * The penalty runs from the response that opened (or re-opened) the breaker; it ends at
 * exactly start + backoff(n) (a tokio sleep fires at its deadline).
 * No tie-breaking applies. O(1) per call.
 *
 * NOTE(model): Linkerd feeds responses through a bounded channel; here record() applies each
 * response at once. The probation result is whatever response is recorded first once the
 * penalty has elapsed, as in Linkerd (a straggler can decide it).
 *
 * @see https://github.com/linkerd/linkerd2-proxy/blob/main/linkerd/app/outbound/src/http/breaker/consecutive_failures.rs
 * @see https://github.com/linkerd/linkerd2-proxy/blob/main/linkerd/exp-backoff/src/lib.rs
 */
import type { Random64 } from '../random64'

/** Breaker state in breaker terms: 'closed' passes traffic, 'open' rejects, 'probation' admits one request. */
export type FailureAccrualState = 'closed' | 'open' | 'probation'

/** The conformance surface of failure accrual. */
export interface FailureAccrual {
  /** Records one classified response (ok = not a failure). Ignored while 'open'. */
  record(ok: boolean, nowMs: number): void
  /** The state at `nowMs`; 'open' turns into 'probation' once the penalty has elapsed. */
  state(nowMs: number): FailureAccrualState
}

/** `FailureAccrual` plus admission control and read-only views for a simulator. */
export interface InspectableFailureAccrual extends FailureAccrual {
  /** Asks to send a request: always in 'closed', never in 'open', once per probation. */
  admit(nowMs: number): boolean
  /** Consecutive failures counted in 'closed'. */
  consecutiveFailures(): number
  /** End of the current penalty, or undefined while 'closed'. */
  penaltyEndMs(): number | undefined
}

/** Failure-accrual parameters (`balancer.linkerd.io/failure-accrual-consecutive-*`). */
export interface FailureAccrualOptions {
  /** Default 7. */
  maxFailures?: number
  /** Default 1 000 ms. */
  minPenaltyMs?: number
  /** Default 60 000 ms. */
  maxPenaltyMs?: number
  /** Default 0.5; within [0, 100]. */
  jitterRatio?: number
}

const NANOS_PER_SEC = 1e9
const NANOS_PER_MILLI = 1e6
const U32_MAX = 2 ** 32 - 1

/**
 * One exponential back-off delay in ms, exactly as `linkerd-exp-backoff` computes it.
 *
 * @param n back-off iteration (0 for the first penalty).
 * @param u uniform sample in [0, 1) (ignored when `jitterRatio` is 0).
 * @example
 * failureAccrualBackoffMs(0, { minPenaltyMs: 1000, maxPenaltyMs: 60000, jitterRatio: 0 }, 0) // 1000
 */
export function failureAccrualBackoffMs(
  n: number,
  params: { minPenaltyMs: number; maxPenaltyMs: number; jitterRatio: number },
  u: number,
): number {
  const minNs = Math.round(params.minPenaltyMs * NANOS_PER_MILLI)
  const maxNs = Math.round(params.maxPenaltyMs * NANOS_PER_MILLI)
  const baseNs = Math.min(minNs * Math.min(2 ** n, U32_MAX), maxNs)
  if (params.jitterRatio === 0) return baseNs / NANOS_PER_MILLI
  const factor = u * params.jitterRatio
  const wholeSecs = Math.floor(baseNs / NANOS_PER_SEC)
  const secs = Math.trunc(wholeSecs * factor)
  const nanos = Math.min(Math.trunc((baseNs - wholeSecs * NANOS_PER_SEC) * factor), U32_MAX)
  const jitterNs = Math.min(secs * NANOS_PER_SEC + nanos, maxNs - baseNs)
  return (baseNs + jitterNs) / NANOS_PER_MILLI
}

/** The rand crate's `Standard` f64 from 64 random bits: the top 53 bits scaled into [0, 1). */
export function unitIntervalFromRandom64(bits: bigint): number {
  return Number(BigInt.asUintN(64, bits) >> 11n) / 2 ** 53
}

function validate(maxFailures: number, minMs: number, maxMs: number, jitter: number): void {
  if (!(Number.isInteger(maxFailures) && maxFailures >= 0)) throw new RangeError(`maxFailures must be an integer ≥ 0, got ${maxFailures}`)
  // ExponentialBackoff::try_new's checks.
  if (!(minMs >= 0 && minMs <= maxMs)) throw new RangeError('maximum penalty must not be less than minimum penalty')
  if (!(maxMs > 0 && Number.isFinite(maxMs))) throw new RangeError('maximum penalty must be non-zero and finite')
  if (!(jitter >= 0 && jitter <= 100)) throw new RangeError(`jitterRatio must be within [0, 100], got ${jitter}`)
}

/**
 * Creates one endpoint's consecutive-failures breaker, starting 'closed'.
 *
 * @example
 * const fa = createFailureAccrual({ maxFailures: 2, jitterRatio: 0 }, { random })
 * fa.record(false, 0); fa.record(false, 0) // opens for 1 s
 * fa.state(1000) // 'probation'
 * @throws RangeError on options Linkerd would reject.
 * @see https://linkerd.io/2-edge/reference/circuit-breaking/
 */
export function createFailureAccrual(opts: FailureAccrualOptions, ctx: { random: Random64 }): InspectableFailureAccrual {
  const params = {
    minPenaltyMs: opts.minPenaltyMs ?? 1000,
    maxPenaltyMs: opts.maxPenaltyMs ?? 60_000,
    jitterRatio: opts.jitterRatio ?? 0.5,
  }
  const maxFailures = opts.maxFailures ?? 7
  validate(maxFailures, params.minPenaltyMs, params.maxPenaltyMs, params.jitterRatio)
  const { random } = ctx
  let shut = false
  let failures = 0
  let iteration = 0
  let penaltyEnd = 0
  let probeAdmitted = false

  const openAt = (nowMs: number, n: number): void => {
    const u = params.jitterRatio === 0 ? 0 : unitIntervalFromRandom64(random())
    shut = true
    iteration = n
    penaltyEnd = nowMs + failureAccrualBackoffMs(n, params, u)
    probeAdmitted = false
  }
  const state = (nowMs: number): FailureAccrualState => (!shut ? 'closed' : nowMs < penaltyEnd ? 'open' : 'probation')

  return {
    record(ok, nowMs) {
      if (!shut) {
        if (ok) failures = 0
        else if (++failures === maxFailures) openAt(nowMs, 0)
        return
      }
      if (nowMs < penaltyEnd) return
      if (!ok) return openAt(nowMs, iteration + 1)
      shut = false
      failures = 0
    },
    state,
    admit(nowMs) {
      const s = state(nowMs)
      if (s !== 'probation') return s === 'closed'
      if (probeAdmitted) return false
      probeAdmitted = true
      return true
    },
    consecutiveFailures: () => failures,
    penaltyEndMs: () => (shut ? penaltyEnd : undefined),
  }
}
