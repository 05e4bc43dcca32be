import { describe, expect, it } from 'vitest'
import { mockRandom } from '../random64'
import { createBalancer } from './balancer'
import type { HostState } from './balancer'
import { createSlowStart } from './slowStart'

const host = (key: string, extra: Partial<HostState> = {}): HostState => ({ key, weight: 1, healthy: true, active: 0, ...extra })

describe('slow start: weight factor', () => {
  it('linear ramp with a 10 % floor by default', () => {
    const s = createSlowStart({ windowMs: 60_000 }, 0)
    const h = host('a', { lastHealthCheckPassMs: 0 })
    expect(s.apply(1, h, 3_000)).toBe(0.1) // 3/60 = 0.05 < 0.1
    expect(s.apply(1, h, 12_000)).toBeCloseTo(0.2, 15)
    expect(s.apply(2, h, 30_000)).toBeCloseTo(1.0, 15)
    expect(s.apply(2, h, 60_000)).toBe(2) // window over
  })

  it('aggression 2 takes the square root (Envoy: 6 s of 60 s → max(√0.1, 0.1) ≈ 0.31)', () => {
    const s = createSlowStart({ windowMs: 60_000, aggression: 2 }, 0)
    expect(s.apply(1, host('a', { lastHealthCheckPassMs: 0 }), 6_000)).toBeCloseTo(Math.sqrt(0.1), 15)
  })

  it('minWeightPercent raises the floor (Envoy: 12 s of 60 s with 35 % → 0.35)', () => {
    const s = createSlowStart({ windowMs: 60_000, minWeightPercent: 35 }, 0)
    expect(s.apply(1, host('a', { lastHealthCheckPassMs: 0 }), 12_000)).toBeCloseTo(0.35, 15)
  })

  it('time in slow start is at least 1 ms; invalid aggression falls back to 1', () => {
    const s = createSlowStart({ windowMs: 1_000, aggression: -3 }, 0)
    expect(s.apply(1, host('a', { lastHealthCheckPassMs: 5 }), 5)).toBe(0.1)
    const t = createSlowStart({ windowMs: 1_000, aggression: Number.NaN, minWeightPercent: 0 }, 0)
    expect(t.apply(1, host('a', { lastHealthCheckPassMs: 0 }), 500)).toBe(0.5)
  })

  it('an unhealthy host, or one never seen healthy without a pass time, is not scaled', () => {
    const s = createSlowStart({ windowMs: 60_000 }, 0)
    expect(s.apply(1, host('a', { healthy: false, lastHealthCheckPassMs: 0 }), 1_000)).toBe(1)
    expect(s.apply(1, host('b'), 1_000)).toBe(1)
  })

  it('a host without a pass time starts its window when first observed healthy', () => {
    const s = createSlowStart({ windowMs: 10_000 }, 0)
    const h = host('a')
    s.observe([h], 4_000)
    expect(s.apply(1, h, 9_000)).toBeCloseTo(0.5, 15)
    expect(h.lastHealthCheckPassMs).toBeUndefined() // HostState is not written to
  })

  it('is active for a window after construction and after the newest host pass', () => {
    const s = createSlowStart({ windowMs: 10_000 }, 1_000)
    expect(s.isActive(11_000)).toBe(true)
    expect(s.isActive(11_001)).toBe(false)
    s.observe([host('a', { lastHealthCheckPassMs: 20_000 })], 25_000)
    expect(s.isActive(30_000)).toBe(true)
    expect(s.isActive(30_001)).toBe(false)
    expect(createSlowStart(undefined, 0).isActive(0)).toBe(false)
  })
})

describe('slow start in the balancers', () => {
  it('round_robin: equal weights use EDF while a host is in slow start (0.2 vs 1 → 4:1)', () => {
    let now = 100_000
    const old = host('old', { lastHealthCheckPassMs: 0 })
    const fresh = host('new', { lastHealthCheckPassMs: 88_000 })
    const lb = createBalancer('round_robin', [old, fresh], { slowStart: { windowMs: 60_000 } }, { random: mockRandom([]), nowMs: () => now })
    // fresh: 12 s of 60 s → weight 0.2; deadlines 1,2,3,4,5 vs 5: FIFO gives old four picks first.
    expect(Array.from({ length: 5 }, () => lb.pick())).toEqual([0, 0, 0, 0, 1])
    now = 200_000
    lb.setHosts([old, fresh])
    // Window over: back to the unweighted index, which was never advanced (seed 0).
    expect(Array.from({ length: 4 }, () => lb.pick())).toEqual([0, 1, 0, 1])
  })

  it('least_request: the slow-start factor multiplies weight / (active + 1)', () => {
    const now = 100_000
    const old = host('old', { lastHealthCheckPassMs: 0, active: 1 })
    const fresh = host('new', { lastHealthCheckPassMs: 70_000 })
    const lb = createBalancer('least_request', [old, fresh], { slowStart: { windowMs: 60_000 } }, { random: mockRandom([]), nowMs: () => now })
    // old: 1/(1+1) = 0.5; fresh: 1 × 30/60 = 0.5 — equal weights, FIFO alternates.
    expect(Array.from({ length: 4 }, () => lb.pick())).toEqual([0, 1, 0, 1])
  })
})
