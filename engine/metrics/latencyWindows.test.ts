import fc from 'fast-check'
import { build } from 'hdr-histogram-js'
import { describe, expect, it } from 'vitest'
import { LatencyWindows } from './latencyWindows'
import { BoundedSeries } from './timeSeries'

const PCTS = [50, 90, 99] as const
const ref = (values: readonly number[]) => {
  const h = build({ useWebAssembly: false, numberOfSignificantValueDigits: 2, lowestDiscernibleValue: 1, highestTrackableValue: 2 ** 20, autoResize: true })
  for (const v of values) h.recordValue(v)
  return PCTS.map((p) => h.getValueAtPercentile(p) / 1000)
}
const latencies = fc.array(fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1000, max: 2 ** 30 + 5 })), { minLength: 1, maxLength: 300 })

describe('LatencyWindows', () => {
  it('property: a window’s percentiles equal an HDR histogram (2 digits) fed the same values', () => {
    fc.assert(
      fc.property(latencies, (values) => {
        const w = new LatencyWindows(4, 2)
        for (const v of values) w.record(v)
        w.closeInto(0, true)
        expect(w.columns.map((c) => c[0])).toEqual(ref(values))
        expect(w.countAt(0)).toBe(values.length)
        // Within the bucket resolution (1 %) of the exact order statistic.
        const sorted = [...values].sort((a, b) => a - b)
        PCTS.forEach((p, k) => {
          const exact = sorted[Math.max(1, Math.ceil((p * sorted.length) / 100)) - 1]! / 1000
          expect(Math.abs(w.columns[k]![0]! - exact)).toBeLessThanOrEqual(Math.max(0.001, exact * 0.01))
        })
      }),
      { numRuns: 200 },
    )
  })

  it('property: merging windows (second into a point, or halving) gives the percentiles of the union', () => {
    fc.assert(
      fc.property(fc.array(latencies, { minLength: 4, maxLength: 30 }), (seconds) => {
        const s = new BoundedSeries(['n'], ['sum'], 4, new LatencyWindows(4, 2))
        for (const values of seconds) {
          for (const v of values) s.latency!.record(v)
          s.push([values.length])
        }
        const d = s.toData()
        // Point i covers seconds [i·b, (i+1)·b): its percentiles are those of all their values.
        for (let i = 0; i < d.points; i++) {
          const union = seconds.slice(i * d.bucketSeconds, (i + 1) * d.bucketSeconds).flat()
          expect([d.fields.latencyP50Ms![i], d.fields.latencyP90Ms![i], d.fields.latencyP99Ms![i]]).toEqual(ref(union))
        }
      }),
      { numRuns: 100 },
    )
  })

  it('reports 0 for a window without samples', () => {
    const s = new BoundedSeries(['n'], ['sum'], 8, new LatencyWindows(8))
    s.push([0])
    expect(s.toData().fields.latencyP99Ms).toEqual([0])
  })

  it('keeps memory bounded: a day-long run holds at most `capacity` windows of bounded size', () => {
    const capacity = 64
    const s = new BoundedSeries(['n'], ['sum'], capacity, new LatencyWindows(capacity, 2))
    let slots = 0
    for (let sec = 0; sec < 86_400; sec++) {
      for (let i = 0; i < 20; i++) s.latency!.record(1000 + ((sec * 37 + i * 101) % 50_000))
      s.push([20])
      if (sec % 97 === 0) expect(s.toData().points).toBeLessThanOrEqual(capacity)
    }
    const d = s.toData()
    expect(d.bucketSeconds).toBe(2048)
    expect(d.fields.n!.reduce((a, b) => a + b, 0)).toBe(86_400 * 20)
    for (let i = 0; i < d.points; i++) slots += s.latency!.countAt(i) > 0 ? 1 : 0
    expect(slots).toBe(d.points)
    // Every value lies in 1 000–51 000 µs: at 2 digits that is at most ~6 octaves × 128 slots per window.
    expect(s.latency!.storedSlots()).toBeLessThanOrEqual(capacity * 6 * 128)
  })
})
