/**
 * Time-decayed exponentially weighted moving average: linkerd2-proxy's `linkerd-ewma` crate
 * (used by its penalty-aware Peak-EWMA and its unified breaker's success-rate EWMA).
 *
 * Algorithm, with decay τ (floored at 1 ms) and the stored pair (value, timestamp):
 *   add(x, t):     ignored if t ≤ timestamp; if value = +∞ (no sample yet) → value = x;
 *                  else α = 1 − exp(−(t − timestamp)/τ), value = value·(1 − α) + x·α
 *   addPeak(x, t): if value is ±∞ or getAt(t) < x → value = x (timestamp = t, even if earlier);
 *                  else add(x, t)
 *   getAt(t):      value·exp(−(t − timestamp)/τ), or value itself if infinite or t ≤ timestamp
 *   get():         the stored value, without decay
 * Elapsed times are taken as Rust's `Duration::as_secs_f64` of whole nanoseconds. No
 * tie-breaking applies. O(1) per call, no allocation.
 *
 * @see https://github.com/linkerd/linkerd2-proxy/blob/main/linkerd/ewma/src/lib.rs
 */

/** The conformance surface of the EWMA. Times are in seconds. */
export interface Ewma {
  /** Folds in a sample taken at `nowS`; samples at or before the last update are ignored. */
  add(value: number, nowS: number): void
  /** Replaces the average when `value` exceeds its decayed projection, else `add()`s it. */
  addPeak(value: number, nowS: number): void
  /** The stored value (no decay); +Infinity before the first sample unless an initial value was given. */
  get(): number
}

/** `Ewma` plus the crate's other operations. */
export interface FullEwma extends Ewma {
  /** The value decayed to `nowS` without changing state. */
  getAt(nowS: number): number
  /** Adds the instantaneous rate 1/(now − last update); ignored unless time has advanced. */
  addRate(nowS: number): void
  /** Overwrites value and timestamp. */
  reset(value: number, nowS: number): void
}

/** linkerd-ewma's `MIN_DECAY` (1 ms), in seconds. */
export const MIN_EWMA_DECAY_S = 0.001

/** `Duration::as_secs_f64` of a span given in seconds, after rounding it to whole nanoseconds. */
function asSecsF64(spanS: number): number {
  const ns = Math.round(spanS * 1e9)
  const secs = Math.floor(ns / 1e9)
  return secs + (ns - secs * 1e9) / 1e9
}

/**
 * Creates an EWMA.
 *
 * @param opts.decayS time constant in seconds (floored at 1 ms).
 * @param opts.initial starting value, default +Infinity (`Ewma::new`); a finite value is `new_with_value`.
 * @param opts.nowS creation time in seconds, default 0.
 * @example
 * const e = createEwma({ decayS: 10 })
 * e.add(1, 1)   // first sample replaces +∞ → 1
 * e.add(0, 11)  // one time constant later → e^−1 ≈ 0.3679
 * @throws RangeError when decayS is negative or not finite.
 */
export function createEwma(opts: { decayS: number; initial?: number; nowS?: number }): FullEwma {
  if (!(opts.decayS >= 0 && Number.isFinite(opts.decayS))) throw new RangeError(`decayS must be ≥ 0, got ${opts.decayS}`)
  const decay = asSecsF64(Math.max(opts.decayS, MIN_EWMA_DECAY_S))
  let value = opts.initial ?? Number.POSITIVE_INFINITY
  let timestamp = opts.nowS ?? 0
  const isInfinite = (v: number): boolean => v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY

  const getAt = (nowS: number): number => {
    if (isInfinite(value) || nowS <= timestamp) return value
    return value * Math.exp(-asSecsF64(nowS - timestamp) / decay)
  }
  const add = (sample: number, nowS: number): void => {
    if (nowS <= timestamp) return
    if (value === Number.POSITIVE_INFINITY) {
      value = sample
      timestamp = nowS
      return
    }
    const alpha = 1 - Math.exp(-asSecsF64(nowS - timestamp) / decay)
    value = value * (1 - alpha) + sample * alpha
    timestamp = nowS
  }

  return {
    add,
    addPeak(sample, nowS) {
      if (isInfinite(value) || getAt(nowS) < sample) {
        value = sample
        timestamp = nowS
        return
      }
      add(sample, nowS)
    },
    get: () => value,
    getAt,
    addRate(nowS) {
      if (nowS <= timestamp) return
      const elapsed = asSecsF64(nowS - timestamp)
      if (elapsed !== 0) add(1 / elapsed, nowS)
    },
    reset(newValue, nowS) {
      value = newValue
      timestamp = nowS
    },
  }
}
