import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadVectors, vectorLookup } from '../../../test/support/vectors'
import { murmurHash2_64 } from '../hash/murmurHash2'
import { xxHash64 } from '../hash/xxHash64'
import { createSplitMix64, mockRandom } from '../random64'
import { buildHashRing, normalizeHostWeights, ringLookup, type HashRing } from './hashRing'

type Json = Record<string, any>
const file = loadVectors<{ vectors: Json[] }>('envoy_ring_hash.json')
const vector = vectorLookup(file.vectors, 'prefix')

const MAX64 = (1n << 64n) - 1n
const flat = (keys: string[], weights?: number[]) => keys.map((key, i) => ({ key, weight: weights?.[i] ?? 1 }))
const countPerHost = (ring: HashRing, n: number) => {
  const counts = new Array<number>(n).fill(0)
  for (const h of ring.hosts) counts[h]++
  return counts
}
const ringAsKeys = (ring: HashRing, keys: string[]) =>
  ring.hashes.map((hash, i) => ({ host: keys[ring.hosts[i]], hash_str: hash.toString() }))

/** Envoy's ThreadAwareLoadBalancerBase loop: attempts 0..retryCount, first host the
 *  retry predicate accepts, else the last one tried. */
function chooseWithRetries(ring: HashRing, hash: bigint, retryCount: number, reject: (host: number) => boolean) {
  let host = -1
  for (let attempt = 0; attempt <= retryCount; attempt++) {
    host = ringLookup(ring, hash, attempt)
    if (host < 0 || !reject(host)) return host
  }
  return host
}

/** host_w × (loc_w / Σ loc_w) / Σ host_w in the locality, in Envoy's operation order. */
function localityWeighted(hostWeights: number[][], localityWeights: number[]): number[] {
  const total = localityWeights.reduce((a, b) => a + b, 0)
  return hostWeights.flatMap((hosts, l) => {
    const sum = hosts.reduce((a, b) => a + b, 0)
    return hosts.map((w) => (w * (localityWeights[l] / total)) / sum)
  })
}

