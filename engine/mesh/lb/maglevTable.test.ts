import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadVectors, vectorLookup } from '../../../test/support/vectors'
import { xxHash64 } from '../hash/xxHash64'
import { createSplitMix64 } from '../random64'
import { buildMaglevTable, DEFAULT_MAGLEV_TABLE_SIZE, maglevLookup } from './maglevTable'

type Json = Record<string, any>
const file = loadVectors<{ vectors: Json[] }>('envoy_maglev.json')
const vector = vectorLookup(file.vectors, 'prefix')

const MAX64 = (1n << 64n) - 1n
const hostsOf = (keys: string[], weights: number[]) => keys.map((key, i) => ({ key, weight: weights[i] }))
const countPerHost = (table: Int32Array, n: number) => {
  const counts = new Array<number>(n).fill(0)
  for (const h of table) counts[h]++
  return counts
}

/** Envoy's ThreadAwareLoadBalancerBase loop: attempts 0..retryCount, first host the
 *  retry predicate accepts, else the last one tried. */
function chooseWithRetries(table: Int32Array, hash: bigint, retryCount: number, reject: (host: number) => boolean) {
  let host = -1
  for (let attempt = 0; attempt <= retryCount; attempt++) {
    host = maglevLookup(table, hash, attempt)
    if (host < 0 || !reject(host)) return host
  }
  return host
}

describe('buildMaglevTable — upstream vectors (envoy_maglev.json)', () => {
  const tables = file.vectors.filter((v) => v.expected?.table_host_index)
  it('has the table vectors to replay', () => expect(tables.length).toBeGreaterThanOrEqual(3))

  for (const { name, inputs, expected, derived_intermediate: derived } of tables) {
    describe(name, () => {
      const table = buildMaglevTable(hostsOf(inputs.hash_keys, inputs.normalized_weights), inputs.table_size)

      it('builds the expected table and entry stats', () => {
        expect(Array.from(table)).toEqual(expected.table_host_index)
        const counts = countPerHost(table, inputs.hash_keys.length)
        expect(Math.min(...counts)).toBe(expected.min_entries_per_host)
        expect(Math.max(...counts)).toBe(expected.max_entries_per_host)
      })

      it('looks hash i up at table[i % M] (upstream checks i < 3M)', () => {
        for (let i = 0; i < 3 * inputs.table_size; i++) {
          expect(maglevLookup(table, BigInt(i))).toBe(expected.table_host_index[i % inputs.table_size])
        }
      })

      if (Array.isArray(inputs.host_weights)) {
        it('gives the same table from raw host weights', () => {
          expect(buildMaglevTable(hostsOf(inputs.hash_keys, inputs.host_weights), inputs.table_size)).toEqual(table)
        })
      }

      if (derived) {
        it('matches the derived offsets, skips and per-key counts', () => {
          const m = BigInt(inputs.table_size)
          const keys: string[] = derived.build_order_sorted_keys
          expect(keys).toEqual([...inputs.hash_keys].sort())
          expect(keys.map((k) => Number(xxHash64(k) % m))).toEqual(derived.offset)
          expect(keys.map((k) => Number(xxHash64(k, 1n) % (m - 1n)) + 1)).toEqual(derived.skip)
          const counts = countPerHost(table, inputs.hash_keys.length)
          expect(keys.map((k) => counts[inputs.hash_keys.indexOf(k)])).toEqual(derived.entries_per_key)
        })
      }
    })
  }

  it('LocalityWeightedSameLocalityWeights: normalised weights follow the locality formula', () => {
    const { inputs, locality_setup: setup } = vector('LocalityWeightedSameLocalityWeights')
    // Each locality holds one host; host weights 1 and 2 as in the setup prose.
    expect(setup.localities).toEqual([['127.0.0.1:90 (w1)'], ['127.0.0.1:91 (w2)']])
    const [l0, l1] = setup.locality_weights as number[]
    const total = l0 + l1
    expect([(1 * (l0 / total)) / 1, (2 * (l1 / total)) / 2]).toEqual(inputs.normalized_weights)
  })

  it('BasicWithRetryHostPredicate: hash ^ (2^64 − attempt)', () => {
    const basic = vector('Basic (').inputs
    const { inputs, expected } = vector('BasicWithRetryHostPredicate')
    const table = buildMaglevTable(hostsOf(basic.hash_keys, basic.normalized_weights), basic.table_size)
    const hash = BigInt(inputs.hash)
    expect(maglevLookup(table, hash)).toBe(expected.attempt0_host_index)
    expect(chooseWithRetries(table, hash, 2, () => false)).toBe(expected.attempt0_host_index)
    expect(chooseWithRetries(table, hash, 2, (h) => h === expected.attempt0_host_index)).toBe(expected.attempt1_host_index_if_host1_rejected)
    expect(chooseWithRetries(table, hash, 2, () => true)).toBe(expected.all_rejected_with_retry_count_2_returns_last_checked_host_index)
  })

  it('NoPrimeNumber / defaults', () => {
    const { expected } = vector('NoPrimeNumber')
    const message = /'(.*)'/.exec(expected.table_size_8)![1]
    const hosts = hostsOf(['127.0.0.1:90'], [1])
    expect(() => buildMaglevTable(hosts, 8)).toThrow(new RangeError(message))
    expect(buildMaglevTable(hosts).length).toBe(expected.default_table_size)
    expect(DEFAULT_MAGLEV_TABLE_SIZE).toBe(expected.default_table_size)
  })
})

