/**
 * Envoy's MAGLEV lookup table (Eisenbud et al., NSDI 2016, §3.4 pseudocode listing 1, with
 * Envoy's weighting), and the lookup into it.
 *
 * Build, for a prime table size M: hosts are sorted by hash key (byte order of the UTF-8 key,
 * as Envoy's std::sort on string_views), so the table does not depend on input order. For each
 * host, offset = xxHash64(key, 0) % M and skip = xxHash64(key, 1) % (M − 1) + 1; its
 * preference list is permutation(j) = (offset + skip · j) % M, which visits every slot once
 * because M is prime. Fill: with w the normalised weight and max_w the largest, for
 * iteration = 1, 2, …, each host in sorted order with iteration · w ≥ target claims the next
 * free slot of its permutation and sets target += max_w, until all M slots are taken (target
 * starts at 0, so every host claims one slot in round 1). A host of weight max_w / k thus claims
 * roughly every k-th round.
 * Tie-breaking: hosts with identical keys keep input order (Envoy leaves them to pointer
 * order). Lookup: table[hash % M]; a retry attempt a > 0 first xors the hash with 2^64 − a.
 * Complexity: build O(M log M) expected probes plus one weight check per host per round, with
 * rounds ≈ M · max_w (each round places Σ w / max_w = 1 / max_w slots); lookup O(1).
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/maglev/maglev_lb.cc
 * @see https://research.google/pubs/maglev-a-fast-and-reliable-software-network-load-balancer/
 */
import { utf8Encode, xxHash64 } from '../hash/xxHash64'
import { normalizeHostWeights } from './hashRing'

/** Envoy's default `table_size` (the paper's recommended prime). */
export const DEFAULT_MAGLEV_TABLE_SIZE = 65537
/** Envoy's upper bound for `table_size` (proto validation `lte: 5000011`). */
export const MAX_MAGLEV_TABLE_SIZE = 5000011

const TWO64 = 1n << 64n

function isPrime(n: number): boolean {
  if (n < 2) return false
  if (n % 2 === 0) return n === 2
  for (let d = 3; d * d <= n; d += 2) if (n % d === 0) return false
  return true
}

/** Unsigned byte-wise comparison, the order of C++ `std::string_view::compare`. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i]
  return a.length - b.length
}

/**
 * Builds Envoy's Maglev table.
 *
 * @param hosts `key` is the host's hash key; `weight` its normalised weight as Envoy computes it
 *   (`host_w × (loc_w / Σ loc_w) / Σ host_w in that locality`), or raw host weights of a flat set
 *   (see `normalizeHostWeights`). Weight-0 hosts get no slot.
 * @param tableSize M, a prime ≤ 5 000 011; default 65537.
 * @returns M entries, each an index into `hosts`; empty when no host has a positive weight.
 * @throws RangeError when `tableSize` is not a prime integer in [2, 5 000 011] (Envoy: "The table
 *   size of maglev must be prime number"), or for an invalid weight.
 * @example
 * const table = buildMaglevTable([{ key: '10.0.0.1:80', weight: 1 }, { key: '10.0.0.2:80', weight: 2 }], 17)
 * maglevLookup(table, xxHash64('user-42')) // 0 or 1
 */
export function buildMaglevTable(
  hosts: ReadonlyArray<{ key: string; weight: number }>,
  tableSize: number = DEFAULT_MAGLEV_TABLE_SIZE,
): Int32Array {
  if (!Number.isInteger(tableSize) || tableSize > MAX_MAGLEV_TABLE_SIZE) {
    throw new RangeError(`maglev table_size must be an integer ≤ ${MAX_MAGLEV_TABLE_SIZE}, got ${tableSize}`)
  }
  if (!isPrime(tableSize)) throw new RangeError('The table size of maglev must be prime number')
  const weights = normalizeHostWeights(hosts.map((h) => h.weight))

  const sorted: { index: number; key: Uint8Array }[] = []
  hosts.forEach((h, index) => {
    if (weights[index] > 0) sorted.push({ index, key: utf8Encode(h.key) })
  })
  if (sorted.length === 0) return new Int32Array(0)
  sorted.sort((a, b) => compareBytes(a.key, b.key) || a.index - b.index)

  const m = tableSize
  const n = sorted.length
  const host = new Int32Array(n)
  const weight = new Float64Array(n)
  const target = new Float64Array(n)
  // position[k] is permutation(next) of host k, advanced by skip instead of recomputing
  // (offset + skip · next) % M; both stay below 2M < 2^31.
  const position = new Int32Array(n)
  const skip = new Int32Array(n)
  let maxWeight = 0
  for (let k = 0; k < n; k++) {
    const index = sorted[k].index
    const key = hosts[index].key
    host[k] = index
    weight[k] = weights[index]
    maxWeight = Math.max(maxWeight, weight[k])
    position[k] = Number(xxHash64(key) % BigInt(m))
    skip[k] = Number(xxHash64(key, 1n) % BigInt(m - 1)) + 1
  }

  const table = new Int32Array(m).fill(-1)
  let filled = 0
  for (let iteration = 1; filled < m; iteration++) {
    for (let k = 0; k < n && filled < m; k++) {
      // A host of weight max_w claims a slot every round; one of weight max_w / 3 every third.
      if (iteration * weight[k] < target[k]) continue
      target[k] += maxWeight
      let c = position[k]
      while (table[c] !== -1) {
        c += skip[k]
        if (c >= m) c -= m
      }
      table[c] = host[k]
      c += skip[k]
      position[k] = c >= m ? c - m : c
      filled++
    }
  }
  return table
}

/**
 * Looks `hash` up in a Maglev table, as Envoy's `MaglevTable::chooseHost`.
 *
 * @param hash the request hash, unsigned 64-bit.
 * @param attempt host-selection retry number; for `attempt` > 0 the hash is first xored with
 *   2^64 − attempt (Envoy's `~0ULL - attempt + 1`: most bits set, so retries land far apart).
 * @returns an index into the hosts the table was built from, or -1 for an empty table.
 */
export function maglevLookup(table: Int32Array, hash: bigint, attempt = 0): number {
  if (table.length === 0) return -1
  const h = attempt > 0 ? hash ^ (TWO64 - BigInt(attempt)) : hash
  return table[Number(h % BigInt(table.length))]
}
