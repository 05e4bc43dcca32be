import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createEwma } from './ewma'

// Expected values are those asserted by linkerd2-proxy's linkerd/ewma/src/lib.rs tests.
const EXP_NEG1 = Math.exp(-1)

describe('createEwma (linkerd-ewma)', () => {
  it('starts at +Infinity; the first sample replaces it (test_new, test_add)', () => {
    const e = createEwma({ decayS: 10 })
    expect(e.get()).toBe(Number.POSITIVE_INFINITY)
    e.add(1, 1)
    expect(e.get()).toBe(1)
  })

  it('decays toward the sample: one time constant later is e^−1 (test_decay, test_new_with_value)', () => {
    const e = createEwma({ decayS: 10 })
    e.add(1, 1)
    e.add(0, 11)
    expect(e.get()).toBe(EXP_NEG1)
    const w = createEwma({ decayS: 10, initial: 1 })
    w.add(0, 10)
    expect(w.get()).toBe(EXP_NEG1)
  })

  it('ignores samples at or before the last update', () => {
    const e = createEwma({ decayS: 10, initial: 0.5, nowS: 5 })
    e.add(9, 5)
    e.add(9, 4)
    expect(e.get()).toBe(0.5)
  })

  it('addPeak replaces on a higher value or a stale decayed peak (test_add_peak, test_add_peak_replaces_decayed_value)', () => {
    const e = createEwma({ decayS: 10 })
    e.addPeak(1, 1)
    expect(e.get()).toBe(1)
    e.addPeak(2, 1.5)
    expect(e.get()).toBe(2)
    const p = createEwma({ decayS: 10 })
    p.addPeak(10, 1)
    p.addPeak(1, 26) // 10·e^−2.5 ≈ 0.82 < 1
    expect(p.get()).toBe(1)
    const q = createEwma({ decayS: 10 })
    q.addPeak(0.5, 0) // from +∞ at the construction instant (test_add_peak_from_infinity_same_timestamp)
    expect(q.get()).toBe(0.5)
  })

  it('addRate feeds 1/elapsed (test_add_rate: 1.0 then 0.9093653765389909)', () => {
    const e = createEwma({ decayS: 10 })
    e.addRate(1)
    expect(e.get()).toBe(1)
    e.addRate(3)
    expect(e.get()).toBe(0.9093653765389909)
  })

  it('getAt projects without mutating; zero decay is clamped to 1 ms', () => {
    const e = createEwma({ decayS: 10 })
    e.add(1, 1)
    expect(e.getAt(11)).toBe(EXP_NEG1)
    expect(e.getAt(0.5)).toBe(1)
    expect(e.get()).toBe(1)
    const zero = createEwma({ decayS: 0 })
    const min = createEwma({ decayS: 0.001 })
    zero.add(5, 1)
    min.add(5, 1)
    expect(zero.getAt(2)).toBe(min.getAt(2))
    expect(Number.isFinite(zero.getAt(2))).toBe(true)
  })

  it('property: with finite samples the average stays within their range', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 1, max: 10_000 })), { minLength: 1, maxLength: 40 }), (samples) => {
        const e = createEwma({ decayS: 3 })
        let t = 0
        for (const [v, dtMs] of samples) e.add(v, (t += dtMs / 1000))
        const values = samples.map(([v]) => v)
        expect(e.get()).toBeGreaterThanOrEqual(Math.min(...values) - 1e-6)
        expect(e.get()).toBeLessThanOrEqual(Math.max(...values) + 1e-6)
      }),
    )
  })
})
