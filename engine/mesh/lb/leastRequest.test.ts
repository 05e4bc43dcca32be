import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeHost, takePicks } from '../../../test/support/hosts'
import { vectorList, vectorLookup } from '../../../test/support/vectors'
import { createSplitMix64, mockRandom } from '../random64'
import { createBalancer } from './balancer'
import type { Balancer, BalancerConfig, HostState } from './balancer'

type Json = Record<string, any>
const vectors = vectorList<Json>('envoy_edf_rr_lr.json')
const vector = vectorLookup(vectors, 'prefix')

const host = makeHost
const picks = takePicks
const clock = () => 0
const countPicks = (lb: Balancer, n: number, size: number) => {
  const counts = new Array<number>(size).fill(0)
  for (let i = 0; i < n; i++) counts[lb.pick()!]++
  return counts
}

/** A random source whose values are appended as the test goes (gMock WillOnce chains). */
function scripted(fallback = 0n) {
  const queue: bigint[] = []
  const random = () => queue.shift() ?? fallback
  return { random, push: (...values: number[]) => queue.push(...values.map(BigInt)) }
}

describe('least_request: upstream vectors', () => {
  it('LR Normal P2C: first draw is the priority, then one index per choice, strictly-less wins', () => {
    const v = vector('LR Normal P2C')
    expect(v.inputs.random_use).toMatch(/1st: priority hash; then one random per choice/)
    const hosts = Array.from({ length: v.inputs.hosts }, (_, i) => host(`:${80 + i}`))
    const { random, push } = scripted()
    const lb = createBalancer('least_request', hosts, { choiceCount: v.inputs.choice_count }, { random, nowMs: clock })
    for (const c of v.cases as Json[]) {
      c.active.forEach((a: number, i: number) => (hosts[i]!.active = a))
      push(...v.inputs.mocked_random_sequence)
      expect(lb.pick()).toBe(c.expected_host)
    }
  })

  it('LR FullScan: least active wins; ties are uniform (reservoir sampling)', () => {
    const v = vector('LR FullScan')
    for (const c of v.cases as Json[]) {
      const hosts = (c.active as number[]).map((a, i) => host(`:${80 + i}`, 1, { active: a }))
      const config: BalancerConfig = { selectionMethod: 'FULL_SCAN' }
      if (c.expected_host !== undefined) {
        const lb = createBalancer('least_request', hosts, config, { random: mockRandom([]), nowMs: clock })
        expect(lb.pick()).toBe(c.expected_host)
        continue
      }
      const tied = [...(c.expected as string).matchAll(/\d+/g)].map((m) => Number(m[0]))
      expect(c.expected).toMatch(/uniform over hosts/)
      const lb = createBalancer('least_request', hosts, config, { random: createSplitMix64(3n), nowMs: clock })
      const counts = countPicks(lb, 100_000, hosts.length)
      // Reservoir sampling keeps each of the k tied hosts with probability 1/k.
      hosts.forEach((_, i) =>
        tied.includes(i)
          ? expect(Math.abs(counts[i]! / 100_000 - 1 / tied.length)).toBeLessThan(0.01)
          : expect(counts[i]).toBe(0),
      )
    }
  })

  it('LR WeightImbalance: EDF with weight/(active+1), active read only at re-insertion', () => {
    const v = vector('LR WeightImbalance')
    const hosts = (v.inputs.weights as number[]).map((w, i) => host(`:${80 + i}`, w))
    const lb = createBalancer('least_request', hosts, {}, { random: mockRandom([v.inputs.seed]), nowMs: clock })
    for (const step of v.steps as Json[]) {
      step.active.forEach((a: number, i: number) => (hosts[i]!.active = a))
      expect(picks(lb, step.expected.length)).toEqual(step.expected)
    }
  })

  it('LR WeightImbalance holds with an invalid (negative) bias, which falls back to 1.0', () => {
    const v = vector('LR WeightImbalance')
    expect(v.source).toMatch(/runtime bias -1 falls back to 1\.0/)
    const hosts = (v.inputs.weights as number[]).map((w, i) => host(`:${80 + i}`, w))
    const lb = createBalancer('least_request', hosts, { activeRequestBias: -1 }, { random: mockRandom([v.inputs.seed]), nowMs: clock })
    for (const step of v.steps as Json[]) {
      step.active.forEach((a: number, i: number) => (hosts[i]!.active = a))
      expect(picks(lb, step.expected.length)).toEqual(step.expected)
    }
  })

  it('LR EqualWeightsWithActiveRequestBias: an explicit bias forces EDF (newest Envoy)', () => {
    const v = vector('LR EqualWeightsWithActiveRequestBias')
    const make = () => (v.inputs.weights as number[]).map((w, i) => host(`:${80 + i}`, w, { active: v.inputs.active[i] }))
    const random = () => mockRandom([], BigInt(v.inputs.mocked_random_always))

    const [, approx, total, target] = /~(\d+) of (\d+) picks go to host(\d+)/.exec(v.expected.guard_on)!.map(Number)
    const on = createBalancer('least_request', make(), { activeRequestBias: v.inputs.bias_configured }, { random: random(), nowMs: clock })
    const onPicks = picks(on, total!)
    // EDF weights 1/(1+1) = 0.5 and 1/(0+1) = 1: host1 takes 2 of every 3 picks.
    expect(Math.abs(onPicks.filter((p) => p === target).length - approx!)).toBeLessThanOrEqual(1)

    const always = Number(/always host(\d+)/.exec(v.expected.guard_off)![1])
    // Guard off = the bias is not configured at all: P2C with draws 0, 0 samples host0 twice.
    const off = createBalancer('least_request', make(), {}, { random: random(), nowMs: clock })
    expect(new Set(picks(off, total!))).toEqual(new Set([always]))
  })
})

