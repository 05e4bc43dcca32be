import fc from 'fast-check'
import { build } from 'hdr-histogram-js'
import { describe, expect, it } from 'vitest'
import { EMPTY_LATENCY, LatencyHistogram } from './histogram'

describe('LatencyHistogram', () => {
  it('property: percentiles equal hdr-histogram-js fed the same values with recordValue', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2 as const, 3 as const),
        fc.array(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 2 ** 31 + 5 })), { minLength: 1, maxLength: 400 }),
        (digits, values) => {
          const mine = new LatencyHistogram(digits)
          const ref = build({ useWebAssembly: false, numberOfSignificantValueDigits: digits, lowestDiscernibleValue: 1, highestTrackableValue: 2 ** 20, autoResize: true })
          for (const v of values) {
            mine.record(v)
            ref.recordValue(v)
          }
          for (const p of [0, 1, 25, 50, 90, 99, 99.9, 100]) expect(mine.library().getValueAtPercentile(p)).toBe(ref.getValueAtPercentile(p))
          expect(mine.library().totalCount).toBe(values.length)
        },
      ),
    )
  })

  it('summarises in ms with an exact mean and max; empty histograms report zeros', () => {
    const h = new LatencyHistogram()
    expect(h.summary()).toEqual(EMPTY_LATENCY)
    for (const us of [1000, 2000, 3000, 4000, 100_000]) h.record(us)
    const s = h.summary()
    expect(s.mean).toBe(22)
    expect(s.max).toBe(100)
    expect(s.p50).toBeCloseTo(3, 2) // HdrHistogram reports the bucket's highest equivalent value (3.001)
    expect(s.p99).toBeCloseTo(100, 0)
    h.record(5000)
    expect(h.summary().max).toBe(100)
    expect(h.library().totalCount).toBe(6) // the cached library histogram is rebuilt after a record
    expect(h.count).toBe(6)
  })
})
