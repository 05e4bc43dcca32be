import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { vectorList } from '../../../test/support/vectors'
import { utf8Encode, xxHash64 } from './xxHash64'

interface HashCase { input: string | string[]; seed?: number; expected_str?: string; expected_hex?: string }
interface HashVector { name: string; source: string; cases: HashCase[] }

const vectors = vectorList<HashVector>('envoy_hash_functions.json')

function expected(c: HashCase): bigint {
  return BigInt(c.expected_str ?? c.expected_hex!)
}

// A direct BigInt transcription of the XXH64 spec, to check the 32-bit-halves implementation.
const M = (1n << 64n) - 1n
const P1 = 0x9e3779b185ebca87n, P2 = 0xc2b2ae3d27d4eb4fn, P3 = 0x165667b19e3779f9n
const P4 = 0x85ebca77c2b2ae63n, P5 = 0x27d4eb2f165667c5n
const rotl = (v: bigint, r: bigint): bigint => ((v << r) | (v >> (64n - r))) & M
const round = (acc: bigint, x: bigint): bigint => (rotl((acc + x * P2) & M, 31n) * P1) & M
const merge = (h: bigint, v: bigint): bigint => (((h ^ round(0n, v)) * P1) + P4) & M
function referenceXxHash64(bytes: Uint8Array, seed: bigint): bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const len = bytes.length
  const s = seed & M
  let p = 0
  let h: bigint
  if (len >= 32) {
    const v = [(s + P1 + P2) & M, (s + P2) & M, s, (s - P1) & M]
    for (; p + 32 <= len; p += 32) {
      for (let i = 0; i < 4; i++) v[i] = round(v[i], view.getBigUint64(p + 8 * i, true))
    }
    h = (rotl(v[0], 1n) + rotl(v[1], 7n) + rotl(v[2], 12n) + rotl(v[3], 18n)) & M
    for (const lane of v) h = merge(h, lane)
  } else {
    h = (s + P5) & M
  }
  h = (h + BigInt(len)) & M
  for (; p + 8 <= len; p += 8) h = ((rotl(h ^ round(0n, view.getBigUint64(p, true)), 27n) * P1) + P4) & M
  if (p + 4 <= len) {
    h = ((rotl(h ^ ((BigInt(view.getUint32(p, true)) * P1) & M), 23n) * P2) + P3) & M
    p += 4
  }
  for (; p < len; p++) h = (rotl(h ^ ((BigInt(bytes[p]) * P5) & M), 11n) * P1) & M
  h = ((h ^ (h >> 33n)) * P2) & M
  h = ((h ^ (h >> 29n)) * P3) & M
  return h ^ (h >> 32n)
}

// Every UTF-16 code unit, lone surrogates included, so the encoder's edge cases are reached.
const anyUtf16 = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 80 })
const anyString = fc.oneof(anyUtf16, fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 80 }))
const anySeed = fc.bigInt(0n, M)

describe('xxHash64', () => {
  describe('upstream vectors (envoy_hash_functions.json)', () => {
    const single = vectors.filter((v) => v.name.startsWith('xxHash64') && !v.name.includes('list'))
    it('has the xxHash64 vectors to replay', () => {
      expect(single.flatMap((v) => v.cases).length).toBeGreaterThanOrEqual(6)
    })
    for (const vector of single) {
      for (const c of vector.cases) {
        it(`${vector.name}: ${JSON.stringify(c.input)}`, () => {
          expect(xxHash64(c.input as string, BigInt(c.seed ?? 0))).toBe(expected(c))
        })
      }
    }

    const chained = vectors.filter((v) => v.name.startsWith('xxHash64 over a list'))
    for (const vector of chained) {
      for (const c of vector.cases) {
        it(`${vector.name}: ${JSON.stringify(c.input)}`, () => {
          // Envoy's header hash policy: h = XXH64(value, seed = h), starting from 0.
          const h = (c.input as string[]).reduce((acc, value) => xxHash64(value, acc), 0n)
          expect(h).toBe(expected(c))
        })
      }
    }
  })

  it('defaults the seed to 0', () => {
    expect(xxHash64('lyft')).toBe(xxHash64('lyft', 0n))
  })

  it('reduces the seed mod 2^64', () => {
    expect(xxHash64('foo', -1n)).toBe(xxHash64('foo', M))
    expect(xxHash64('foo', 1n << 64n)).toBe(xxHash64('foo'))
  })

  it('matches a BigInt transcription of the spec for any string and seed', () => {
    fc.assert(
      fc.property(anyString, anySeed, (s, seed) => {
        expect(xxHash64(s, seed)).toBe(referenceXxHash64(new TextEncoder().encode(s), seed))
      }),
      { numRuns: 500 },
    )
  })

  it('matches the reference at every length around the 4-, 8- and 32-byte boundaries', () => {
    for (let n = 0; n <= 100; n++) {
      const s = 'abcdefghijklmnopqrstuvwxyz0123456789'.repeat(3).slice(0, n)
      expect(xxHash64(s, 7n)).toBe(referenceXxHash64(new TextEncoder().encode(s), 7n))
    }
  })

  it('always returns an unsigned 64-bit value', () => {
    fc.assert(fc.property(anyString, anySeed, (s, seed) => {
      const h = xxHash64(s, seed)
      expect(h >= 0n && h <= M).toBe(true)
    }))
  })
})

describe('utf8Encode', () => {
  it('agrees with TextEncoder, including lone surrogates (U+FFFD)', () => {
    fc.assert(fc.property(anyString, (s) => {
      expect(Array.from(utf8Encode(s))).toEqual(Array.from(new TextEncoder().encode(s)))
    }), { numRuns: 500 })
  })

  it('encodes a long string past the initial buffer', () => {
    const s = '\u{1f431}é'.repeat(400)
    expect(Array.from(utf8Encode(s))).toEqual(Array.from(new TextEncoder().encode(s)))
  })
})
