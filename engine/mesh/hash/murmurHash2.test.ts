import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { vectorList } from '../../../test/support/vectors'
import { murmurHash2_64, STD_HASH_SEED } from './murmurHash2'

interface HashCase { input: string; seed_hex?: string; expected_str: string }
interface HashVector { name: string; source: string; cases: HashCase[] }

const vectors = vectorList<HashVector>('envoy_hash_functions.json')
const murmur = vectors.filter((v) => v.name.startsWith('MurmurHash2'))

describe('murmurHash2_64', () => {
  it('has the MurmurHash2 vectors to replay', () => {
    expect(murmur.flatMap((v) => v.cases).length).toBeGreaterThanOrEqual(5)
  })

  for (const vector of murmur) {
    for (const c of vector.cases) {
      it(`${vector.name}: ${JSON.stringify(c.input)}`, () => {
        const seed = c.seed_hex === undefined ? STD_HASH_SEED : BigInt(c.seed_hex)
        expect(murmurHash2_64(c.input, seed)).toBe(BigInt(c.expected_str))
        // The default seed is Envoy's STD_HASH_SEED, which every vector uses.
        expect(murmurHash2_64(c.input)).toBe(BigInt(c.expected_str))
      })
    }
  }

  // Values printed by `std::hash<std::string>{}(s)` from libstdc++ (GCC 12, x86-64), which is
  // this very function with seed 0xc70f6907; they reach the 8-byte word loop, which the
  // upstream vectors (all shorter than 8 bytes) do not.
  it.each([
    ['exactly8', '13580205909952649287'],
    ['127.0.0.1:80_0', '17613279263364193813'],
    ['sixteen-bytes-ok', '10684479471755298825'],
    ['a much longer key with several words: 1234567890', '18363364858806709183'],
    ['ééééé', '5882696876998012356'],
  ])('agrees with libstdc++ std::hash for %j', (input, hash) => {
    expect(murmurHash2_64(input)).toBe(BigInt(hash))
  })

  it('is deterministic and unsigned 64-bit for any string and seed', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.bigInt(0n, (1n << 64n) - 1n), (s, seed) => {
      const h = murmurHash2_64(s, seed)
      expect(h).toBe(murmurHash2_64(s, seed))
      expect(h >= 0n && h < 1n << 64n).toBe(true)
    }))
  })
})
