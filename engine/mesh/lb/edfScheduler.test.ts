import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { vectorList, vectorLookup } from '../../../test/support/vectors'
import { createSplitMix64 } from '../random64'
import { createEdfScheduler, createWithPicks, edfPrePicks } from './edfScheduler'
import type { EdfScheduler } from './edfScheduler'

type Json = Record<string, any>
const vectors = vectorList<Json>('envoy_edf_rr_lr.json')
const vector = vectorLookup(vectors)

/** "0..127" → [0, 127]; the vectors state ranges in prose. */
function parseRange(text: string): [number, number] {
  const match = /(\d+)\.\.(\d+)/.exec(text)
  if (match === null) throw new Error(`no range in "${text}"`)
  return [Number(match[1]), Number(match[2])]
}

function drain<T>(scheduler: EdfScheduler<T>, weight: (entry: T) => number, picks: number): T[] {
  return Array.from({ length: picks }, () => scheduler.pickAndAdd(weight) as T)
}

describe('EDF scheduler: upstream vectors', () => {
  it('EDF Unweighted: entries of equal weight come out in insertion order, repeated', () => {
    const v = vector('EDF Unweighted')
    expect(v.inputs.entries).toMatch(/weight 1$/)
    expect(v.expected).toMatch(/repeated/)
    const [first, last] = parseRange(v.inputs.entries)
    const entries = Array.from({ length: last - first + 1 }, (_, i) => first + i)
    const scheduler = createEdfScheduler<number>()
    for (const e of entries) scheduler.add(1, e)
    // Envoy's test runs 128 rounds of the full sequence.
    for (let round = 0; round < entries.length; round++) {
      expect(drain(scheduler, () => 1, entries.length)).toEqual(entries)
    }
  })

  it('EDF Weighted: after Σ(i+1) picks, entry i was picked exactly i+1 times', () => {
    const v = vector('EDF Weighted')
    expect(v.inputs.entries).toMatch(/with weight i\+1/)
    const [first, last] = parseRange(v.inputs.entries)
    const n = last - first + 1
    const totalPicks = Number(/= (\d+) picks/.exec(v.expected)?.[1])
    expect(totalPicks).toBe((n * (n + 1)) / 2)
    const scheduler = createEdfScheduler<number>()
    for (let i = first; i <= last; i++) scheduler.add(i + 1, i)
    const counts = new Array<number>(n).fill(0)
    for (const e of drain(scheduler, (i) => i + 1, totalPicks)) counts[e - first]++
    counts.forEach((count, i) => expect(count).toBe(first + i + 1))
  })

  it('EDF createWithPicks first-pick distribution matches the weights (statistical)', () => {
    const v = vector('EDF createWithPicks first-pick distribution')
    const weightSets: number[][] = [...(v.expected as string).matchAll(/\{([\d,]+)\}/g)].map((m) => m[1]!.split(',').map(Number))
    const tolerancePct = Number(/within (\d+(?:\.\d+)?) percentage point/.exec(v.expected)?.[1])
    const trials = Number(/over (\d+)k trials/.exec(v.expected)?.[1]) * 1000
    expect(weightSets.length).toBe(4)
    const random = createSplitMix64(0xedfn)
    for (const weights of weightSets) {
      const entries = weights.map((_, i) => i)
      const weightOf = (i: number) => weights[i] as number
      const counts = new Array<number>(weights.length).fill(0)
      for (let t = 0; t < trials; t++) {
        counts[createWithPicks(entries, weightOf, random()).pickAndAdd(weightOf) as number]++
      }
      const total = weights.reduce((a, b) => a + b, 0)
      counts.forEach((c, i) => expect(Math.abs((100 * c) / trials - (100 * weights[i]!) / total)).toBeLessThan(tolerancePct))
    }
  }, 60_000)
})