describe('least_request: examples and edge cases', () => {
  it('draws the seed, then 1 + choiceCount per unweighted pick', () => {
    let draws = 0
    const random = () => (draws++, BigInt(draws))
    const lb = createBalancer('least_request', [host('a'), host('b'), host('c')], { choiceCount: 5 }, { random, nowMs: clock })
    expect(draws).toBe(1)
    lb.pick()
    expect(draws).toBe(7)
  })

  it('a single host still consumes choiceCount draws (no EDF for ≤ 1 host)', () => {
    let draws = 0
    const random = () => (draws++, 0n)
    const lb = createBalancer('least_request', [host('a', 3)], { activeRequestBias: 1 }, { random, nowMs: clock })
    expect(lb.pick()).toBe(0)
    expect(draws).toBe(1 + 1 + 2)
  })

  it('countPendingRequests adds pending wherever active is read', () => {
    const hosts = [host('a', 1, { active: 1, pending: 5 }), host('b', 1, { active: 2 })]
    const { random, push } = scripted()
    const lb = createBalancer('least_request', hosts, { countPendingRequests: true }, { random, nowMs: clock })
    push(0, 0, 1)
    expect(lb.pick()).toBe(1) // 1 + 5 > 2
    const plain = scripted()
    const lb2 = createBalancer('least_request', hosts, {}, { random: plain.random, nowMs: clock })
    plain.push(0, 0, 1)
    expect(lb2.pick()).toBe(0) // pending ignored: 1 < 2
  })

  it('bias 0 makes the weighted path plain weighted round robin', () => {
    const hosts = [host('a', 1, { active: 100 }), host('b', 2)]
    const lb = createBalancer('least_request', hosts, { activeRequestBias: 0 }, { random: mockRandom([]), nowMs: clock })
    expect(picks(lb, 6)).toEqual([1, 0, 1, 1, 0, 1])
  })

  it('choiceCount below 2 is rejected', () => {
    expect(() => createBalancer('least_request', [], { choiceCount: 1 }, { random: mockRandom([]), nowMs: clock })).toThrow(RangeError)
  })

  it('zero hosts picks nothing; all unhealthy falls back to all hosts (panic)', () => {
    expect(createBalancer('least_request', [], {}, { random: mockRandom([]), nowMs: clock }).pick()).toBeUndefined()
    const down = [host('a', 1, { healthy: false, active: 3 }), host('b', 1, { healthy: false, active: 1 })]
    const { random, push } = scripted()
    const lb = createBalancer('least_request', down, {}, { random, nowMs: clock })
    push(0, 0, 1)
    expect(lb.pick()).toBe(1)
  })
})

describe('least_request: distribution', () => {
  it('P2C with one busy host out of three (100k seeded picks, ± 1 pp)', () => {
    const hosts = [host('busy', 1, { active: 5 }), host('b'), host('c')]
    const lb = createBalancer('least_request', hosts, {}, { random: createSplitMix64(21n), nowMs: clock })
    const counts = countPicks(lb, 100_000, 3)
    // P2C picks the busy host only if drawn twice: (1/3)^2 ≈ 11.1%; the idle ones share the rest: 44.4% each.
    expect(Math.abs(counts[0]! / 100_000 - 1 / 9)).toBeLessThan(0.01)
    expect(Math.abs(counts[1]! / 100_000 - 4 / 9)).toBeLessThan(0.01)
    expect(Math.abs(counts[2]! / 100_000 - 4 / 9)).toBeLessThan(0.01)
  })

  it('weighted path with constant load: weights 2 and 1 with 1 and 0 active split 50/50 (± 0.5 pp)', () => {
    const hosts = [host('a', 2, { active: 1 }), host('b', 1)]
    const lb = createBalancer('least_request', hosts, {}, { random: createSplitMix64(5n), nowMs: clock })
    const counts = countPicks(lb, 100_000, 2)
    // Effective weights 2/(1+1) = 1 and 1/(0+1) = 1: equal shares.
    expect(Math.abs(counts[0]! / 100_000 - 0.5)).toBeLessThan(0.005)
  })
})

describe('least_request: properties', () => {
  const specsArb = fc.array(
    fc.record({ weight: fc.integer({ min: 1, max: 3 }), active: fc.integer({ min: 0, max: 5 }), healthy: fc.boolean() }),
    { minLength: 1, maxLength: 8 },
  )

  it('FULL_SCAN always picks one of the least busy hosts', () => {
    fc.assert(
      fc.property(specsArb, fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (specs, seed) => {
        const hosts = specs.map((s, i) => host(`h${i}`, 1, { active: s.active }))
        const lb = createBalancer('least_request', hosts, { selectionMethod: 'FULL_SCAN' }, { random: createSplitMix64(seed), nowMs: clock })
        const least = Math.min(...hosts.map((h) => h.active))
        for (const p of picks(lb, 10)) expect(hosts[p!]!.active).toBe(least)
      }),
    )
  })

  it('the same seed gives the same picks, on both paths', () => {
    fc.assert(
      fc.property(specsArb, fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (specs, seed) => {
        const run = () => {
          const hosts = specs.map((s, i) => host(`h${i}`, s.weight, { active: s.active, healthy: s.healthy }))
          const lb = createBalancer('least_request', hosts, {}, { random: createSplitMix64(seed), nowMs: clock })
          return picks(lb, 30).map((p) => (p === undefined ? -1 : (hosts[p]!.active++, p)))
        }
        expect(run()).toEqual(run())
      }),
    )
  })
})
