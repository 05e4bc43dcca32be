/**
 * Service-time (and delay) distributions, compiled once into a sampler drawn per request.
 *
 * - constant: the value.
 * - exponential(mean): −mean · ln(1 − U) (inversion, one 53-bit uniform).
 * - lognormal(p50, p99): ln X ~ N(μ, σ²) with μ = ln p50 and σ = ln(p99 / p50) / z₀.₉₉,
 *   z₀.₉₉ = 2.3263478740408408 (the standard normal's 99th percentile), so the fitted
 *   distribution has exactly the given median and 99th percentile; mean = e^(μ + σ²/2).
 * - empirical(samples): one of the samples, uniformly (bootstrap).
 * Draws return whole microseconds (the clock's resolution), never negative.
 * Complexity: O(1) per draw.
 */
import type { Rng } from '../kernel/rng'
import type { ServiceTime } from '../model/types'

/** The standard normal's 99th percentile. */
export const Z_99 = 2.3263478740408408

const CONSTANT = 0
const EXPONENTIAL = 1
const LOGNORMAL = 2
const EMPIRICAL = 3

/** A compiled duration distribution. */
export interface DurationSampler {
  readonly code: number
  /** constant: value µs; exponential: mean µs; lognormal: μ of ln(µs). */
  readonly p1: number
  /** lognormal: σ. */
  readonly p2: number
  /** empirical: the samples in µs. */
  readonly samples: Float64Array
  /** The distribution's mean, ms. */
  readonly meanMs: number
}

/** Compiles a scenario distribution (milliseconds) into a sampler. */
export function compileDistribution(d: ServiceTime): DurationSampler {
  const empty = new Float64Array(0)
  switch (d.kind) {
    case 'constant':
      return { code: CONSTANT, p1: d.value * 1000, p2: 0, samples: empty, meanMs: d.value }
    case 'exponential':
      return { code: EXPONENTIAL, p1: d.mean * 1000, p2: 0, samples: empty, meanMs: d.mean }
    case 'lognormal': {
      const mu = Math.log(d.p50 * 1000)
      const sigma = Math.log(d.p99 / d.p50) / Z_99
      return { code: LOGNORMAL, p1: mu, p2: sigma, samples: empty, meanMs: Math.exp(mu + (sigma * sigma) / 2) / 1000 }
    }
    case 'empirical': {
      const samples = Float64Array.from(d.samples, (x) => x * 1000)
      const meanMs = d.samples.reduce((a, b) => a + b, 0) / d.samples.length
      return { code: EMPIRICAL, p1: 0, p2: 0, samples, meanMs }
    }
  }
}

/** Draws one duration in whole microseconds (≥ 0). */
export function drawUs(s: DurationSampler, rng: Rng): number {
  let us: number
  switch (s.code) {
    case CONSTANT:
      us = s.p1
      break
    case EXPONENTIAL:
      us = rng.exponential(s.p1)
      break
    case LOGNORMAL:
      us = Math.exp(s.p1 + s.p2 * rng.normal())
      break
    default:
      us = s.samples[rng.below(s.samples.length)]!
  }
  return us > 0 ? Math.round(us) : 0
}
