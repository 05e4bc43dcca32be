/**
 * xxHash64 (XXH64) over the UTF-8 bytes of a string: Envoy's `HashUtil::xxHash64`, the hash of
 * ring-hash and Maglev host keys and of every request hash policy.
 *
 * Algorithm (Collet, XXH64 spec; all arithmetic mod 2^64, P1..P5 the five XXH64 primes):
 *   round(acc, x) = rotl(acc + x·P2, 31)·P1
 *   len ≥ 32: four lanes v1 = seed+P1+P2, v2 = seed+P2, v3 = seed, v4 = seed−P1 consume 32-byte
 *             stripes; h = rotl(v1,1)+rotl(v2,7)+rotl(v3,12)+rotl(v4,18), then each lane is
 *             merged: h = (h ^ round(0, v))·P1 + P4.  Otherwise h = seed + P5.
 *   h += len; the tail is folded 8 bytes, then 4, then 1 at a time; then the avalanche
 *   h ^= h>>33; h·=P2; h ^= h>>29; h·=P3; h ^= h>>32.
 * Tie-breaking: none (a pure function). Complexity: O(bytes), no allocation except the result.
 *
 * Speed: BigInt arithmetic allocates on every operation, so the 64-bit state is kept as two
 * unsigned 32-bit halves in plain numbers, and the low 32×32 product is computed from 16-bit
 * digits so every intermediate is an exact small integer (≈ 4 M hashes/s for a 20-byte key in
 * Node 20, about 4× a BigInt transcription).
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/common/hash.h (HashUtil::xxHash64)
 * @see https://github.com/Cyan4973/xxHash/blob/dev/doc/xxhash_spec.md (XXH64)
 */

const TWO32 = 4294967296

// The XXH64 primes as [high, low] 32-bit halves.
const P1H = 0x9e3779b1, P1L = 0x85ebca87
const P2H = 0xc2b2ae3d, P2L = 0x27d4eb4f
const P3H = 0x165667b1, P3L = 0x9e3779f9
const P4H = 0x85ebca77, P4L = 0xc2b2ae63
const P5H = 0x27d4eb2f, P5L = 0x165667c5
// 2^64 − P1, so that `seed − P1` is an addition.
const NP1H = 0x61c8864e, NP1L = 0x7a143579

// Result registers of the 64-bit helpers: returning a pair would allocate on every multiply.
let rH = 0
let rL = 0

/** rH:rL = (aH:aL) + (bH:bL) mod 2^64. */
function add64(aH: number, aL: number, bH: number, bL: number): void {
  const lo = aL + bL
  rL = lo >>> 0
  rH = (aH + bH + (lo >= TWO32 ? 1 : 0)) >>> 0
}

/** rH:rL = (aH:aL) · (bH:bL) mod 2^64. */
function mul64(aH: number, aL: number, bH: number, bL: number): void {
  // aL·bL needs all 64 bits: schoolbook over 16-bit digits keeps each partial product < 2^32.
  const a0 = aL & 0xffff
  const a1 = aL >>> 16
  const b0 = bL & 0xffff
  const b1 = bL >>> 16
  const ll = a0 * b0
  const lh = a0 * b1
  const hl = a1 * b0
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff)
  rL = ((mid << 16) | (ll & 0xffff)) >>> 0
  // The cross terms aH·bL and aL·bH only reach the high word, where wrapping products suffice.
  rH = (a1 * b1 + (lh >>> 16) + (hl >>> 16) + (mid >>> 16) + Math.imul(aH, bL) + Math.imul(aL, bH)) >>> 0
}

/** rH:rL = rotl64(h:l, r) for 0 < r < 32 (XXH64 only rotates by less than 32). */
function rotl64(h: number, l: number, r: number): void {
  rH = ((h << r) | (l >>> (32 - r))) >>> 0
  rL = ((l << r) | (h >>> (32 - r))) >>> 0
}

/** rH:rL = XXH64_round(acc, input) = rotl(acc + input·P2, 31)·P1. */
function round(accH: number, accL: number, inH: number, inL: number): void {
  mul64(inH, inL, P2H, P2L)
  add64(accH, accL, rH, rL)
  rotl64(rH, rL, 31)
  mul64(rH, rL, P1H, P1L)
}

/** rH:rL = (acc ^ round(0, v))·P1 + P4. */
function mergeRound(accH: number, accL: number, vH: number, vL: number): void {
  round(0, 0, vH, vL)
  mul64((accH ^ rH) >>> 0, (accL ^ rL) >>> 0, P1H, P1L)
  add64(rH, rL, P4H, P4L)
}

function read32(b: Uint8Array, p: number): number {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0
}

// Reused encode buffer (3 bytes per UTF-16 unit is the worst case) and a 64-bit I/O cell whose
// halves are addressed by platform endianness, so a bigint converts in one typed-array access.
let scratch = new Uint8Array(256)
const io64 = new BigUint64Array(1)
const io32 = new Uint32Array(io64.buffer)
const LO = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1
const HI = 1 - LO

/** Writes the UTF-8 encoding of `s` into `scratch`; lone surrogates become U+FFFD, as with
 *  TextEncoder. Returns the byte length. */
