/**
 * Retry budget of Linkerd's ServiceProfile retries: tower's `TpsBudget`.
 *
 * Algorithm: a token bucket whose deposits expire after `ttl`.
 *   ratio r (f32): r = 0 → deposit 0, withdraw 1; r ≤ 1 → deposit 1, withdraw trunc(f32(1/r));
 *                  r > 1 → deposit 1000, withdraw trunc(f32(1000/r))
 *   reserve = minPerSecond × whole ttl seconds × withdraw
 *   balance = reserve + writer + Σ slots          (10 slots, each ttl/10 wide)
 * deposit(): expire, then writer += deposit. withdraw(): expire, then if balance ≥ withdraw,
 * writer −= withdraw and succeed. Expiry (`TpsBucket::expire`), when at least one window has
 * passed since the last generation: commit the writer into the current slot, zero one slot
 * per further whole window (strictly more than one window left, as tower's loop runs), move
 * the index past them and restart the generation at `now` (not on the window grid).
 * Consequence under steady traffic (a call at least once a window): each expiry sees a
 * hair more than one window, commits the writer, zeroes the next slot and skips past it,
 * so only every other slot holds deposits and the balance spans ~5–6 windows, not 10: a
 * sustained withdrawal rate R is bounded by R ≤ ratio·D + reserve / (withdraw × 0.6 ttl)
 * (D deposits per second). Simulated as tower runs it (test/fidelity/linkerd.test.ts).
 * Linkerd's defaults (ratio 0.2, 10/s, 10 s) give deposit 1, withdraw 5, reserve 500.
 * No tie-breaking applies. O(1) per call (the zeroing loop is capped at 10 slots).
 *
 * NOTE(model): tokens are doubles, exact while amounts stay below 2^53; tower's isize
 * saturation is only approximated for ratios below about 1e-16 (withdraw amounts near 2^63).
 *
 * @see https://github.com/tower-rs/tower/blob/master/tower/src/retry/budget/tps_budget.rs
 * @see https://github.com/linkerd/linkerd2-proxy/blob/main/linkerd/app/outbound/src/http/retry.rs
 */

/** The conformance surface of a retry budget. Times are in milliseconds. */
export interface RetryBudget {
  /** Records a request that did not need a retry (success, or a failure that is not retryable). */
  deposit(nowMs: number): void
  /** Asks for one retry; true when the budget allows it (and charges it). */
  withdraw(nowMs: number): boolean
}

/** `RetryBudget` plus the derived token amounts and the balance. */
export interface InspectableRetryBudget extends RetryBudget {
  readonly depositAmount: number
  readonly withdrawAmount: number
  readonly reserve: number
  /** reserve + writer + slots as of the last deposit / withdraw (no expiry applied). */
  balance(): number
}

const SLOTS = 10
const NANOS_PER_MILLI = 1_000_000
/** isize::MAX, where tower's saturating arithmetic stops. */
const ISIZE_MAX = 2 ** 63 - 1

const toNanos = (ms: number): number => Math.round(ms * NANOS_PER_MILLI)
const saturatingMul = (a: number, b: number): number => Math.min(a * b, ISIZE_MAX)

/** Tower's f32 token amounts for a retry ratio. */
function tokenAmounts(ratio: number): { deposit: number; withdraw: number } {
  if (ratio === 0) return { deposit: 0, withdraw: 1 }
  // Rust `f32 as isize` truncates toward zero and saturates.
  if (ratio <= 1) return { deposit: 1, withdraw: Math.min(Math.trunc(Math.fround(1 / ratio)), ISIZE_MAX) }
  return { deposit: 1000, withdraw: Math.min(Math.trunc(Math.fround(1000 / ratio)), ISIZE_MAX) }
}

/** Number of iterations of tower's `while diff > window { diff -= window }` loop. */
function extraWindows(diffNs: number, windowNs: number): number {
  let q = Math.floor(diffNs / windowNs)
  if (q * windowNs > diffNs) q--
  else if ((q + 1) * windowNs <= diffNs) q++
  return q * windowNs === diffNs ? q - 1 : q
}

/**
 * Creates tower's `TpsBudget::new(ttl, min_per_sec, retry_percent)`.
 *
 * @param opts.ttlMs how long a deposit counts; 1 000 – 60 000 ms (Linkerd default 10 s).
 * @param opts.minPerSecond retries always allowed per second (Linkerd default 10); integer ≥ 0.
 * @param opts.retryRatio retries per deposit, 0 – 1000, rounded to f32 (Linkerd default 0.2).
 * @param opts.nowMs creation time, default 0.
 * @example
 * const budget = createTpsBudget({ ttlMs: 1000, minPerSecond: 5, retryRatio: 1 })
 * budget.withdraw(0) // true five times (the reserve), then false
 * @throws RangeError for the inputs tower's constructor asserts against.
 */
export function createTpsBudget(opts: { ttlMs: number; minPerSecond: number; retryRatio: number; nowMs?: number }): InspectableRetryBudget {
  const { ttlMs, minPerSecond } = opts
  const ratio = Math.fround(opts.retryRatio)
  if (!(ttlMs >= 1000 && ttlMs <= 60_000)) throw new RangeError(`ttlMs must be within [1000, 60000], got ${ttlMs}`)
  if (!(ratio >= 0 && ratio <= 1000)) throw new RangeError(`retryRatio must be within [0, 1000], got ${opts.retryRatio}`)
  if (!(Number.isInteger(minPerSecond) && minPerSecond >= 0 && minPerSecond < 2 ** 31 - 1)) {
    throw new RangeError(`minPerSecond must be an integer within [0, 2^31 − 1), got ${minPerSecond}`)
  }
  const { deposit: depositAmount, withdraw: withdrawAmount } = tokenAmounts(ratio)
  const reserve = saturatingMul(saturatingMul(minPerSecond, Math.floor(ttlMs / 1000)), withdrawAmount)
  const windowNs = Math.floor(toNanos(ttlMs) / SLOTS)
  const slots = new Float64Array(SLOTS)
  let index = 0
  let generationNs = toNanos(opts.nowMs ?? 0)
  let writer = 0

  const expire = (nowMs: number): void => {
    const nowNs = toNanos(nowMs)
    const diff = Math.max(nowNs - generationNs, 0)
    if (diff < windowNs) return
    slots[index] = writer
    writer = 0
    const zeroed = extraWindows(diff, windowNs)
    if (zeroed >= SLOTS) slots.fill(0)
    else for (let i = 1; i <= zeroed; i++) slots[(index + i) % SLOTS] = 0
    index = (index + 1 + zeroed) % SLOTS
    generationNs = nowNs
  }
  const balance = (): number => {
    let sum = writer
    for (let i = 0; i < SLOTS; i++) sum += slots[i]!
    return Math.min(sum + reserve, ISIZE_MAX)
  }

  return {
    depositAmount,
    withdrawAmount,
    reserve,
    balance,
    deposit(nowMs) {
      expire(nowMs)
      writer += depositAmount
    },
    withdraw(nowMs) {
      expire(nowMs)
      if (balance() < withdrawAmount) return false
      writer -= withdrawAmount
      return true
    },
  }
}