describe('buildMaglevTable — more upstream examples (maglev_lb_test.cc)', () => {
  it('BasicWithHostName: hostname keys "90".."95" on a table of 7', () => {
    const table = buildMaglevTable(hostsOf(['90', '91', '92', '93', '94', '95'], [1, 1, 1, 1, 1, 1]), 7)
    expect(Array.from(table)).toEqual([2, 5, 0, 3, 4, 1, 0])
  })

  it('LocalityWeightedDifferentLocalityWeights: localities {A: :90, B: :92, C: :91} weighted 8, 0, 2', () => {
    // :90 = 1·(8/10)/1, :91 = 2·(2/10)/2, :92 sits in the weight-0 locality and is dropped.
    const table = buildMaglevTable(hostsOf(['127.0.0.1:90', '127.0.0.1:91', '127.0.0.1:92'], [(1 * (8 / 10)) / 1, (2 * (2 / 10)) / 2, 0]), 17)
    expect(Array.from(table)).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0])
  })

  it('WeightedSingleHost: one host fills the table', () => {
    expect(Array.from(buildMaglevTable(hostsOf(['127.0.0.1:90'], [7]), 17))).toEqual(new Array(17).fill(0))
  })

  it('LocalityWeightedLopsided: 1023 light hosts get one slot each, the heavy one the rest', () => {
    // Locality A = [:0] weight 127, locality B = [:1 … :1023] weight 1.
    const keys = Array.from({ length: 1024 }, (_, i) => `127.0.0.1:${i}`)
    const weights = keys.map((_, i) => (i === 0 ? (1 * (127 / 128)) / 1 : (1 * (1 / 128)) / 1023))
    const counts = countPerHost(buildMaglevTable(hostsOf(keys, weights)), keys.length)
    expect(counts[0]).toBe(DEFAULT_MAGLEV_TABLE_SIZE - 1023)
    expect(counts.slice(1).every((c) => c === 1)).toBe(true)
  })
})

describe('buildMaglevTable — edge cases', () => {
  it('no hosts, or only weight-0 hosts, give an empty table that looks up to -1', () => {
    for (const hosts of [[], hostsOf(['a:1'], [0])]) {
      const table = buildMaglevTable(hosts, 7)
      expect(table.length).toBe(0)
      expect(maglevLookup(table, 3n, 1)).toBe(-1)
    }
  })

  it('rejects non-prime, fractional and over-limit sizes even without hosts', () => {
    for (const size of [0, 1, 8, 65536, 7.5, 5000101]) expect(() => buildMaglevTable([], size)).toThrow(RangeError)
    expect(buildMaglevTable([], 5000011).length).toBe(0)
    expect(buildMaglevTable(hostsOf(['a:1'], [1]), 2)).toEqual(new Int32Array([0, 0]))
  })

  it('a retry xors with 2^64 − attempt: attempt 1 flips every bit but the lowest', () => {
    const table = buildMaglevTable(hostsOf(['a:1', 'b:1', 'c:1'], [1, 1, 1]), 101)
    expect(maglevLookup(table, 5n, 1)).toBe(table[Number((5n ^ MAX64) % 101n)])
    expect(maglevLookup(table, 5n, 3)).toBe(table[Number((5n ^ (MAX64 - 2n)) % 101n)])
  })
})

