import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSplitMix64, mockRandom } from '../random64'
import { createBalancer } from './balancer'
import type { HostState } from './balancer'

const host = (key: string, extra: Partial<HostState> = {}): HostState => ({ key, weight: 1, healthy: true, active: 0, ...extra })
const clock = () => 0

describe('random: examples', () => {
  it('draws no seed, then exactly one random per pick', () => {
    let draws = 0
    const random = () => (draws++, 0n)
    const lb = createBalancer('random', [host('a'), host('b')], {}, { random, nowMs: clock })
    expect(draws).toBe(0)
    lb.pick()
    lb.pick()
    expect(draws).toBe(2)
  })

  it('one draw r chooses the level (r % 100 + 1) and the host (r % n)', () => {
    // P0: 2 of 4 healthy → load 70; P1: 4 healthy → 30.
    const hosts = [
      ...[0, 1, 2, 3].map((i) => host(`p0-${i}`, { healthy: i < 2 })),
      ...[0, 1, 2, 3].map((i) => host(`p1-${i}`, { priority: 1 })),
    ]
    const lb = createBalancer('random', hosts, {}, { random: mockRandom([5, 75, 168]), nowMs: clock })
    expect(lb.pick()).toBe(1) // 6 ≤ 70 → P0 healthy [0, 1]; 5 % 2 = 1
    expect(lb.pick()).toBe(7) // 76 > 70 → P1 [4..7]; 75 % 4 = 3
    expect(lb.pick()).toBe(0) // 69 ≤ 70 → P0; 168 % 2 = 0
  })

  it('weights are ignored, weight-0 hosts excluded; zero hosts picks nothing', () => {
    const lb = createBalancer('random', [host('a', { weight: 100 }), host('b', { weight: 0 }), host('c')], {}, { random: mockRandom([0, 1]), nowMs: clock })
    expect(lb.pick()).toBe(0)
    expect(lb.pick()).toBe(2)
    expect(createBalancer('random', [], {}, { random: mockRandom([]), nowMs: clock }).pick()).toBeUndefined()
  })
})

describe('random: distribution', () => {
  it('4 hosts with weights 1..4 each get 25 % of 100k seeded picks (± 1 pp)', () => {
    const hosts = [1, 2, 3, 4].map((w, i) => host(`h${i}`, { weight: w }))
    const lb = createBalancer('random', hosts, {}, { random: createSplitMix64(17n), nowMs: clock })
    const counts = [0, 0, 0, 0]
    for (let i = 0; i < 100_000; i++) counts[lb.pick()!]++
    // hosts[r % 4] with r uniform over 2^64 (which 4 divides): exactly uniform, weights ignored.
    counts.forEach((c) => expect(Math.abs(c / 100_000 - 0.25)).toBeLessThan(0.01))
  })
})

describe('random: properties', () => {
  it('the same seed gives the same picks', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (health, seed) => {
        const run = () => {
          const lb = createBalancer('random', health.map((h, i) => host(`h${i}`, { healthy: h })), {}, { random: createSplitMix64(seed), nowMs: clock })
          return Array.from({ length: 20 }, () => lb.pick())
        }
        expect(run()).toEqual(run())
      }),
    )
  })
})
