/**
 * Seeded random streams, one per simulation component.
 *
 * Generator: SFC32 (Chris Doty-Humphrey's Small Fast Chaotic generator, PractRand-clean to
 * 2^40+ bytes): state (a, b, c, counter d), per draw
 *   t = a + b + d;  d = d + 1;  a = b ^ (b >>> 9);  b = c + (c << 3);  c = rotl(c, 21) + t
 * returning t as an unsigned 32-bit integer. All arithmetic is 32-bit and wraps, so every
 * JavaScript engine produces the same sequence.
 *
 * Streams: the state of the stream named `name` is seeded from `hashName(name)` mixed with
 * the scenario seed through SplitMix32, then the generator is run 15 times to decorrelate.
 * A stream's draws therefore depend only on (scenario seed, name): adding a service adds
 * streams and changes nobody else's numbers.
 *
 * Draws: `nextU32()` one draw; `uniform()` a 53-bit double in [0, 1) from two draws;
 * `below(n)` an integer in [0, n) (n ≤ 2^32) from one draw by multiply-shift, whose bias is
 * below n / 2^32; `random64` an unsigned 64-bit bigint from two draws for the mesh
 * algorithm modules (`Random64`, Envoy's `random()`); `normal()` a standard normal by
 * inversion, Φ⁻¹(U) with Acklam's rational approximation (no logarithm in the central 95 %).
 * `random64.mod(n)` is that draw mod n as a number, without the bigint (the balancers' hot path).
 * Complexity: O(1) per draw; only `random64` allocates (one bigint).
 *
 * @see https://pracrand.sourceforge.net/RNG_engines.txt
 */
import type { Random64 } from '../mesh/random64'

const TWO_POW_32 = 4294967296
const TWO_POW_53 = 9007199254740992
/** Largest n for which (n − 1)·2^32 + 2^32 − 1 < 2^53, so `mod64` needs no bigint. */
const MAX_EXACT_MOD = 2097152

// Acklam's inverse-normal coefficients (central region, then tails).
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239]
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
const P_LOW = 0.02425

/** Murmur3's 32-bit finaliser. */
function fmix32(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** A MurmurHash3-style 32-bit hash of a string, one UTF-16 code unit per round. Stable across platforms. */
export function hashName(name: string, seed = 0): number {
  let h = seed >>> 0
  for (let i = 0; i < name.length; i++) {
    let k = name.charCodeAt(i)
    k = Math.imul(k, 0xcc9e2d51)
    k = (k << 15) | (k >>> 17)
    k = Math.imul(k, 0x1b873593)
    h ^= k
    h = (h << 13) | (h >>> 19)
    h = (Math.imul(h, 5) + 0xe6546b64) | 0
  }
  return fmix32(h ^ name.length)
}

/** A seeded, splittable random stream. */
export class Rng {
  private a: number
  private b: number
  private c: number
  private d: number
  private readonly view = new DataView(new ArrayBuffer(8))
  /** Unsigned 64-bit draws for the mesh algorithms (two 32-bit draws, little-endian). */
  readonly random64: Random64

  /** Seeds the stream from a 32-bit scenario seed and a component name. */
  constructor(seed: number, name: string) {
    let x = (fmix32(seed >>> 0) ^ hashName(name, 0x9747b28c)) >>> 0
    const next = (): number => {
      x = (x + 0x9e3779b9) | 0
      return fmix32(x)
    }
    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next() | 1
    for (let i = 0; i < 15; i++) this.nextU32()
    const view = this.view
    const random64 = (): bigint => {
      view.setUint32(0, this.nextU32(), true)
      view.setUint32(4, this.nextU32(), true)
      return view.getBigUint64(0, true)
    }
    this.random64 = Object.assign(random64, { mod: (n: number) => this.mod64(n) })
  }

  /**
   * The next `random64` draw mod `n` without a bigint: the draw is hi·2^32 + lo (two draws,
   * lo first), and ((hi mod n)·2^32 + lo) mod n is exact in doubles while n ≤ 2^21.
   */
  private mod64(n: number): number {
    if (n > MAX_EXACT_MOD) return Number(this.random64() % BigInt(n))
    const lo = this.nextU32()
    const hi = this.nextU32()
    return ((hi % n) * TWO_POW_32 + lo) % n
  }

  /** One uniform unsigned 32-bit integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = ((this.c << 21) | (this.c >>> 11)) + t | 0
    return t >>> 0
  }

  /** A double uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextU32() >>> 5
    const lo = this.nextU32() >>> 6
    return (hi * 67108864 + lo) / TWO_POW_53
  }

  /** An integer uniform in [0, n), for 1 ≤ n ≤ 2^32 (one draw; bias < n / 2^32). */
  below(n: number): number {
    return Math.floor((this.nextU32() / TWO_POW_32) * n)
  }

  /** True with probability `percent` / 100 (no draw for 0 or 100). */
  chance(percent: number): boolean {
    if (percent <= 0) return false
    if (percent >= 100) return true
    return this.uniform() * 100 < percent
  }

  /** A standard normal variate: Φ⁻¹(U) by Acklam's rational approximation (|rel. error| < 1.2e-9). */
  normal(): number {
    const p = this.uniform() || Number.MIN_VALUE
    if (p >= P_LOW && p <= 1 - P_LOW) {
      const q = p - 0.5
      const r = q * q
      return ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) / (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
    }
    const q = Math.sqrt(-2 * Math.log(p < P_LOW ? p : 1 - p))
    const x = (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) / ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1)
    return p < P_LOW ? x : -x
  }

  /** An exponential variate with the given mean (inversion; never infinite). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform())
  }
}
