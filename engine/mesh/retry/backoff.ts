/**
 * Envoy retry back-off strategies.
 *
 * Algorithm (JitteredExponentialBackOffStrategy, the router's default):
 *   interval = next;  next = next < floor(max / 2) ? next × 2 : max
 *   delay    = min(random() % interval, max)         — uniform in [0, interval)
 * starting at next = base; `reset()` restores next = base, `reset(b)` first sets base = b
 * (max and its halving limit stay as constructed). With base 25 and max 250 the bounds are
 * 25, 50, 100, 200, 250, 250 … ms. The router's doc still gives the older `(2^N − 1)·base`
 * ranges; this follows the code (see mesh-algorithms.md §8.4, §16.1).
 * Lower-bound strategy (rate-limited retries, Retry-After): delay = min + random() % (min >> 1),
 * i.e. uniform in [min, 1.5·min). Fixed: always the interval.
 * No tie-breaking applies. O(1) per call; each jittered call draws exactly one random().
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/common/backoff_strategy.cc
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/common/backoff_strategy.h
 */
import type { Random64 } from '../random64'

/** A retry back-off strategy, shaped like Envoy's `BackOffStrategy`. */
export interface BackOff {
  /** The next delay in whole milliseconds; advances the strategy. */
  nextMs(): number
  /** Restarts the sequence; with `baseMs`, first replaces the base (or min / fixed) interval. */
  reset(baseMs?: number): void
}

/** Envoy's default retry base interval (runtime `upstream.base_retry_backoff_ms`). */
export const DEFAULT_RETRY_BASE_MS = 25
/** `max_interval` defaults to this multiple of the base interval. */
export const DEFAULT_MAX_INTERVAL_FACTOR = 10

function checkPositiveInt(name: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive integer (ms), got ${value}`)
  }
}

/**
 * Fully jittered exponential back-off (`JitteredExponentialBackOffStrategy`).
 *
 * @param opts.baseMs first interval bound, integer ms > 0.
 * @param opts.maxMs cap, integer ms ≥ baseMs; default 10 × baseMs.
 * @param opts.random uint64 source; one draw per `nextMs()`.
 * @example
 * // base 25 ms, default max 250 ms: delays are drawn from [0,25), [0,50), [0,100), [0,200), [0,250) …
 * const b = jitteredBackOff({ baseMs: 25, random })
 * @throws RangeError when baseMs or maxMs is not a positive integer, or maxMs < baseMs.
 * @see https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter#x-envoy-max-retries
 */
export function jitteredBackOff(opts: { baseMs: number; maxMs?: number; random: Random64 }): BackOff {
  let baseMs = opts.baseMs
  const maxMs = opts.maxMs ?? baseMs * DEFAULT_MAX_INTERVAL_FACTOR
  checkPositiveInt('baseMs', baseMs)
  checkPositiveInt('maxMs', maxMs)
  if (baseMs > maxMs) throw new RangeError(`baseMs (${baseMs}) must not exceed maxMs (${maxMs})`)
  // Envoy's `doubling_limit_{max_interval_ / 2u}`: unsigned integer division.
  const doublingLimit = Math.floor(maxMs / 2)
  const random = opts.random
  let nextInterval = baseMs
  return {
    nextMs(): number {
      const interval = nextInterval
      nextInterval = nextInterval < doublingLimit ? nextInterval * 2 : maxMs
      return Math.min(Number(random() % BigInt(interval)), maxMs)
    },
    reset(newBaseMs?: number): void {
      if (newBaseMs !== undefined) {
        checkPositiveInt('baseMs', newBaseMs)
        baseMs = newBaseMs
      }
      nextInterval = baseMs
    },
  }
}

/**
 * Constant back-off (`FixedBackOffStrategy`): every `nextMs()` returns the interval.
 *
 * @throws RangeError when intervalMs is not a positive integer.
 */
export function fixedBackOff(opts: { intervalMs: number }): BackOff {
  let intervalMs = opts.intervalMs
  checkPositiveInt('intervalMs', intervalMs)
  return {
    nextMs: () => intervalMs,
    reset(newIntervalMs?: number): void {
      if (newIntervalMs === undefined) return
      checkPositiveInt('intervalMs', newIntervalMs)
      intervalMs = newIntervalMs
    },
  }
}

function checkLowerBound(minMs: number): void {
  // min >> 1 must be non-zero, or Envoy's `random() % (min >> 1)` divides by zero.
  if (!Number.isInteger(minMs) || minMs < 2) {
    throw new RangeError(`minMs must be an integer ≥ 2, got ${minMs}`)
  }
}

/**
 * Rate-limited back-off with a lower bound (`JitteredLowerBoundBackOffStrategy`), used for
 * `rate_limited_retry_back_off` with a Retry-After style header:
 * `nextMs() = minMs + random() % (minMs >> 1)`; `reset(ms)` sets minMs, `reset()` does nothing.
 *
 * @example
 * lowerBoundBackOff({ minMs: 500, random: mockRandom([22]) }).nextMs() // 522
 * @throws RangeError when minMs is not an integer ≥ 2.
 */
export function lowerBoundBackOff(opts: { minMs: number; random: Random64 }): BackOff {
  let minMs = opts.minMs
  checkLowerBound(minMs)
  const random = opts.random
  return {
    nextMs: () => Number(random() % BigInt(minMs >> 1)) + minMs,
    reset(newMinMs?: number): void {
      if (newMinMs === undefined) return
      checkLowerBound(newMinMs)
      minMs = newMinMs
    },
  }
}