describe('maglevLookup — distribution', () => {
  it('100k seeded lookups follow weights 1:2:3:4 on the default 65537 table', () => {
    const weights = [1, 2, 3, 4]
    const table = buildMaglevTable(hostsOf(['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80', '10.0.0.4:80'], weights))
    const random = createSplitMix64(7n)
    const counts = [0, 0, 0, 0]
    for (let i = 0; i < 100_000; i++) counts[maglevLookup(table, random())]++
    // Slot counts miss M·w by at most a slot per host per round (share error < 1e-3); sampling
    // sd ≤ √(0.4·0.6/1e5) ≈ 0.15 %, so ±0.8 % absolute is > 4 sd.
    weights.forEach((w, i) => expect(Math.abs(counts[i] / 100_000 - w / 10)).toBeLessThan(0.008))
  })
})

describe('buildMaglevTable / maglevLookup — properties', () => {
  const primes = fc.constantFrom(2, 3, 7, 17, 31, 101, 257, 1009)
  const uniqueHosts = fc.uniqueArray(fc.string({ unit: 'binary', minLength: 1, maxLength: 10 }), { minLength: 1, maxLength: 8 })
    .chain((keys) => fc.tuple(fc.constant(keys), fc.array(fc.integer({ min: 0, max: 5 }), { minLength: keys.length, maxLength: keys.length })))
    .filter(([, weights]) => weights.some((w) => w > 0))
    .map(([keys, weights]) => hostsOf(keys, weights))

  it('fills every slot with a host of positive weight; weight-0 hosts never appear', () => {
    fc.assert(fc.property(uniqueHosts, primes, fc.bigInt(0n, MAX64), fc.nat(20), (hosts, m, hash, attempt) => {
      const table = buildMaglevTable(hosts, m)
      expect(table.length).toBe(m)
      for (const h of table) expect(hosts[h].weight).toBeGreaterThan(0)
      expect(hosts[maglevLookup(table, hash, attempt)].weight).toBeGreaterThan(0)
    }))
  })

  it('every positive-weight host gets a slot when hosts ≤ M', () => {
    fc.assert(fc.property(uniqueHosts, (hosts) => {
      const counts = countPerHost(buildMaglevTable(hosts, 1009), hosts.length)
      hosts.forEach((h, i) => expect(counts[i] > 0).toBe(h.weight > 0))
    }))
  })

  it('does not depend on input order (keys are unique)', () => {
    fc.assert(fc.property(uniqueHosts, primes, fc.bigInt(0n, MAX64), (hosts, m, seed) => {
      const random = createSplitMix64(seed)
      const shuffled = [...hosts]
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Number(random() % BigInt(i + 1))
        ;[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]]
      }
      const a = Array.from(buildMaglevTable(hosts, m), (h) => hosts[h].key)
      const b = Array.from(buildMaglevTable(shuffled, m), (h) => shuffled[h].key)
      expect(b).toEqual(a)
    }))
  })

  it('the same inputs give the same table; lookup is table[hash % M] for attempt 0', () => {
    fc.assert(fc.property(uniqueHosts, primes, fc.bigInt(0n, MAX64), (hosts, m, hash) => {
      const table = buildMaglevTable(hosts, m)
      expect(buildMaglevTable(hosts.map((h) => ({ ...h })), m)).toEqual(table)
      expect(maglevLookup(table, hash)).toBe(table[Number(hash % BigInt(m))])
    }))
  })
})