describe('buildHashRing / ringLookup — upstream vectors (envoy_ring_hash.json)', () => {
  it('Basic: ring, stats and lookups', () => {
    const { inputs, expected } = vector('Basic (')
    const ring = buildHashRing(flat(inputs.hosts_in_order, inputs.weights), {
      minimumRingSize: inputs.minimum_ring_size, hashFunction: inputs.hash_function,
    })
    expect(ring.hashes.length).toBe(expected.ring_size)
    const counts = countPerHost(ring, inputs.hosts_in_order.length)
    expect(Math.min(...counts)).toBe(expected.min_hashes_per_host)
    expect(Math.max(...counts)).toBe(expected.max_hashes_per_host)
    expect(ringAsKeys(ring, inputs.hosts_in_order)).toEqual(expected.sorted_ring)
    for (const lookup of expected.lookups) {
      // Without an LB context Envoy hashes with random(); replay the mocked draw.
      const hash = lookup.hash_str !== undefined ? BigInt(lookup.hash_str) : mockRandom([BigInt(lookup.hash_from_mocked_random_str)])()
      expect(ringLookup(ring, hash)).toBe(lookup.host_index)
    }
    // Panic: the ring is rebuilt over all hosts, which here are the same hosts.
    expect(expected.panic).toMatch(/hash 0 still -> host index 4/)
    expect(ringLookup(buildHashRing(flat(inputs.hosts_in_order), { minimumRingSize: inputs.minimum_ring_size }), 0n)).toBe(4)
  })

  it('BasicWithRetryHostPredicate: (found + attempt) % size', () => {
    const basic = vector('Basic (').inputs
    const { inputs, expected } = vector('BasicWithRetryHostPredicate')
    const ring = buildHashRing(flat(basic.hosts_in_order), { minimumRingSize: basic.minimum_ring_size })
    const hash = BigInt(inputs.hash)
    expect(ringLookup(ring, hash)).toBe(expected.attempt0)
    expect(chooseWithRetries(ring, hash, 2, () => false)).toBe(expected.attempt0)
    expect(chooseWithRetries(ring, hash, 2, (h) => h === expected.attempt0)).toBe(expected['retry_count_2_predicate_rejects_host4_gives'])
    expect(chooseWithRetries(ring, hash, 2, () => true)).toBe(expected['retry_count_2_all_rejected_returns_last(attempt2)'])
    expect(chooseWithRetries(ring, hash, 13, () => true)).toBe(expected['retry_count_13_all_rejected_returns_last(attempt13)'])
  })

  it('UnevenHosts: ring of 4 for minimum 3, and after a membership change', () => {
    const { inputs, expected } = vector('UnevenHosts')
    const ring = buildHashRing(flat(inputs.hosts), { minimumRingSize: inputs.minimum_ring_size })
    expect(ring.hashes.length).toBe(expected.ring_size)
    expect(countPerHost(ring, 2)).toEqual([expected.hashes_per_host, expected.hashes_per_host])
    expect(ringAsKeys(ring, inputs.hosts)).toEqual(expected.sorted_ring)
    expect(inputs.hosts[ringLookup(ring, 0n)]).toBe(expected.lookup_hash0_host)

    const after = buildHashRing(flat(expected.after_update_hosts), { minimumRingSize: inputs.minimum_ring_size })
    expect(ringAsKeys(after, expected.after_update_hosts)).toEqual(expected.sorted_ring_after)
    expect(expected.after_update_hosts[ringLookup(after, 0n)]).toBe(expected.lookup_hash0_after)
  })

  it('HostWeightedTinyRing: weights 1, 2, 3 on a ring of exactly 6', () => {
    const { inputs, expected } = vector('HostWeightedTinyRing')
    const opts = { minimumRingSize: inputs.minimum_ring_size, maximumRingSize: inputs.maximum_ring_size }
    const normalised = normalizeHostWeights(inputs.weights)
    // Raw weights and Envoy-normalised weights must give the same ring.
    for (const weights of [inputs.weights, normalised]) {
      const ring = buildHashRing(flat(inputs.hosts, weights), opts)
      expect(ring.hashes.length).toBe(expected.ring_size)
      const counts = countPerHost(ring, inputs.hosts.length)
      expect([Math.min(...counts), Math.max(...counts)]).toEqual([expected.min_hashes_per_host, expected.max_hashes_per_host])
      for (const [hash, host] of Object.entries(expected.lookup_hash_to_host_index)) {
        expect(ringLookup(ring, BigInt(hash))).toBe(host)
      }
    }
  })

  describe('HostAndLocalityWeighted', () => {
    const { inputs, expected } = vector('HostAndLocalityWeighted')
    // Hosts are listed locality by locality, the order Envoy normalises them in.
    const perLocality = inputs.localities.map((members: string[]) =>
      members.map((suffix) => inputs.host_weights[inputs.hosts.findIndex((h: string) => h.endsWith(suffix))]))
    const hosts = flat(inputs.hosts, localityWeighted(perLocality, inputs.locality_weights))

    it('tiny ring of 9', () => {
      const size = expected.tiny['min=max=ring_size']
      const ring = buildHashRing(hosts, { minimumRingSize: size, maximumRingSize: size })
      expect(ring.hashes.length).toBe(size)
      const counts = countPerHost(ring, hosts.length)
      expect([Math.min(...counts), Math.max(...counts)]).toEqual([expected.tiny.min_hashes_per_host, expected.tiny.max_hashes_per_host])
      for (const [hash, host] of Object.entries(expected.tiny.lookup_hash_to_host_index)) {
        expect(ringLookup(ring, BigInt(hash))).toBe(host)
      }
    })

    it('large ring of 9216, probed at i·floor((2^64−1)/9000)', () => {
      const ring = buildHashRing(hosts, { minimumRingSize: expected.large.minimum_ring_size })
      expect(ring.hashes.length).toBe(expected.large.ring_size)
      const perHost = countPerHost(ring, hosts.length)
      expect([Math.min(...perHost), Math.max(...perHost)]).toEqual([expected.large.min_hashes_per_host, expected.large.max_hashes_per_host])
      expect(expected.large.probe_hashes).toBe('i*floor((2^64-1)/9000), i<9000')
      const step = MAX64 / 9000n
      const counts = new Array<number>(hosts.length).fill(0)
      for (let i = 0n; i < 9000n; i++) counts[ringLookup(ring, i * step)]++
      expect(counts).toEqual(expected.large.counts)
    })
  })

  it('BasicFailover: the mocked random() picks the priority, then the ring', () => {
    // The vector's host lists are prose: P0 = [:80 healthy, :81 unhealthy], P1 = [:82 healthy].
    // Priority load itself is computePriorityLoad's job; here it is taken from the vector.
    const { inputs, expected } = vector('BasicFailover')
    expect(inputs.P0).toBe('2 hosts (:80,:81), 1 healthy')
    const rings = [buildHashRing(flat(['127.0.0.1:80']), { minimumRingSize: 12 }), buildHashRing(flat(['127.0.0.1:82']), { minimumRingSize: 12 })]
    const keys = [['127.0.0.1:80'], ['127.0.0.1:82']]
    const pick = (random: () => bigint) => {
      const h = random()
      const level = Number(h % 100n) + 1 <= expected.priority_load[0] ? 0 : 1
      return keys[level][ringLookup(rings[level], h)]
    }
    expect(pick(mockRandom([69]))).toBe('127.0.0.1:80')
    expect(pick(mockRandom([71]))).toBe('127.0.0.1:82')
  })
})

