/**
 * Unsigned 64-bit random sources for the mesh algorithms.
 *
 * Algorithm: SplitMix64 (Steele, Lea & Flood 2014; the generator Java's `SplittableRandom`
 * and xoshiro's seeding use). Per draw:
 *   state = state + 0x9e3779b97f4a7c15;  z = state
 *   z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
 *   z = (z ^ (z >> 27)) * 0x94d049bb133111eb
 *   return z ^ (z >> 31)                      (all arithmetic mod 2^64)
 * Every 64-bit output occurs exactly once per 2^64 draws, so `random() % n` is as uniform as
 * Envoy's own `random() % n`. No tie-breaking applies. O(1) per draw (a few BigInt ops).
 *
 * Envoy's balancers consume `Random::RandomGenerator::random()` (a uint64); `Random64` is that
 * interface, injected so that the same seed gives the same picks.
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/envoy/common/random_generator.h
 * @see https://prng.di.unimi.it/splitmix64.c
 */

/** Unsigned 64-bit random source, like Envoy's `Random::RandomGenerator::random()`.
 *  Every call returns a bigint in [0, 2^64). */
export interface Random64 {
  (): bigint
  /**
   * Optional fast path: the next draw mod `n` (an integer ≥ 1) as a number, without
   * building a bigint. Must equal `Number(random() % BigInt(n))` and consume the same draw.
   */
  readonly mod?: (n: number) => number
}

const MASK64 = (1n << 64n) - 1n
const GOLDEN_GAMMA = 0x9e3779b97f4a7c15n
const MIX1 = 0xbf58476d1ce4e5b9n
const MIX2 = 0x94d049bb133111ebn

/**
 * A deterministic SplitMix64 generator.
 *
 * @param seed any bigint; it is reduced mod 2^64, so `-1n` and `2n ** 64n - 1n` are the same seed.
 * @returns a `Random64` whose n-th call depends only on `seed` and n.
 * @example
 * const random = createSplitMix64(42n)
 * const pick = Number(random() % 3n) // 0, 1 or 2
 */
export function createSplitMix64(seed: bigint): Random64 {
  let state = BigInt.asUintN(64, seed)
  return () => {
    state = (state + GOLDEN_GAMMA) & MASK64
    let z = state
    z = ((z ^ (z >> 30n)) * MIX1) & MASK64
    z = ((z ^ (z >> 27n)) * MIX2) & MASK64
    return z ^ (z >> 31n)
  }
}

/**
 * A scripted random source for replaying upstream tests that mock `random()`
 * (gMock's `EXPECT_CALL(random_, random()).WillOnce(Return(v))`).
 *
 * @param values returned in order, each reduced mod 2^64 (so `-1` becomes 2^64 − 1, as a C++
 *   conversion to uint64 would); numbers must be integers.
 * @param fallback returned once `values` is exhausted (default `0n`, gMock's default for an
 *   uninteresting `NiceMock` call).
 * @throws RangeError when a number in `values` is not an integer.
 */
export function mockRandom(values: readonly (number | bigint)[], fallback = 0n): Random64 {
  // Convert up front so a bad value fails at construction, not in the middle of a replay.
  const queue = values.map((v) => BigInt.asUintN(64, BigInt(v)))
  const tail = BigInt.asUintN(64, fallback)
  let next = 0
  return () => (next < queue.length ? queue[next++] : tail)
}

/**
 * The next draw of `random` mod `n` (`bigN` is `BigInt(n)`, n ≥ 1): Envoy's `random() % n`.
 * Uses the stream's allocation-free `mod` when it has one; the value is the same either way.
 */
export function randomMod(random: Random64, n: number, bigN: bigint): number {
  return random.mod !== undefined ? random.mod(n) : Number(random() % bigN)
}
