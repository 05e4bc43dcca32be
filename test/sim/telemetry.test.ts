/**
 * `run.telemetry()`: the cheap live view a Web Worker polls many times a second must say
 * exactly what `run.result()` says about the same moment — series (whole, or from a cursor),
 * fates, SLOs and breaker / ejection intervals — including after the series have halved.
 */
import { describe, expect, it } from 'vitest'
import { createSimulationRun } from '../../engine/index'
import type { SeriesData } from '../../engine/index'
import { loadBundled } from '../support/runScenario'

/** `data`'s field arrays cut to points `from`… (what a cursor asks for). */
function tailOf(data: SeriesData, from: number): SeriesData {
  return { ...data, fields: Object.fromEntries(Object.entries(data.fields).map(([k, v]) => [k, v.slice(from)])) }
}

describe('run.telemetry()', () => {
  it('agrees with result() at every slice: whole series, fates, SLOs and intervals', () => {
    const run = createSimulationRun(loadBundled('outlier-ejection'), { seed: 7, durationMs: 40_000 })
    let sawEjection = false
    for (let t = 5_000; !run.done; t += 5_000) {
      run.advance({ untilMs: t })
      const telemetry = run.telemetry()
      const result = run.result()
      expect(telemetry.timeSeries).toEqual(result.timeSeries)
      expect(telemetry.fates).toEqual(result.fates)
      expect(telemetry.slos).toEqual(result.slos)
      expect(telemetry.breakerIntervals).toEqual(result.breakers.intervals)
      expect(telemetry.ejectionIntervals).toEqual(result.ejections.intervals)
      expect(telemetry.traces).toEqual(result.traces)
      expect(telemetry.simulatedSeconds).toBe(result.simulatedSeconds)
      expect(telemetry.events).toBe(result.events)
      sawEjection ||= telemetry.ejectionIntervals.length > 0
    }
    expect(sawEjection).toBe(true)
  })

  it('returns each series from the point its cursor names, with the full point count', () => {
    const run = createSimulationRun(loadBundled('bookinfo'), { seed: 3, durationMs: 20_000 })
    run.advance({ untilMs: 20_000 })
    const asked: string[] = []
    const telemetry = run.telemetry((key) => {
      asked.push(key)
      return key === 'service:reviews' ? 17 : key.startsWith('edge:') ? 19 : 0
    })
    const result = run.result()
    expect(asked).toContain('service:productpage')
    expect(asked).toContain('edge:productpage->reviews')
    expect(telemetry.timeSeries.services.reviews).toEqual(tailOf(result.timeSeries.services.reviews!, 17))
    expect(telemetry.timeSeries.services.reviews!.fields.requests).toHaveLength(3)
    expect(telemetry.timeSeries.services.productpage).toEqual(result.timeSeries.services.productpage)
    expect(telemetry.timeSeries.edges['productpage->reviews']).toEqual(tailOf(result.timeSeries.edges['productpage->reviews']!, 19))
    // A cursor past the end asks for nothing.
    const none = run.telemetry(() => 1_000)
    expect(none.timeSeries.services.reviews!.fields.requests).toEqual([])
    expect(none.timeSeries.services.reviews!.points).toBe(20)
  })

  it('tells the cursor the point width, which doubles once a long run halves its series', () => {
    const run = createSimulationRun(loadBundled('bookinfo'), { seed: 3, durationMs: 600_000 })
    run.advance({ untilMs: 600_000 })
    const widths = new Set<number>()
    const telemetry = run.telemetry((_key, bucketSeconds) => {
      widths.add(bucketSeconds)
      return 0
    })
    // 600 one-second points exceed the 512 a series keeps: they are 2 s wide now.
    expect([...widths]).toEqual([2])
    expect(telemetry.timeSeries.services.productpage).toEqual(run.result().timeSeries.services.productpage)
  })
})
