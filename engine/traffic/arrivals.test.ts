import { describe, expect, it } from 'vitest'
import { Rng } from '../kernel/rng'
import type { Load } from '../model/types'
import { ArrivalProcess, cumulativeWeights, pickWeighted } from './arrivals'

/** Arrival times (µs) in [start, endUs). */
function arrivals(load: Exclude<Load, { kind: 'closed_loop' }>, endUs: number, startUs = 0): number[] {
  const p = new ArrivalProcess(load, startUs, new Rng(1, 'arrivals'))
  const out: number[] = []
  for (let t = p.first(); t < endUs; t = p.next(t)) out.push(t)
  return out
}
const countIn = (ts: number[], from: number, to: number): number => ts.filter((t) => t >= from && t < to).length

describe('arrival processes', () => {
  it('constant: evenly spaced, no drift from rounding', () => {
    const ts = arrivals({ kind: 'constant', rate: 3 }, 10_000_000)
    expect(ts).toHaveLength(30)
    expect(ts[0]).toBe(0)
    expect(ts[29]).toBe(Math.round((29 * 1e6) / 3))
  })

  it('poisson: the rate, and exponential gaps (coefficient of variation 1)', () => {
    const ts = arrivals({ kind: 'poisson', rate: 1000 }, 100_000_000)
    expect(Math.abs(ts.length - 100_000)).toBeLessThan(1600) // σ = 316
    const gaps = ts.slice(1).map((t, i) => t - ts[i]!)
    const m = gaps.reduce((a, b) => a + b, 0) / gaps.length
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - m) ** 2, 0) / gaps.length)
    expect(sd / m).toBeGreaterThan(0.97)
    expect(sd / m).toBeLessThan(1.03)
  })

  it('step: each step’s rate over its interval; zero before the first step', () => {
    const ts = arrivals({ kind: 'step', steps: [{ at: 10_000, rate: 100 }, { at: 20_000, rate: 1000 }] }, 30_000_000)
    expect(countIn(ts, 0, 10_000_000)).toBe(0)
    expect(Math.abs(countIn(ts, 10_000_000, 20_000_000) - 1000)).toBeLessThan(160) // σ = 32
    expect(Math.abs(countIn(ts, 20_000_000, 30_000_000) - 10_000)).toBeLessThan(500) // σ = 100
  })

  it('burst: the burst rate inside [k·every, k·every + length), the base rate outside', () => {
    const ts = arrivals({ kind: 'burst', rate: 100, burstRate: 2000, every: 10_000, length: 2000 }, 30_000_000)
    expect(Math.abs(countIn(ts, 0, 10_000_000) - 1000)).toBeLessThan(160)
    expect(Math.abs(countIn(ts, 10_000_000, 12_000_000) - 4000)).toBeLessThan(320) // σ = 63
    expect(Math.abs(countIn(ts, 12_000_000, 20_000_000) - 800)).toBeLessThan(145)
  })

  it('ramp: the rate rises linearly, then holds', () => {
    const ts = arrivals({ kind: 'ramp', from: 0, to: 2000, over: 10_000 }, 20_000_000)
    expect(Math.abs(countIn(ts, 0, 5_000_000) - 2500)).toBeLessThan(250) // ∫ 0..5 s of 200 t dt, σ = 50
    expect(Math.abs(countIn(ts, 5_000_000, 10_000_000) - 7500)).toBeLessThan(435)
    expect(Math.abs(countIn(ts, 10_000_000, 20_000_000) - 20_000)).toBeLessThan(710)
  })

  it('a source start shifts the process; a zero rate never arrives', () => {
    expect(arrivals({ kind: 'constant', rate: 1 }, 10_000_000, 5_000_000)[0]).toBe(5_000_000)
    expect(arrivals({ kind: 'poisson', rate: 0 }, 10_000_000)).toEqual([])
  })

  it('pickWeighted honours weights and never picks weight 0', () => {
    const { cumulative, total } = cumulativeWeights([1, 0, 3])
    const rng = new Rng(2, 'mix')
    const n = [0, 0, 0]
    for (let i = 0; i < 40_000; i++) n[pickWeighted(cumulative, total, rng)]!++
    expect(n[1]).toBe(0)
    expect(Math.abs(n[0]! - 10_000)).toBeLessThan(435) // σ = 87
  })
})
