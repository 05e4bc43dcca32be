/**
 * Open-loop arrival processes: given the time of an arrival, the time of the next one.
 *
 * - constant(rate): evenly spaced, 1/rate apart (the ideal time is kept in a double so
 *   rounding to µs never drifts).
 * - poisson(rate): exponential gaps with mean 1/rate.
 * - step(steps) and burst(rate, burstRate, every, length): Poisson with a piecewise-constant
 *   rate. A gap is drawn at the current rate; if it crosses the next rate change the process
 *   restarts at the change (exact, by memorylessness). Bursts occupy [k·every, k·every +
 *   length) for k = 1, 2, …; before the first step the rate is 0.
 * - ramp(from, to, over): Poisson with rate from + (to − from)·min(1, t/over), by thinning
 *   (Lewis & Shedler): candidates at the peak rate, each kept with probability λ(t)/λmax.
 * Times are µs relative to the run; the source's start shifts the rate functions.
 * NOTE(model): step, burst and ramp are Poisson processes (random gaps around the rate), not
 * evenly spaced arrivals.
 * Complexity: O(1) expected per arrival (thinning: λmax/λ̄ candidates).
 */
import type { Rng } from '../kernel/rng'
import type { Load } from '../model/types'

type OpenLoad = Exclude<Load, { kind: 'closed_loop' }>

/** The state of one open-loop arrival process. */
export class ArrivalProcess {
  private idealUs: number

  constructor(
    private readonly load: OpenLoad,
    private readonly startUs: number,
    private readonly rng: Rng,
  ) {
    this.idealUs = startUs
  }

  /** The first arrival at or after the source's start; +Infinity if none ever comes. */
  first(): number {
    if (this.load.kind === 'constant') return this.load.rate > 0 ? this.startUs : Number.POSITIVE_INFINITY
    return this.next(this.startUs)
  }

  /** The arrival after the one at `nowUs` (integer µs, ≥ nowUs), or +Infinity. */
  next(nowUs: number): number {
    const load = this.load
    switch (load.kind) {
      case 'constant':
        if (load.rate <= 0) return Number.POSITIVE_INFINITY
        this.idealUs += 1e6 / load.rate
        return Math.max(nowUs, Math.round(this.idealUs))
      case 'poisson':
        return load.rate > 0 ? nowUs + Math.round(this.rng.exponential(1e6 / load.rate)) : Number.POSITIVE_INFINITY
      case 'ramp':
        return this.nextRamp(load, nowUs)
      default:
        return this.nextPiecewise(nowUs)
    }
  }

  private nextRamp(load: Extract<OpenLoad, { kind: 'ramp' }>, nowUs: number): number {
    const peak = Math.max(load.from, load.to)
    if (peak <= 0) return Number.POSITIVE_INFINITY
    const overUs = load.over * 1000
    let t = nowUs
    for (let guard = 0; guard < 1_000_000; guard++) {
      t += this.rng.exponential(1e6 / peak)
      const frac = overUs > 0 ? Math.min(1, (t - this.startUs) / overUs) : 1
      const rate = load.from + (load.to - load.from) * frac
      if (this.rng.uniform() * peak < rate) return Math.round(t)
      if (frac >= 1 && rate <= 0) return Number.POSITIVE_INFINITY
    }
    return Number.POSITIVE_INFINITY
  }

  private nextPiecewise(nowUs: number): number {
    let t = nowUs
    for (let guard = 0; guard < 100_000; guard++) {
      const { rate, untilUs } = this.rateAt(t)
      if (rate > 0) {
        const candidate = t + this.rng.exponential(1e6 / rate)
        if (candidate < untilUs) return Math.max(nowUs, Math.round(candidate))
      }
      if (!Number.isFinite(untilUs)) return Number.POSITIVE_INFINITY
      t = untilUs
    }
    return Number.POSITIVE_INFINITY
  }

  /** The rate at `t` (µs) and the time it next changes. */
  private rateAt(t: number): { rate: number; untilUs: number } {
    const load = this.load
    const rel = t - this.startUs
    if (load.kind === 'step') {
      let rate = 0
      let untilUs = Number.POSITIVE_INFINITY
      for (const s of load.steps) {
        const at = s.at * 1000
        if (at <= rel) rate = s.rate
        else if (this.startUs + at < untilUs) untilUs = this.startUs + at
      }
      return { rate, untilUs }
    }
    if (load.kind !== 'burst') return { rate: 0, untilUs: Number.POSITIVE_INFINITY }
    const every = load.every * 1000
    const length = Math.min(load.length * 1000, every)
    if (every <= 0) return { rate: load.rate, untilUs: Number.POSITIVE_INFINITY }
    const k = Math.floor(rel / every)
    const phase = rel - k * every
    const base = this.startUs + k * every
    if (k >= 1 && phase < length) return { rate: load.burstRate, untilUs: base + length }
    return { rate: load.rate, untilUs: base + every }
  }
}

/** Picks an index by integer weights (cumulative table, one draw). */
export function pickWeighted(cumulative: Float64Array, total: number, rng: Rng): number {
  const last = cumulative.length - 1
  if (last <= 0 || total <= 0) return 0
  const r = rng.below(total)
  let i = 0
  while (i < last && cumulative[i]! <= r) i++
  return i
}

/** Builds the cumulative table for `pickWeighted`. */
export function cumulativeWeights(weights: readonly number[]): { cumulative: Float64Array; total: number } {
  const cumulative = new Float64Array(weights.length)
  let total = 0
  weights.forEach((w, i) => {
    total += w
    cumulative[i] = total
  })
  return { cumulative, total }
}
