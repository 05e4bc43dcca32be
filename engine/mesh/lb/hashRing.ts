/**
 * Envoy's RING_HASH (ketama) ring: building it from weighted hosts and looking a hash up.
 *
 * Build: weights are normalised (see `normalizeHostWeights`; min_w is their smallest positive one), then
 *   scale = min(ceil(min_w · minimumRingSize) / min_w, maximumRingSize)   (IEEE doubles)
 * so the lightest host gets a whole number of entries. Walking hosts in host-list order with
 * running doubles `current` and `target`: target += scale · w, and while current < target the
 * entry (hash("<key>_<i>"), host) is appended, i = 0, 1, … per host, current += 1. Entries are
 * then sorted by hash ascending; equal hashes keep host-list order (Envoy's std::sort leaves
 * them unspecified). Hash: xxHash64 seed 0 (XX_HASH, the default) or murmurHash2_64 with
 * seed 0xc70f6907 (MURMUR_HASH_2).
 * Lookup: ketama's binary search with signed indices, ported as Envoy ports it — the first entry
 * whose hash is ≥ h, wrapping to entry 0 above the last; a host-selection retry attempt a > 0
 * takes entry (found + a) % ring length.
 * Complexity: build O(R log R) for R ≈ ceil(scale) entries; lookup O(log R).
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/ring_hash/ring_hash_lb.cc
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/common/thread_aware_lb_impl.cc (normalizeHostWeights)
 */
import { murmurHash2_64 } from '../hash/murmurHash2'
import { xxHash64 } from '../hash/xxHash64'

/** A built ring: parallel arrays sorted ascending by hash. */
export interface HashRing {
  /** Entry hashes, unsigned 64-bit, ascending. */
  readonly hashes: readonly bigint[]
  /** For each entry, the index of its host in the `hosts` the ring was built from. */
  readonly hosts: Int32Array
}

/** `RingHash.HashFunction` of Envoy's ring hash config. */
export type RingHashFunction = 'XX_HASH' | 'MURMUR_HASH_2'

/** Ring hash settings, named after Envoy's `RingHash` proto fields. */
export interface HashRingOptions {
  /** Default 1024. Integer in [0, 8 388 608]. */
  minimumRingSize?: number
  /** Default 8 388 608. Integer in [0, 8 388 608], not below `minimumRingSize`. */
  maximumRingSize?: number
  /** Default `'XX_HASH'`. */
  hashFunction?: RingHashFunction
}

/** Envoy's `minimum_ring_size` default. */
export const DEFAULT_MINIMUM_RING_SIZE = 1024
/** Envoy's `maximum_ring_size` default, also the proto's upper bound for both sizes (8M). */
export const DEFAULT_MAXIMUM_RING_SIZE = 8388608

// Normalised weights sum to at most 1 (plus a few ulps of rounding); raw host weights, each an
// integer ≥ 1, sum to more than 1 unless the list is already normalised (e.g. one host of weight 1).
const NORMALISED_SUM_TOLERANCE = 1e-9

/**
 * Weights as Envoy's consistent-hash balancers see them (normalised: summing to at most 1).
 *
 * Weights summing to at most 1 (+1e-9) are returned unchanged, so normalised weights computed
 * by the caller — e.g. with locality weights, `host_w × (loc_w / Σ loc_w) / Σ host_w in the
 * locality` — reach the ring bit for bit. Their sum may be below 1: Envoy keeps the share of a
 * locality that has no eligible host unassigned rather than renormalising. A larger sum means
 * raw host weights of one flat host set, normalised as Envoy does: `w / Σ w`.
 *
 * @throws RangeError for a negative, NaN or infinite weight.
 */
export function normalizeHostWeights(weights: readonly number[]): number[] {
  let sum = 0
  for (const w of weights) {
    if (!(w >= 0) || w === Infinity) throw new RangeError(`host weight must be finite and ≥ 0, got ${w}`)
    sum += w
  }
  if (sum <= 1 + NORMALISED_SUM_TOLERANCE) return weights.slice()
  return weights.map((w) => w / sum)
}

function checkRingSize(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > DEFAULT_MAXIMUM_RING_SIZE) {
    throw new RangeError(`ring hash: ${name} must be an integer in [0, ${DEFAULT_MAXIMUM_RING_SIZE}], got ${value}`)
  }
}

