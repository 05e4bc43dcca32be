/**
 * The conformance surface of ../shared/conformance-api.md is exported from engine/index.ts
 * with exactly those names, so tests written against vectors not in ../shared/vectors can
 * drive the algorithms through the public API.
 */
import { describe, expect, it } from 'vitest'
import * as engine from '../engine/index'

const functions = [
  'xxHash64', 'murmurHash2_64', 'buildMaglevTable', 'buildHashRing', 'ringLookup', 'computePriorityLoad',
  'createBalancer', 'createResourceManager', 'jitteredBackOff', 'fixedBackOff', 'lowerBoundBackOff',
  'createOutlierDetector', 'createPeakEwma', 'createEwma', 'createTpsBudget', 'createFailureAccrual',
] as const

describe('conformance surface', () => {
  it.each(functions)('engine/index.ts exports %s as a function', (name) => {
    expect(typeof engine[name]).toBe('function')
  })

  it('drives an algorithm end to end through the public API', () => {
    expect(engine.xxHash64('foo')).toBe(3728699739546630719n)
    const b = engine.createBalancer('round_robin', [0, 1, 2].map((i) => ({ key: `10.0.0.${i}:80`, weight: 1, healthy: true, active: 0 })), {}, { random: engine.mockRandom([1]), nowMs: () => 0 })
    expect([b.pick(), b.pick(), b.pick(), b.pick()]).toEqual([1, 2, 0, 1])
  })
})