function encodeToScratch(s: string): number {
  const n = s.length
  if (scratch.length < n * 3) scratch = new Uint8Array(Math.max(n * 3, scratch.length * 2))
  const out = scratch
  let j = 0
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i)
    if (c < 0x80) {
      out[j++] = c
      continue
    }
    if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6)
      out[j++] = 0x80 | (c & 0x3f)
      continue
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000
        out[j++] = 0xf0 | (cp >> 18)
        out[j++] = 0x80 | ((cp >> 12) & 0x3f)
        out[j++] = 0x80 | ((cp >> 6) & 0x3f)
        out[j++] = 0x80 | (cp & 0x3f)
        i++
        continue
      }
      c = 0xfffd
    }
    out[j++] = 0xe0 | (c >> 12)
    out[j++] = 0x80 | ((c >> 6) & 0x3f)
    out[j++] = 0x80 | (c & 0x3f)
  }
  return j
}

/**
 * UTF-8 encoding of a string (engine/ has no DOM or Node lib, hence no TextEncoder).
 * Lone surrogates are encoded as U+FFFD, exactly as `TextEncoder.encode` does.
 */
export function utf8Encode(input: string): Uint8Array {
  // Encode first: encoding may replace `scratch` with a larger buffer.
  const length = encodeToScratch(input)
  return scratch.slice(0, length)
}

/**
 * XXH64 of the UTF-8 bytes of `input`, as Envoy's `HashUtil::xxHash64(input, seed)`.
 *
 * @param input hashed as UTF-8.
 * @param seed reduced mod 2^64; default `0n` (Envoy's default). Chaining
 *   `h = xxHash64(v, h)` over several values is how Envoy hashes a multi-valued header.
 * @returns an unsigned 64-bit hash in [0, 2^64).
 * @example xxHash64('foo') // 3728699739546630719n
 */
export function xxHash64(input: string, seed = 0n): bigint {
  const len = encodeToScratch(input)
  const b = scratch
  let sH = 0
  let sL = 0
  if (seed !== 0n) {
    io64[0] = seed
    sH = io32[HI]
    sL = io32[LO]
  }
  let p = 0
  let hH: number
  let hL: number
  if (len >= 32) {
    add64(sH, sL, P1H, P1L)
    add64(rH, rL, P2H, P2L)
    let v1H = rH, v1L = rL
    add64(sH, sL, P2H, P2L)
    let v2H = rH, v2L = rL
    let v3H = sH, v3L = sL
    add64(sH, sL, NP1H, NP1L)
    let v4H = rH, v4L = rL
    for (const limit = len - 32; p <= limit; p += 32) {
      round(v1H, v1L, read32(b, p + 4), read32(b, p))
      v1H = rH; v1L = rL
      round(v2H, v2L, read32(b, p + 12), read32(b, p + 8))
      v2H = rH; v2L = rL
      round(v3H, v3L, read32(b, p + 20), read32(b, p + 16))
      v3H = rH; v3L = rL
      round(v4H, v4L, read32(b, p + 28), read32(b, p + 24))
      v4H = rH; v4L = rL
    }
    rotl64(v1H, v1L, 1)
    hH = rH; hL = rL
    rotl64(v2H, v2L, 7)
    add64(hH, hL, rH, rL)
    hH = rH; hL = rL
    rotl64(v3H, v3L, 12)
    add64(hH, hL, rH, rL)
    hH = rH; hL = rL
    rotl64(v4H, v4L, 18)
    add64(hH, hL, rH, rL)
    mergeRound(rH, rL, v1H, v1L)
    mergeRound(rH, rL, v2H, v2L)
    mergeRound(rH, rL, v3H, v3L)
    mergeRound(rH, rL, v4H, v4L)
  } else {
    add64(sH, sL, P5H, P5L)
  }
  // Strings are far shorter than 2^32 bytes, so the length only touches the low word.
  add64(rH, rL, 0, len)
  hH = rH; hL = rL
  for (; p + 8 <= len; p += 8) {
    round(0, 0, read32(b, p + 4), read32(b, p))
    rotl64((hH ^ rH) >>> 0, (hL ^ rL) >>> 0, 27)
    mul64(rH, rL, P1H, P1L)
    add64(rH, rL, P4H, P4L)
    hH = rH; hL = rL
  }
  if (p + 4 <= len) {
    mul64(0, read32(b, p), P1H, P1L)
    rotl64((hH ^ rH) >>> 0, (hL ^ rL) >>> 0, 23)
    mul64(rH, rL, P2H, P2L)
    add64(rH, rL, P3H, P3L)
    hH = rH; hL = rL
    p += 4
  }
  for (; p < len; p++) {
    mul64(0, b[p], P5H, P5L)
    rotl64((hH ^ rH) >>> 0, (hL ^ rL) >>> 0, 11)
    mul64(rH, rL, P1H, P1L)
    hH = rH; hL = rL
  }
  // Avalanche: h ^= h>>33; h *= P2; h ^= h>>29; h *= P3; h ^= h>>32.
  mul64(hH, (hL ^ (hH >>> 1)) >>> 0, P2H, P2L)
  mul64((rH ^ (rH >>> 29)) >>> 0, (rL ^ ((rL >>> 29) | (rH << 3))) >>> 0, P3H, P3L)
  io32[HI] = rH
  io32[LO] = (rL ^ rH) >>> 0
  return io64[0]
}
