import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadVectors } from '../../../test/support/vectors'
import { choosePriority, choosePriorityIndex, computePriorityLoad, priorityDraw } from './priorityLoad'
import type { PriorityLevelCounts } from './priorityLoad'

type Json = Record<string, any>
const file = loadVectors<{ cases: Json[] }>('envoy_priority_load.json')

describe('computePriorityLoad: every upstream vector', () => {
  it('holds cases', () => expect(file.cases.length).toBeGreaterThan(0))

  file.cases.forEach((c, i) => {
    const levels = c.priorities as PriorityLevelCounts[]
    const label = `#${i} ${c.test}: ${levels.map((l) => `${l.healthy}+${l.degraded}/${l.hosts}-${l.excluded}`).join(' ')}`
    it(label, () => {
      const load = computePriorityLoad(levels, {
        overprovisioningFactor: c.overprovisioning_factor,
        healthyPanicThreshold: c.healthy_panic_threshold,
      })
      expect(load.healthy).toEqual(c.expected_healthy_load)
      // null in a vector means the upstream test did not check that output.
      if (c.expected_degraded_load !== null) expect(load.degraded).toEqual(c.expected_degraded_load)
      if (c.expected_panic !== null) expect(load.panic).toEqual(c.expected_panic)
    })
  })
})

describe('computePriorityLoad: examples', () => {
  const level = (hosts: number, healthy: number, degraded = 0, excluded = 0) => ({ hosts, healthy, degraded, excluded })

  it('defaults are factor 140 and threshold 50', () => {
    // health 140·2/4 = 70 and 70 again: P0 takes 70, P1 the remaining 30.
    expect(computePriorityLoad([level(4, 2), level(4, 2)]).healthy).toEqual([70, 30])
  })

  it('threshold 0 with nothing available sends 100 to P0 and nothing panics', () => {
    const load = computePriorityLoad([level(3, 0), level(3, 0)], { healthyPanicThreshold: 0 })
    expect(load).toEqual({ healthy: [100, 0], degraded: [0, 0], panic: [false, false] })
  })

  it('a threshold above 100 is capped at 100', () => {
    // 3 of 4 healthy: health = min(100, 105) so total = 100 and nothing panics anyway; with
    // 1 of 2 healthy in a single level, 50% < 100 → panic.
    expect(computePriorityLoad([level(2, 1)], { healthyPanicThreshold: 500 }).panic).toEqual([true])
  })

  it('no levels gives empty loads', () => {
    expect(computePriorityLoad([])).toEqual({ healthy: [], degraded: [], panic: [] })
  })
})

describe('choosePriority', () => {
  it('uses hash % 100 + 1 against cumulative healthy, then degraded loads', () => {
    const load = { healthy: [0, 0, 28], degraded: [28, 44, 0] }
    expect(choosePriority(0n, load)).toEqual({ priority: 2, degraded: false }) // 1 ≤ 28
    expect(choosePriority(27n, load)).toEqual({ priority: 2, degraded: false }) // 28 ≤ 28
    expect(choosePriority(28n, load)).toEqual({ priority: 0, degraded: true }) // 29 ≤ 56
    expect(choosePriority(99n, load)).toEqual({ priority: 1, degraded: true }) // 100 ≤ 100
    expect(choosePriority((1n << 64n) - 1n, load)).toEqual({ priority: 2, degraded: false }) // 2^64−1 ≡ 15 → 16 ≤ 28
  })

  it('maps a 64-bit value to 1..100 exactly', () => {
    expect(priorityDraw(0n)).toBe(1)
    expect(priorityDraw(99n)).toBe(100)
    expect(priorityDraw((1n << 64n) - 1n)).toBe(Number(((1n << 64n) - 1n) % 100n) + 1)
  })

  it('falls back to level 0 when loads do not reach the draw', () => {
    expect(choosePriorityIndex(50, [10], [10])).toBe(0)
  })
})

describe('computePriorityLoad: properties', () => {
  const levelArb = fc
    .record({ hosts: fc.integer({ min: 0, max: 20 }), a: fc.nat(), b: fc.nat(), c: fc.nat() })
    .map(({ hosts, a, b, c }) => {
      const excluded = hosts === 0 ? 0 : c % (hosts + 1)
      const usable = hosts - excluded
      const healthy = usable === 0 ? 0 : a % (usable + 1)
      const degraded = usable - healthy === 0 ? 0 : b % (usable - healthy + 1)
      return { hosts, healthy, degraded, excluded }
    })
  const optsArb = fc.record({
    overprovisioningFactor: fc.integer({ min: 100, max: 300 }),
    healthyPanicThreshold: fc.integer({ min: 0, max: 100 }),
  })

  it('healthy plus degraded loads always sum to 100, each within 0..100', () => {
    fc.assert(
      fc.property(fc.array(levelArb, { minLength: 1, maxLength: 5 }), optsArb, (levels, opts) => {
        const load = computePriorityLoad(levels, opts)
        const all = [...load.healthy, ...load.degraded]
        expect(all.reduce((a, b) => a + b, 0)).toBe(100)
        all.forEach((x) => expect(x >= 0 && x <= 100).toBe(true))
      }),
    )
  })

  it('no level is in panic while total availability reaches 100', () => {
    fc.assert(
      fc.property(fc.array(levelArb, { minLength: 1, maxLength: 5 }), optsArb, (levels, opts) => {
        const allHealthy = levels.map((l) => ({ ...l, healthy: l.hosts - l.excluded, degraded: 0 }))
        if (allHealthy.every((l) => l.hosts - l.excluded === 0)) return
        expect(computePriorityLoad(allHealthy, opts).panic.some(Boolean)).toBe(false)
      }),
    )
  })
})