describe('buildHashRing / ringLookup — more upstream examples (ring_hash_lb_test.cc)', () => {
  it('BasicWithMurmur2: ring from the upstream trace log', () => {
    const keys = [80, 81, 82, 83, 84, 85].map((p) => `127.0.0.1:${p}`)
    const ring = buildHashRing(flat(keys), { minimumRingSize: 12, hashFunction: 'MURMUR_HASH_2' })
    expect(ring.hashes.slice(0, 3)).toEqual([1358027074129602068n, 4361834613929391114n, 7224494972555149682n])
    expect(ring.hashes[11]).toBe(17613279263364193813n)
    expect(Array.from(ring.hosts)).toEqual([5, 3, 4, 1, 2, 4, 1, 2, 3, 0, 5, 0])
    expect(ringLookup(ring, 0n)).toBe(5)
    expect(ringLookup(ring, MAX64)).toBe(5)
    expect(ringLookup(ring, 1358027074129602068n)).toBe(5)
    expect(ringLookup(ring, 1358027074129602069n)).toBe(3)
    expect(ringLookup(ring, 10150910876324007730n)).toBe(2)
  })

  it('BasicWithHostname: hostname keys "90".."95"', () => {
    const ring = buildHashRing(flat(['90', '91', '92', '93', '94', '95']), { minimumRingSize: 12 })
    expect(Array.from(ring.hosts)).toEqual([5, 5, 3, 4, 3, 2, 0, 2, 1, 0, 1, 4])
    expect(ring.hashes[0]).toBe(1975508444536362413n)
    expect(ringLookup(ring, 0n)).toBe(5)
    expect(ringLookup(ring, 7225015537174310577n)).toBe(2)
    expect(ringLookup(ring, 6803900775736438537n)).toBe(3)
  })
})

describe('buildHashRing — edge cases', () => {
  it('an empty host list, or only weight-0 hosts, gives an empty ring that looks up to -1', () => {
    for (const hosts of [[], flat(['a:1', 'b:1'], [0, 0])]) {
      const ring = buildHashRing(hosts)
      expect(ring.hashes).toEqual([])
      expect(ringLookup(ring, 5n, 3)).toBe(-1)
    }
  })

  it('defaults to a 1024-entry XX_HASH ring for equal weights', () => {
    const ring = buildHashRing(flat(['a:1', 'b:1', 'c:1', 'd:1']))
    expect(ring.hashes.length).toBe(1024)
    expect(ring.hashes).toContain(xxHash64('a:1_0'))
    expect(ring.hashes).not.toContain(murmurHash2_64('a:1_0'))
  })

  it('caps the ring at maximumRingSize for lopsided weights', () => {
    const ring = buildHashRing(flat(['a:1', 'b:1'], [1, 9999]), { maximumRingSize: 2000 })
    expect(ring.hashes.length).toBe(2000)
    expect(countPerHost(ring, 2)[0]).toBe(1) // 2000 × 1/10000 = 0.2 → one entry (running sum)
  })

  it('rejects minimum > maximum, negative, fractional and over-limit sizes (Envoy config errors)', () => {
    const hosts = flat(['a:1'])
    expect(() => buildHashRing(hosts, { minimumRingSize: 20, maximumRingSize: 10 })).toThrow(RangeError)
    expect(() => buildHashRing(hosts, { minimumRingSize: -1 })).toThrow(RangeError)
    expect(() => buildHashRing(hosts, { minimumRingSize: 1.5 })).toThrow(RangeError)
    expect(() => buildHashRing(hosts, { maximumRingSize: 8388609 })).toThrow(RangeError)
    expect(() => buildHashRing(flat(['a:1'], [-1]))).toThrow(RangeError)
    expect(() => buildHashRing(flat(['a:1'], [NaN]))).toThrow(RangeError)
  })

  it('keeps normalised weights that sum below 1 as they are (a locality without hosts)', () => {
    expect(normalizeHostWeights([0.25, 0.25])).toEqual([0.25, 0.25])
    expect(normalizeHostWeights([1, 3])).toEqual([0.25, 0.75])
  })
})