/**
 * Builds Envoy's ketama ring over `hosts`.
 *
 * @param hosts `key` is the host's hash key (metadata `envoy.lb` hash_key, hostname, or
 *   "ip:port"); `weight` its normalised weight, or raw weights (see `normalizeHostWeights`).
 *   Weight-0 hosts get no entries.
 * @param opts ring sizes and hash function, Envoy's defaults when omitted.
 * @returns the sorted ring; empty when no host has a positive weight.
 * @throws RangeError when a size is out of range or minimumRingSize > maximumRingSize (Envoy
 *   rejects that config), or for an invalid weight.
 * @example
 * const ring = buildHashRing([{ key: '10.0.0.1:80', weight: 1 }, { key: '10.0.0.2:80', weight: 1 }])
 * ringLookup(ring, xxHash64('user-42')) // 0 or 1
 */
export function buildHashRing(
  hosts: ReadonlyArray<{ key: string; weight: number }>,
  opts: HashRingOptions = {},
): HashRing {
  const minRing = opts.minimumRingSize ?? DEFAULT_MINIMUM_RING_SIZE
  const maxRing = opts.maximumRingSize ?? DEFAULT_MAXIMUM_RING_SIZE
  checkRingSize('minimumRingSize', minRing)
  checkRingSize('maximumRingSize', maxRing)
  if (minRing > maxRing) {
    throw new RangeError(`ring hash: minimum_ring_size (${minRing}) > maximum_ring_size (${maxRing})`)
  }
  const hash = opts.hashFunction === 'MURMUR_HASH_2' ? murmurHash2_64 : xxHash64
  const weights = normalizeHostWeights(hosts.map((h) => h.weight))

  // Envoy starts the minimum at 1.0; weight-0 hosts are left out so that scale stays finite.
  let minWeight = 1
  let hasWeight = false
  for (const w of weights) {
    if (w > 0) {
      minWeight = Math.min(minWeight, w)
      hasWeight = true
    }
  }
  if (!hasWeight) return { hashes: [], hosts: new Int32Array(0) }
  const scale = Math.min(Math.ceil(minWeight * minRing) / minWeight, maxRing)

  const entryHashes: bigint[] = []
  const entryHosts: number[] = []
  // Running sums across all hosts, so fractional shares carry over to the next host.
  let current = 0
  let target = 0
  for (let i = 0; i < hosts.length; i++) {
    if (!(weights[i] > 0)) continue
    target += scale * weights[i]
    const prefix = `${hosts[i].key}_`
    for (let n = 0; current < target; n++, current++) {
      entryHashes.push(hash(prefix + n))
      entryHosts.push(i)
    }
  }

  // Array.prototype.sort is stable, so equal hashes stay in host-list order (deterministic).
  const order = entryHashes.map((_, i) => i)
  order.sort((a, b) => (entryHashes[a] < entryHashes[b] ? -1 : entryHashes[a] > entryHashes[b] ? 1 : 0))
  return {
    hashes: order.map((i) => entryHashes[i]),
    hosts: Int32Array.from(order, (i) => entryHosts[i]),
  }
}

/**
 * Looks `hash` up on the ring, exactly as Envoy's `RingHashLoadBalancer::Ring::chooseHost`.
 *
 * @param hash the request hash, unsigned 64-bit.
 * @param attempt host-selection retry number; `attempt` > 0 takes entry (found + attempt) % ring
 *   length, so consecutive retries walk clockwise (and may land on the same host again).
 * @returns an index into the hosts the ring was built from, or -1 for an empty ring.
 */
export function ringLookup(ring: HashRing, hash: bigint, attempt = 0): number {
  const hashes = ring.hashes
  const size = hashes.length
  if (size === 0) return -1
  // Ketama's search: `high` starts at size and may drop to -1, as in Envoy's signed int64 port,
  // and a miss (above the last entry or a failed search) falls back to entry 0.
  let low = 0
  let high = size
  let mid = 0
  for (;;) {
    mid = Math.floor((low + high) / 2)
    if (mid === size) {
      mid = 0
      break
    }
    const midValue = hashes[mid]
    const previous = mid === 0 ? 0n : hashes[mid - 1]
    if (hash <= midValue && hash > previous) break
    if (midValue < hash) low = mid + 1
    else high = mid - 1
    if (low > high) {
      mid = 0
      break
    }
  }
  if (attempt > 0) mid = (mid + attempt) % size
  return ring.hosts[mid]
}
