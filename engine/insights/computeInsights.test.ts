import { describe, expect, it } from 'vitest'
import { resolveScenario } from '../model/resolve'
import type { Scenario } from '../model/types'
import { computeInsights } from './computeInsights'
import { insightAnalysers } from './index'

describe('computeInsights', () => {
  it('the registry lists each analyser kind once', () => {
    const kinds = insightAnalysers.map((a) => a.kind)
    expect(new Set(kinds).size).toBe(kinds.length)
  })

  it('orders findings most severe first, registry order within a severity, and is pure', () => {
    // One replica behind a 1 s timeout with a 2 s per-try timeout: RETRY_001 (warning,
    // first analyser) and SPOF_001 (warning, last analyser); outlier detection that can
    // eject its only host with panic off: OUTLIER_003 (warning, static).
    const s: Scenario = {
      formatVersion: 1, name: 't', mesh: 'istio', duration: 10_000,
      services: [{ name: 'back', versions: [{ name: 'v1', replicas: 1 }] }],
      traffic: [{ name: 'u', to: 'back', load: { kind: 'poisson', rate: 5 } }],
      routes: [{ service: 'back', rules: [{ split: [{ version: 'v1', weight: 100 }], timeout: 1000, retries: { attempts: 2, perTryTimeout: 2000 } }] }],
      destinations: [{ service: 'back', outlierDetection: { maxEjectionPercent: 100 } }],
    }
    const found = computeInsights(s, resolveScenario(s), null)
    expect(found.map((i) => i.code)).toEqual(['RETRY_001', 'OUTLIER_003', 'SPOF_001'])
    expect(computeInsights(s, resolveScenario(s), null)).toEqual(found)
  })
})

describe('computeInsights: large topologies', () => {
  it(`keeps ${5} findings of a code and folds the rest into one summary`, () => {
    // 8 services each with one replica behind a 2 s per-try / 1 s route timeout: 8 × RETRY_001.
    const names = Array.from({ length: 8 }, (_, i) => `s${i}`)
    const s: Scenario = {
      formatVersion: 1, name: 't', mesh: 'istio', duration: 10_000,
      services: names.map((name) => ({ name, versions: [{ name: 'v1', replicas: 2 }] })),
      traffic: names.map((name) => ({ name: `u-${name}`, to: name, load: { kind: 'poisson', rate: 1 } })),
      routes: names.map((service) => ({ service, rules: [{ split: [{ version: 'v1', weight: 100 }], timeout: 1000, retries: { attempts: 1, perTryTimeout: 2000 } }] })),
    }
    const found = computeInsights(s, resolveScenario(s), null).filter((i) => i.code === 'RETRY_001')
    expect(found).toHaveLength(6)
    expect(found[5]!.title).toBe('3 more RETRY_001 findings like the ones above')
    expect(found[5]!.evidence).toHaveLength(3)
    expect(found[5]!.evidence[0]).toMatch(/^s5: .* \(at routes\[5\]\.rules\[0\]\.retries\.perTryTimeout\)$/)
  })
})
