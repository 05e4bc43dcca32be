import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { vectorList } from '../../../test/support/vectors'
import { IntervalAnalysis, successRateEjectionThreshold } from './successRate'

interface ThresholdVector {
  name: string
  source: string
  inputs: { success_rates: number[]; stdev_factor: number }
  expected: { mean: number; 'variance(population)': number; stdev: number; threshold: number }
}

const vectors = vectorList<ThresholdVector>('envoy_outlier_detection.json')

describe('envoy_outlier_detection.json vectors', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const r = successRateEjectionThreshold(v.inputs.success_rates, v.inputs.stdev_factor)
    expect(r.mean).toBe(v.expected.mean)
    expect(r.stdev * r.stdev).toBe(v.expected['variance(population)'])
    expect(r.stdev).toBe(v.expected.stdev)
    expect(r.threshold).toBe(v.expected.threshold)
  })
})

describe('successRateEjectionThreshold', () => {
  it('reads only the first `count` rates and rejects an empty set', () => {
    const rates = new Float64Array([100, 100, 40, 7, 7])
    expect(successRateEjectionThreshold(rates, 1, 2)).toEqual({ mean: 100, stdev: 0, threshold: 100 })
    expect(() => successRateEjectionThreshold(rates, 1.9, 0)).toThrow(RangeError)
  })

  it('property: threshold ≤ mean, and no rate lies below mean − stdev·√n', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }).map((x) => x / 100), { minLength: 1, maxLength: 50 }), (rates) => {
        const { mean, stdev, threshold } = successRateEjectionThreshold(rates, 1.9)
        expect(threshold).toBeLessThanOrEqual(mean)
        for (const r of rates) expect(r).toBeGreaterThanOrEqual(mean - stdev * Math.sqrt(rates.length) - 1e-9)
      }),
    )
  })
})

describe('IntervalAnalysis', () => {
  const cfg = {
    successRateMinimumHosts: 5, successRateRequestVolume: 100, successRateStdevFactor: 1900,
    failurePercentageThreshold: 85, failurePercentageMinimumHosts: 5, failurePercentageRequestVolume: 50,
  }

  it('ejects the host below mean − 1.9·stdev and reports per-host rates', () => {
    const total = new Float64Array([100, 100, 100, 100, 100, 40])
    const success = new Float64Array([50, 100, 100, 100, 100, 0])
    const analysis = new IntervalAnalysis(6, cfg)
    const ejected: [number, string][] = []
    analysis.run({ total, success, offset: 0, ejected: new Uint8Array(6) }, (h, kind) => ejected.push([h, kind]))
    expect(ejected).toEqual([[0, 'success_rate']])
    expect([analysis.mean, analysis.threshold]).toEqual([90, 52])
    // Host 5 has 40 requests: below both volumes, so no rate is recorded for it.
    expect(Array.from(analysis.hostSuccessRate)).toEqual([50, 100, 100, 100, 100, -1])
  })

  it('skips ejected hosts and does nothing with fewer hosts than both minimums', () => {
    const analysis = new IntervalAnalysis(4, cfg)
    let calls = 0
    analysis.run({ total: new Float64Array(4).fill(100), success: new Float64Array(4), offset: 0, ejected: new Uint8Array(4) }, () => calls++)
    expect(calls).toBe(0)
    expect(analysis.mean).toBe(-1)
  })
})
