import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSplitMix64, mockRandom } from '../random64'
import { createBalancer } from './balancer'
import type { BalancerKind, HostState } from './balancer'
import { normalizeLevelWeights } from './hashBalancer'
import { buildHashRing, ringLookup } from './hashRing'
import { buildMaglevTable, maglevLookup } from './maglevTable'
import { groupPriorityLevels } from './priorityLevels'

const host = (i: number, extra: Partial<HostState> = {}): HostState => ({
  key: `10.0.0.${i}:80`,
  weight: 1,
  healthy: true,
  active: 0,
  ...extra,
})
const clock = () => 0
const kinds: BalancerKind[] = ['ring_hash', 'maglev']
const MAX64 = (1n << 64n) - 1n

describe('ring_hash / maglev: wiring to the ring and the table', () => {
  const hosts = [host(0, { weight: 1 }), host(1, { weight: 2, healthy: false }), host(2, { weight: 3 }), host(3, { weight: 2 })]
  const healthy = [0, 2, 3]
  // Flat normalisation over the healthy hosts: wᵢ × 1.0 / Σ w, Σ w = 6.
  const normalized = healthy.map((i) => ({ key: hosts[i]!.key, weight: (hosts[i]!.weight * 1.0) / 6 }))

  it('ring_hash picks what ringLookup finds in the ring of healthy hosts, attempts included', () => {
    const lb = createBalancer('ring_hash', hosts, {}, { random: mockRandom([]), nowMs: clock })
    const ring = buildHashRing(normalized)
    const random = createSplitMix64(1n)
    for (let k = 0; k < 500; k++) {
      const h = random()
      for (const attempt of [0, 1, 3]) expect(lb.pick(h, attempt)).toBe(healthy[ringLookup(ring, h, attempt)])
    }
  })

  it('maglev picks what maglevLookup finds in the table of healthy hosts, attempts included', () => {
    const lb = createBalancer('maglev', hosts, { tableSize: 307 }, { random: mockRandom([]), nowMs: clock })
    const table = buildMaglevTable(normalized, 307)
    const random = createSplitMix64(2n)
    for (let k = 0; k < 500; k++) {
      const h = random()
      for (const attempt of [0, 1, 3]) expect(lb.pick(h, attempt)).toBe(healthy[maglevLookup(table, h, attempt)])
    }
  })

  for (const kind of kinds) {
    it(`${kind}: no seed; without a hash one random() is the priority draw and the lookup hash`, () => {
      let draws = 0
      const values = [12345678901234567n, MAX64]
      const random = () => values[draws++ % 2]!
      const ctx = { random, nowMs: clock }
      const lb = createBalancer(kind, hosts, { tableSize: 307 }, ctx)
      expect(draws).toBe(0)
      const expected = values.map((v) => lb.pick(v))
      expect(draws).toBe(0)
      expect([lb.pick(), lb.pick()]).toEqual(expected)
      expect(draws).toBe(2)
    })

    it(`${kind}: the hash also chooses the priority (hash % 100 + 1 against the loads)`, () => {
      // P0: 2 of 4 healthy → 70 %; P1: all healthy → 30 %.
      const levels = [
        ...[0, 1, 2, 3].map((i) => host(i, { healthy: i < 2 })),
        ...[4, 5].map((i) => host(i, { priority: 1 })),
      ]
      const lb = createBalancer(kind, levels, { tableSize: 307 }, { random: mockRandom([]), nowMs: clock })
      const random = createSplitMix64(3n)
      for (let k = 0; k < 300; k++) {
        const h = random()
        const p = lb.pick(h)!
        expect(h % 100n < 70n ? [0, 1] : [4, 5]).toContain(p)
      }
    })

    it(`${kind}: a level in panic hashes over all of its hosts; threshold 0 over none`, () => {
      const down = [0, 1, 2].map((i) => host(i, { healthy: false }))
      const lb = createBalancer(kind, down, { tableSize: 307 }, { random: createSplitMix64(4n), nowMs: clock })
      const seen = new Set(Array.from({ length: 200 }, () => lb.pick()))
      expect(seen).toEqual(new Set([0, 1, 2]))
      const none = createBalancer(kind, down, { tableSize: 307, healthyPanicThreshold: 0 }, { random: createSplitMix64(4n), nowMs: clock })
      expect(none.pick(42n)).toBeUndefined()
    })

    it(`${kind}: locality weights draw no random (thread-aware LBs have no locality scheduler); weight-0 localities get nothing`, () => {
      let draws = 0
      const random = () => (draws++, BigInt(draws) * 0x9e3779b97f4a7c15n)
      const hosts = [host(0, { locality: 'a' }), host(1, { locality: 'b' }), host(2, { locality: 'zero' })]
      const lb = createBalancer(kind, hosts, { tableSize: 307, localityWeights: { a: 1, b: 3 } }, { random, nowMs: clock })
      lb.setHosts(hosts)
      expect(draws).toBe(0)
      const seen = new Set(Array.from({ length: 300 }, () => lb.pick()))
      expect(seen).toEqual(new Set([0, 1]))
    })

    it(`${kind}: zero hosts picks nothing; setHosts rebuilds`, () => {
      const lb = createBalancer(kind, [], { tableSize: 307 }, { random: mockRandom([]), nowMs: clock })
      expect(lb.pick(7n)).toBeUndefined()
      lb.setHosts([host(9)])
      expect(lb.pick(7n)).toBe(0)
    })
  }

  it('maglev: a non-prime table size throws RangeError, even without hosts', () => {
    expect(() => createBalancer('maglev', [], { tableSize: 100 }, { random: mockRandom([]), nowMs: clock })).toThrow(RangeError)
  })
})

