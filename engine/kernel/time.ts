/**
 * Simulated time: an integer number of microseconds, branded so that a plain number of
 * milliseconds cannot be passed where a `SimTime` is expected. Integer time keeps
 * comparisons exact; a double holds every integer µs below 2^53 (≈ 285 years).
 */

/** Simulated time or duration in whole microseconds. */
export type SimTime = number & { readonly __brand: 'SimTime' }

/** Microseconds per millisecond. */
export const US_PER_MS = 1000
/** Microseconds per second. */
export const US_PER_SEC = 1_000_000

/** Milliseconds → `SimTime`, rounded to the microsecond. @example ms(0.25) // 250 */
export function ms(value: number): SimTime {
  return Math.round(value * US_PER_MS) as SimTime
}

/** Seconds → `SimTime`, rounded to the microsecond. @example sec(1) // 1 000 000 */
export function sec(value: number): SimTime {
  return Math.round(value * US_PER_SEC) as SimTime
}

/** `SimTime` → milliseconds. */
export function toMs(time: number): number {
  return time / US_PER_MS
}

/** `SimTime` → seconds. */
export function toSec(time: number): number {
  return time / US_PER_SEC
}
