import { describe, expect, it } from 'vitest'
import { Rng } from '../kernel/rng'
import { Z_99, compileDistribution, drawUs } from './distributions'

function sample(d: Parameters<typeof compileDistribution>[0], n = 200_000): number[] {
  const s = compileDistribution(d)
  const rng = new Rng(3, 'dist-test')
  return Array.from({ length: n }, () => drawUs(s, rng)).sort((a, b) => a - b)
}
const quantile = (sorted: number[], q: number): number => sorted[Math.floor(q * (sorted.length - 1))]!
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

describe('service-time distributions', () => {
  it('constant: always the value, in whole µs', () => {
    expect(new Set(sample({ kind: 'constant', value: 2.5 }, 100))).toEqual(new Set([2500]))
  })

  it('exponential: the mean (200 000 draws, σ(mean) = 0.22 %)', () => {
    expect(Math.abs(mean(sample({ kind: 'exponential', mean: 4 })) / 4000 - 1)).toBeLessThan(0.011)
  })

  it('lognormal: the fitted median and 99th percentile are the given p50 and p99', () => {
    const xs = sample({ kind: 'lognormal', p50: 5, p99: 40 })
    // sampling error of the median ≈ 0.4 %, of p99 ≈ 1.5 % at n = 200 000
    expect(Math.abs(quantile(xs, 0.5) / 5000 - 1)).toBeLessThan(0.02)
    expect(Math.abs(quantile(xs, 0.99) / 40_000 - 1)).toBeLessThan(0.06)
    const sigma = Math.log(8) / Z_99
    expect(compileDistribution({ kind: 'lognormal', p50: 5, p99: 40 }).meanMs).toBeCloseTo(5 * Math.exp((sigma * sigma) / 2), 9)
  })

  it('empirical: only the samples, each about equally often', () => {
    const xs = sample({ kind: 'empirical', samples: [1, 2, 3, 10] }, 40_000)
    const counts = new Map<number, number>()
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1)
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1000, 2000, 3000, 10_000])
    for (const c of counts.values()) expect(Math.abs(c - 10_000)).toBeLessThan(500) // σ ≈ 87
    expect(compileDistribution({ kind: 'empirical', samples: [1, 2, 3, 10] }).meanMs).toBe(4)
  })
})