describe('normalizeLevelWeights', () => {
  it('per locality: w × (locality weight / Σ locality weights) / Σ w in the locality; weight-0 localities dropped', () => {
    const hosts = [
      host(0, { locality: 'a', weight: 1 }),
      host(1, { locality: 'a', weight: 3 }),
      host(2, { locality: 'b', weight: 2 }),
      host(3, { locality: 'c', weight: 5 }),
    ]
    const [level] = groupPriorityLevels(hosts)
    const got = normalizeLevelWeights(level!, hosts, false, { a: 1, b: 3 })
    expect(got.map((h) => [h.index, h.weight])).toEqual([
      [0, (1 * (1 / 4)) / 4],
      [1, (3 * (1 / 4)) / 4],
      [2, (2 * (3 / 4)) / 2],
    ])
  })

  it('a locality with weight but no healthy host keeps its share unassigned', () => {
    const hosts = [host(0, { locality: 'a' }), host(1, { locality: 'b', healthy: false })]
    const [level] = groupPriorityLevels(hosts)
    expect(normalizeLevelWeights(level!, hosts, false, { a: 1, b: 1 })).toEqual([{ index: 0, key: hosts[0]!.key, weight: 0.5 }])
    expect(normalizeLevelWeights(level!, hosts, false, {})).toEqual([])
  })
})

describe('ring_hash / maglev: distribution', () => {
  it('maglev (65537 entries): weights 1:2:3 get 1/6, 2/6, 3/6 of 100k random hashes (± 1 pp)', () => {
    const hosts = [1, 2, 3].map((w, i) => host(i, { weight: w }))
    const lb = createBalancer('maglev', hosts, {}, { random: createSplitMix64(5n), nowMs: clock })
    const counts = [0, 0, 0]
    for (let i = 0; i < 100_000; i++) counts[lb.pick()!]++
    // Maglev fills the table in proportion to normalised weight (to within a few entries of 65537).
    ;[1, 2, 3].forEach((w, i) => expect(Math.abs(counts[i]! / 100_000 - w / 6)).toBeLessThan(0.01))
  })

  it('ring_hash (16384+ entries): weights 1:2:3 get about 1/6, 2/6, 3/6 of 100k random hashes (± 3 pp)', () => {
    const hosts = [1, 2, 3].map((w, i) => host(i, { weight: w }))
    const lb = createBalancer('ring_hash', hosts, { minimumRingSize: 16384 }, { random: createSplitMix64(6n), nowMs: clock })
    const counts = [0, 0, 0]
    for (let i = 0; i < 100_000; i++) counts[lb.pick()!]++
    // Entries are proportional to weight, but arc lengths vary: ketama shares are off by ~1/√entries.
    ;[1, 2, 3].forEach((w, i) => expect(Math.abs(counts[i]! / 100_000 - w / 6)).toBeLessThan(0.03))
  })
})

describe('ring_hash / maglev: properties', () => {
  for (const kind of kinds) {
    it(`${kind}: the same hash always picks the same host; a host key, not its position, decides`, () => {
      fc.assert(
        fc.property(fc.bigInt({ min: 0n, max: MAX64 }), fc.integer({ min: 1, max: 6 }), (h, n) => {
          const hosts = Array.from({ length: n }, (_, i) => host(i))
          const lb = createBalancer(kind, hosts, { tableSize: 307 }, { random: mockRandom([]), nowMs: clock })
          const first = lb.pick(h)!
          expect(lb.pick(h)).toBe(first)
          if (kind === 'maglev') {
            // Maglev sorts hosts by key, so reversing the list must pick the same host.
            const reversed = [...hosts].reverse()
            lb.setHosts(reversed)
            expect(reversed[lb.pick(h)!]!.key).toBe(hosts[first]!.key)
          }
        }),
        { numRuns: 50 },
      )
    })
  }
})
