import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSplitMix64, mockRandom } from './random64'

describe('createSplitMix64', () => {
  // Outputs of Vigna's reference splitmix64.c (prng.di.unimi.it), compiled with gcc.
  it.each([
    [0n, [16294208416658607535n, 7960286522194355700n, 487617019471545679n]],
    [1234567n, [6457827717110365317n, 3203168211198807973n, 9817491932198370423n]],
  ])('matches the C reference for seed %s', (seed, outputs) => {
    const random = createSplitMix64(seed)
    expect(outputs.map(() => random())).toEqual(outputs)
  })

  it('reduces the seed mod 2^64', () => {
    expect(createSplitMix64(-1n)()).toBe(16490336266968443936n)
    expect(createSplitMix64((1n << 64n) - 1n)()).toBe(16490336266968443936n)
  })

  it('the same seed gives the same stream, always within [0, 2^64)', () => {
    fc.assert(fc.property(fc.bigInt(), (seed) => {
      const a = createSplitMix64(seed)
      const b = createSplitMix64(seed)
      for (let i = 0; i < 20; i++) {
        const x = a()
        expect(x).toBe(b())
        expect(x >= 0n && x < 1n << 64n).toBe(true)
      }
    }))
  })

  it('draws uniformly: 100k draws of random() % 10 land within ±0.5 % of 10 % each', () => {
    const random = createSplitMix64(99n)
    const counts = new Array<number>(10).fill(0)
    for (let i = 0; i < 100_000; i++) counts[Number(random() % 10n)]++
    // sd of one bucket's share = √(0.1·0.9/1e5) ≈ 0.095 %, so ±0.5 % is > 5 sd.
    for (const c of counts) expect(Math.abs(c / 100_000 - 0.1)).toBeLessThan(0.005)
  })
})

describe('mockRandom', () => {
  it('replays values in order, then the fallback', () => {
    const random = mockRandom([69, 71n, 16117243373044804880n], 5n)
    expect([random(), random(), random(), random(), random()]).toEqual([69n, 71n, 16117243373044804880n, 5n, 5n])
  })

  it('defaults the fallback to 0 and wraps negatives to uint64 as C++ would', () => {
    const random = mockRandom([-1])
    expect(random()).toBe((1n << 64n) - 1n)
    expect(random()).toBe(0n)
  })

  it('rejects non-integer numbers at construction', () => {
    expect(() => mockRandom([1.5])).toThrow(RangeError)
  })
})
