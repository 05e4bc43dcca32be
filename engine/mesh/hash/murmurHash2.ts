/**
 * 64-bit MurmurHash2 as libstdc++'s `std::_Hash_bytes` computes it (the `std::hash<string>` of
 * 64-bit GCC builds); Envoy's ring hash uses it when `hash_function: MURMUR_HASH_2`.
 *
 * Algorithm (all arithmetic mod 2^64, mul = 0xc6a4a7935bd1e995, shift_mix(v) = v ^ (v >> 47)):
 *   h = seed ^ (len · mul)
 *   for each whole 8-byte little-endian word w: h = (h ^ shift_mix(w · mul) · mul) · mul
 *   if 1..7 bytes remain: h = (h ^ (those bytes as a little-endian integer)) · mul
 *   h = shift_mix(shift_mix(h) · mul)
 * Note the word mixing differs from Appleby's reference MurmurHash64A (shift_mix is applied
 * before the second multiply, and the tail is not shifted), which is why Envoy copies it.
 * Tie-breaking: none (a pure function). Complexity: O(bytes).
 *
 * BigInt is used throughout: this hash only runs when a ring is built (request hash policies
 * always use xxHash64), so clarity wins over the 32-bit-halves speed-up used in xxHash64.ts.
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/common/hash.cc (MurmurHash::murmurHash2)
 * @see https://gcc.gnu.org/git/?p=gcc.git;a=blob_plain;f=libstdc%2b%2b-v3/libsupc%2b%2b/hash_bytes.cc
 */
import { utf8Encode } from './xxHash64'

const MASK64 = (1n << 64n) - 1n
const MUL = 0xc6a4a7935bd1e995n

/** Envoy's `MurmurHash::STD_HASH_SEED`, the seed `std::hash<std::string>` uses. */
export const STD_HASH_SEED = 0xc70f6907n

function shiftMix(v: bigint): bigint {
  return v ^ (v >> 47n)
}

/** Little-endian integer from `count` bytes of `bytes` starting at `start` (count ≤ 8). */
function loadLittleEndian(bytes: Uint8Array, start: number, count: number): bigint {
  let result = 0n
  for (let i = count - 1; i >= 0; i--) result = (result << 8n) | BigInt(bytes[start + i])
  return result
}

/**
 * 64-bit MurmurHash2 (libstdc++ `_Hash_bytes` variant) of the UTF-8 bytes of `input`.
 *
 * @param input hashed as UTF-8.
 * @param seed reduced mod 2^64; default `0xc70f6907n` (`STD_HASH_SEED`), as Envoy's ring hash uses.
 * @returns an unsigned 64-bit hash in [0, 2^64).
 * @example murmurHash2_64('foo') // 9631199822919835226n
 */
export function murmurHash2_64(input: string, seed: bigint = STD_HASH_SEED): bigint {
  const bytes = utf8Encode(input)
  const len = bytes.length
  const aligned = len & ~7
  let hash = BigInt.asUintN(64, seed) ^ ((BigInt(len) * MUL) & MASK64)
  for (let p = 0; p < aligned; p += 8) {
    const data = (shiftMix((loadLittleEndian(bytes, p, 8) * MUL) & MASK64) * MUL) & MASK64
    hash = ((hash ^ data) * MUL) & MASK64
  }
  if ((len & 7) !== 0) {
    hash = ((hash ^ loadLittleEndian(bytes, aligned, len & 7)) * MUL) & MASK64
  }
  hash = (shiftMix(hash) * MUL) & MASK64
  return shiftMix(hash)
}