describe('ringLookup — distribution', () => {
  it('100k seeded lookups follow weights 1:2:3:4 on a 100 000-entry ring', () => {
    const weights = [1, 2, 3, 4]
    const ring = buildHashRing(flat(['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80', '10.0.0.4:80'], weights), { minimumRingSize: 100_000 })
    const random = createSplitMix64(20240601n)
    const counts = [0, 0, 0, 0]
    for (let i = 0; i < 100_000; i++) counts[ringLookup(ring, random())]++
    // Arc share of a host with k ≥ 10 000 points has relative sd ≈ 1/√k ≤ 1 %, sampling sd
    // ≤ √(0.4·0.6/1e5) ≈ 0.15 %, so ±1 % absolute is ≥ 4 sd for every host.
    weights.forEach((w, i) => expect(Math.abs(counts[i] / 100_000 - w / 10)).toBeLessThan(0.01))
  })
})

describe('buildHashRing / ringLookup — properties', () => {
  const hostsArb = fc.array(fc.record({ key: fc.string({ minLength: 1, maxLength: 12 }), weight: fc.integer({ min: 0, max: 8 }) }), { minLength: 1, maxLength: 8 })
    .filter((hosts) => hosts.some((h) => h.weight > 0))
  const sizesArb = fc.record({ minimumRingSize: fc.integer({ min: 1, max: 300 }), maximumRingSize: fc.integer({ min: 300, max: 600 }) })

  it('lookups return a host with positive weight; weight-0 hosts never appear', () => {
    fc.assert(fc.property(hostsArb, sizesArb, fc.bigInt(0n, MAX64), fc.nat(50), (hosts, sizes, hash, attempt) => {
      const ring = buildHashRing(hosts, sizes)
      for (const h of ring.hosts) expect(hosts[h].weight).toBeGreaterThan(0)
      const picked = ringLookup(ring, hash, attempt)
      expect(hosts[picked].weight).toBeGreaterThan(0)
    }))
  })

  it('is sorted, each entry is the hash of "<key>_<i>", and each host gets scale·w entries ± 1', () => {
    fc.assert(fc.property(hostsArb, sizesArb, fc.boolean(), (hosts, sizes, murmur) => {
      const hash = murmur ? murmurHash2_64 : xxHash64
      const ring = buildHashRing(hosts, { ...sizes, hashFunction: murmur ? 'MURMUR_HASH_2' : 'XX_HASH' })
      for (let i = 1; i < ring.hashes.length; i++) expect(ring.hashes[i - 1] <= ring.hashes[i]).toBe(true)
      const counts = countPerHost(ring, hosts.length)
      hosts.forEach((h, i) => {
        for (let n = 0; n < counts[i]; n++) expect(ring.hashes).toContain(hash(`${h.key}_${n}`))
      })
      const w = normalizeHostWeights(hosts.map((h) => h.weight))
      const minW = Math.min(1, ...w.filter((x) => x > 0))
      const scale = Math.min(Math.ceil(minW * sizes.minimumRingSize) / minW, sizes.maximumRingSize)
      w.forEach((x, i) => expect(Math.abs(counts[i] - scale * x)).toBeLessThan(1 + 1e-6))
    }), { numRuns: 60 })
  })

  it('finds the first entry with hash ≥ h (wrapping to 0), then steps `attempt` entries', () => {
    fc.assert(fc.property(hostsArb, fc.bigInt(0n, MAX64), fc.nat(30), (hosts, hash, attempt) => {
      const ring = buildHashRing(hosts, { minimumRingSize: 64, maximumRingSize: 256 })
      const size = ring.hashes.length
      const probes = [hash, ring.hashes[Number(hash % BigInt(size))], ring.hashes[Number(hash % BigInt(size))] + 1n]
      for (const h of probes) {
        let found = ring.hashes.findIndex((x) => x >= h)
        if (found < 0) found = 0
        // Equal hashes can only come from equal "<key>_<i>" strings (keys may repeat here).
        const expected = ring.hosts[(found + attempt) % size]
        const got = ringLookup(ring, h, attempt)
        if (new Set(ring.hashes).size === size) expect(got).toBe(expected)
        else expect(hosts[got].weight).toBeGreaterThan(0)
      }
    }))
  })

  it('the same inputs give the same ring', () => {
    fc.assert(fc.property(hostsArb, sizesArb, (hosts, sizes) => {
      const a = buildHashRing(hosts, sizes)
      const b = buildHashRing(hosts.map((h) => ({ ...h })), sizes)
      expect(b.hashes).toEqual(a.hashes)
      expect(Array.from(b.hosts)).toEqual(Array.from(a.hosts))
    }), { numRuns: 50 })
  })
})
