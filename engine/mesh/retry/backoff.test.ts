import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { vectorList } from '../../../test/support/vectors'
import { createSplitMix64, mockRandom } from '../random64'
import { fixedBackOff, jitteredBackOff, lowerBoundBackOff } from './backoff'

interface BackoffVector {
  name: string
  source: string
  inputs?: { base_ms: number; max_ms: number; mocked_random_always: number }
  expected?: number[] | { sequence: number[]; 'after_reset()': number[]; 'after_reset(26)_first': number }
  cases?: { min_ms: number; random: number; expected: number }[]
}

const vectors = vectorList<BackoffVector>('envoy_backoff.json')

const take = (n: number, next: () => number): number[] => Array.from({ length: n }, next)

function jitteredFrom(v: BackoffVector) {
  const { base_ms, max_ms, mocked_random_always } = v.inputs!
  return jitteredBackOff({ baseMs: base_ms, maxMs: max_ms, random: mockRandom([], BigInt(mocked_random_always)) })
}

/** One runner per vector name, so a vector added to the JSON without a runner fails loudly. */
const runners: Record<string, (v: BackoffVector) => void> = {
  JitteredBackOffBasicFlow(v) {
    const expected = v.expected as number[]
    const b = jitteredFrom(v)
    expect(take(expected.length, () => b.nextMs())).toEqual(expected)
  },
  JitteredBackOffBasicReset(v) {
    const expected = v.expected as Exclude<BackoffVector['expected'], number[] | undefined>
    const b = jitteredFrom(v)
    expect(take(expected.sequence.length, () => b.nextMs())).toEqual(expected.sequence)
    b.reset()
    expect(take(expected['after_reset()'].length, () => b.nextMs())).toEqual(expected['after_reset()'])
    b.reset(26)
    expect(b.nextMs()).toBe(expected['after_reset(26)_first'])
  },
  'JitteredLowerBound (rate-limited retry back-off)'(v) {
    for (const c of v.cases!) {
      const b = lowerBoundBackOff({ minMs: c.min_ms, random: mockRandom([c.random]) })
      expect(b.nextMs()).toBe(c.expected)
    }
  },
}

describe('envoy_backoff.json vectors', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (name, v) => {
    const run = runners[name]
    if (run === undefined) throw new Error(`no runner for vector "${name}"`)
    run(v)
  })
})

describe('jitteredBackOff', () => {
  it('doubles while below max/2, then sticks at max (Envoy backoff_strategy_test: base 5, max 100, random 9999)', () => {
    const b = jitteredBackOff({ baseMs: 5, maxMs: 100, random: mockRandom([], 9999n) })
    expect(take(7, () => b.nextMs())).toEqual([4, 9, 19, 39, 79, 99, 99])
  })

  it('defaults max to 10 × base: bounds 25, 50, 100, 200, 250, 250 ms', () => {
    // random() = bound − 1 yields bound − 1 (the largest delay); random() = bound yields 0.
    const upper = [25, 50, 100, 200, 250, 250]
    const largest = jitteredBackOff({ baseMs: 25, random: mockRandom(upper.map((u) => u - 1)) })
    expect(take(6, () => largest.nextMs())).toEqual(upper.map((u) => u - 1))
    const wrapped = jitteredBackOff({ baseMs: 25, random: mockRandom(upper) })
    expect(take(6, () => wrapped.nextMs())).toEqual([0, 0, 0, 0, 0, 0])
  })

  it('rejects a base above max, a zero base and a fractional interval', () => {
    const random = mockRandom([])
    expect(() => jitteredBackOff({ baseMs: 30, maxMs: 20, random })).toThrow(RangeError)
    expect(() => jitteredBackOff({ baseMs: 0, random })).toThrow(RangeError)
    expect(() => jitteredBackOff({ baseMs: 2.5, random })).toThrow(RangeError)
  })

  it('property: every delay is below the current interval bound and never above max', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 20 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (base, factor, seed) => {
        const maxMs = base * factor
        const b = jitteredBackOff({ baseMs: base, maxMs, random: createSplitMix64(seed) })
        let bound = base
        for (let i = 0; i < 12; i++) {
          const d = b.nextMs()
          if (!(d >= 0 && d < bound && d <= maxMs && Number.isInteger(d))) return false
          bound = bound < Math.floor(maxMs / 2) ? bound * 2 : maxMs
        }
        return true
      }),
    )
  })

  it('property: the same seed gives the same delays, and reset() replays the bounds', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.integer({ min: 1, max: 500 }), (seed, base) => {
        const a = jitteredBackOff({ baseMs: base, random: createSplitMix64(seed) })
        const b = jitteredBackOff({ baseMs: base, random: createSplitMix64(seed) })
        const first = take(8, () => a.nextMs())
        expect(take(8, () => b.nextMs())).toEqual(first)
        a.reset()
        const again = take(8, () => a.nextMs())
        expect(again.every((d, i) => d < Math.min(base * 2 ** i, base * 10))).toBe(true)
      }),
    )
  })
})

describe('distribution', () => {
  it('first delays are uniform over [0, base): 100k draws, each decile 10 % ± 0.6 %', () => {
    // random() % 100 over SplitMix64 output is uniform to within 2^-57, so each decile expects 1/10.
    const random = createSplitMix64(2024n)
    const deciles = new Array<number>(10).fill(0)
    for (let i = 0; i < 100_000; i++) {
      const b = jitteredBackOff({ baseMs: 100, random })
      deciles[Math.floor(b.nextMs() / 10)]!++
    }
    for (const count of deciles) expect(Math.abs(count / 100_000 - 0.1)).toBeLessThan(0.006)
  })

  it('lower-bound delays average 1.25 × min: mean of [500, 750) is 624.5 ± 1', () => {
    const b = lowerBoundBackOff({ minMs: 500, random: createSplitMix64(99n) })
    let sum = 0
    for (let i = 0; i < 100_000; i++) sum += b.nextMs()
    expect(Math.abs(sum / 100_000 - 624.5)).toBeLessThan(1)
  })
})

describe('fixedBackOff and lowerBoundBackOff', () => {
  it('fixed returns its interval until reset(ms) replaces it', () => {
    const b = fixedBackOff({ intervalMs: 40 })
    expect(take(3, () => b.nextMs())).toEqual([40, 40, 40])
    b.reset()
    expect(b.nextMs()).toBe(40)
    b.reset(70)
    expect(b.nextMs()).toBe(70)
  })

  it('lower bound stays within [min, 1.5·min) and reset(ms) changes min', () => {
    const random = createSplitMix64(7n)
    const b = lowerBoundBackOff({ minMs: 1000, random })
    for (let i = 0; i < 200; i++) {
      const d = b.nextMs()
      expect(d >= 1000 && d < 1500).toBe(true)
    }
    b.reset(10)
    for (let i = 0; i < 50; i++) expect(b.nextMs()).toBeGreaterThanOrEqual(10)
    expect(() => lowerBoundBackOff({ minMs: 1, random })).toThrow(RangeError)
  })
})