describe('EDF scheduler: examples', () => {
  it('empty scheduler picks nothing', () => {
    expect(createEdfScheduler<number>().pickAndAdd(() => 1)).toBeUndefined()
    expect(createWithPicks<number>([], () => 1, 123n).pickAndAdd(() => 1)).toBeUndefined()
  })

  it('weights {1,2}: seed 0 gives 1,0,1,1,0,1 (epsilon keeps the first round exact); seed 1 gives 0,1,1,0,1,1', () => {
    const w = [1, 2]
    expect(drain(createWithPicks([0, 1], (i) => w[i]!, 0n), (i) => w[i]!, 6)).toEqual([1, 0, 1, 1, 0, 1])
    expect(drain(createWithPicks([0, 1], (i) => w[i]!, 1n), (i) => w[i]!, 6)).toEqual([0, 1, 1, 0, 1, 1])
  })

  it('weights {6,3,1} over seeds 0..9: first picks are 6× entry 0, 3× entry 1, 1× entry 2', () => {
    const w = [6, 3, 1]
    const counts = [0, 0, 0]
    for (let seed = 0; seed < 10; seed++) counts[createWithPicks([0, 1, 2], (i) => w[i]!, seed).pickAndAdd((i) => w[i]!)!]++
    expect(counts).toEqual([6, 3, 1])
  })

  it('a weight change is applied lazily, when the entry is re-inserted', () => {
    const w = [1, 1]
    const scheduler = createWithPicks([0, 1], (i) => w[i]!, 0n)
    w[0] = 10
    // Entry 0 was queued at weight 1 and only speeds up after its next pick.
    expect(drain(scheduler, (i) => w[i]!, 5)).toEqual([0, 1, 0, 0, 0])
  })

  it('the seed is truncated to 32 bits, then reduced mod 429496729 (Envoy passes uint64 to uint32)', () => {
    expect(edfPrePicks(0n)).toBe(0)
    expect(edfPrePicks(429496729n)).toBe(0)
    expect(edfPrePicks((1n << 32n) + 5n)).toBe(5)
    expect(edfPrePicks(0xffffffffn)).toBe(Number(0xffffffffn % 429496729n))
  })
})

describe('EDF scheduler: properties', () => {
  const weightsArb = fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 12 })

  it('createWithPicks with 0 picks matches adding the entries one after another, up to exact ties', () => {
    fc.assert(
      fc.property(weightsArb, (weights) => {
        const entries = weights.map((_, i) => i)
        const sequential = createEdfScheduler<number>()
        entries.forEach((i) => sequential.add(weights[i]!, i))
        const built = createWithPicks(entries, (i) => weights[i]!, 0)
        // The 1e-13 first-round epsilon may reorder exact deadline ties (that is its purpose),
        // so compare per-entry counts over every prefix rather than the sequences.
        const a = drain(built, (i) => weights[i]!, 3 * entries.length)
        const b = drain(sequential, (i) => weights[i]!, 3 * entries.length)
        expect(a[0]).toBe(b[0])
        const counts = new Array<number>(entries.length).fill(0)
        a.forEach((e, k) => {
          counts[e]!++
          counts[b[k]!]!--
          counts.forEach((c) => expect(Math.abs(c)).toBeLessThanOrEqual(1))
        })
      }),
    )
  })

  it('createWithPicks(P) continues like P ordinary picks (distinct weights, Envoy SchedulerWithSomePicks)', () => {
    const n = 128
    const weights = Array.from({ length: n }, (_, i) => ((100.5 - 0.01) / n) * i + 0.01)
    const weightOf = (i: number) => weights[i]!
    for (const picks of [5, 140, 501, 123456]) {
      const sequential = createEdfScheduler<number>()
      weights.forEach((w, i) => sequential.add(w, i))
      drain(sequential, weightOf, picks)
      const built = createWithPicks(weights.map((_, i) => i), weightOf, picks)
      expect(drain(built, weightOf, n)).toEqual(drain(sequential, weightOf, n))
    }
  })

  it('over a full cycle each entry is picked in proportion to its integer weight', () => {
    fc.assert(
      fc.property(weightsArb, fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (weights, seed) => {
        const total = weights.reduce((a, b) => a + b, 0)
        const counts = new Array<number>(weights.length).fill(0)
        const built = createWithPicks(weights.map((_, i) => i), (i) => weights[i]!, seed)
        for (const e of drain(built, (i) => weights[i]!, total * 20)) counts[e]++
        // Each cycle of Σw picks holds wᵢ picks of i, give or take one at the window edges.
        counts.forEach((c, i) => expect(Math.abs(c - 20 * weights[i]!)).toBeLessThanOrEqual(1))
      }),
      { numRuns: 50 },
    )
  })
})
