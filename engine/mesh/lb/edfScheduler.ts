/**
 * Earliest Deadline First (EDF) scheduler, the weighted round-robin core of Envoy's
 * round_robin and least_request balancers and of locality-weighted balancing.
 *
 * Algorithm: every entry carries `deadline = currentTime + 1 / weight`. A pick pops the
 * entry with the smallest deadline, advances `currentTime` to it and re-inserts the entry
 * with the weight the caller reports *now*, so a weight change takes effect lazily, one
 * pick per entry.
 *
 * Tie-breaking: equal deadlines are ordered by an ever-increasing insertion counter
 * (`order offset`), i.e. FIFO.
 *
 * `createWithPicks(entries, weightFn, P)` builds the state the scheduler would have after P
 * picks from an empty schedule, without doing them one by one:
 *   P ← (P mod 2^32) mod 429496729;  w'ᵢ = wᵢ + 1e-13;  W = Σ w'ᵢ
 *   floorᵢ = trunc(w'ᵢ · P / W), minus 1 when floorᵢ > 0 and floorᵢ / w'ᵢ ≥ P / W
 *   deadlineᵢ = (floorᵢ + 1) / w'ᵢ, order offset i;  currentTime = maxᵢ floorᵢ / w'ᵢ
 * then performs the remaining P − Σ floorᵢ (< N) ordinary picks with the plain weights.
 *
 * Complexity: pick O(log n) (the root is replaced and sifted down, no allocation);
 * createWithPicks O(n log n).
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/upstream/edf_scheduler.h
 */

/** Returns an entry's current weight (> 0; 0 gives an infinite deadline, i.e. never due). */
export type EdfWeightFn<T> = (entry: T) => number

/** A min-queue of entries ordered by (deadline, insertion order). */
export interface EdfScheduler<T> {
  /** Number of entries in the queue. */
  readonly size: number
  /** Inserts `entry` with deadline `currentTime + 1 / weight`. */
  add(weight: number, entry: T): void
  /**
   * Pops the entry with the earliest deadline, re-inserts it with `weightFn(entry)` and
   * returns it; `undefined` when the queue is empty.
   */
  pickAndAdd(weightFn: EdfWeightFn<T>): T | undefined
}

/** Envoy caps pre-picks at UINT32_MAX / 10 ("over 400M picks should be sufficient"). */
const MAX_PRE_PICKS = 429496729n
/** Added to every weight in the first round so weights that are multiples stay exact. */
const FIRST_ROUND_EPSILON = 1e-13

class EdfQueue<T> implements EdfScheduler<T> {
  private readonly deadlines: number[] = []
  private readonly orders: number[] = []
  private readonly entries: T[] = []
  private currentTime: number
  private nextOrder: number

  constructor(currentTime = 0, nextOrder = 0) {
    this.currentTime = currentTime
    this.nextOrder = nextOrder
  }

  get size(): number {
    return this.entries.length
  }

  add(weight: number, entry: T): void {
    this.push(this.currentTime + 1 / weight, this.nextOrder++, entry)
  }

  pickAndAdd(weightFn: EdfWeightFn<T>): T | undefined {
    if (this.entries.length === 0) return undefined
    const entry = this.entries[0] as T
    this.currentTime = this.deadlines[0] as number
    // Pop + push of the same entry is done as a root replacement: the set of keys, and so
    // every later pick, is identical because (deadline, order) is a total order.
    this.deadlines[0] = this.currentTime + 1 / weightFn(entry)
    this.orders[0] = this.nextOrder++
    this.siftDown(0)
    return entry
  }

  /** Inserts a pre-computed key; used by createWithPicks. */
  push(deadline: number, order: number, entry: T): void {
    this.deadlines.push(deadline)
    this.orders.push(order)
    this.entries.push(entry)
    this.siftUp(this.entries.length - 1)
  }

  private less(a: number, b: number): boolean {
    const da = this.deadlines[a] as number
    const db = this.deadlines[b] as number
    return da < db || (da === db && (this.orders[a] as number) < (this.orders[b] as number))
  }

  private swap(a: number, b: number): void {
    const d = this.deadlines[a] as number
    this.deadlines[a] = this.deadlines[b] as number
    this.deadlines[b] = d
    const o = this.orders[a] as number
    this.orders[a] = this.orders[b] as number
    this.orders[b] = o
    const e = this.entries[a] as T
    this.entries[a] = this.entries[b] as T
    this.entries[b] = e
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.less(i, parent)) return
      this.swap(i, parent)
      i = parent
    }
  }

  private siftDown(i: number): void {
    const n = this.entries.length
    for (;;) {
      const left = 2 * i + 1
      if (left >= n) return
      const right = left + 1
      const child = right < n && this.less(right, left) ? right : left
      if (!this.less(child, i)) return
      this.swap(i, child)
      i = child
    }
  }
}

/** Creates an empty scheduler at time 0, as `EdfScheduler<C>()` in Envoy. */
export function createEdfScheduler<T>(): EdfScheduler<T> {
  return new EdfQueue<T>()
}

/**
 * Reduces a seed to the pre-pick count Envoy uses: the 64-bit seed is passed through a
 * `uint32_t` parameter (low 32 bits), then taken modulo 429496729.
 */
export function edfPrePicks(seed: bigint | number): number {
  const big = typeof seed === 'bigint' ? seed : BigInt(Math.trunc(seed))
  return Number(BigInt.asUintN(32, big) % MAX_PRE_PICKS)
}

/**
 * Builds a scheduler as if `seed` picks (reduced by {@link edfPrePicks}) had already been
 * made from an empty schedule holding `entries` in order, so that different seeds start a
 * weighted round robin at different points of its cycle. `weightFn` must return > 0.
 *
 * @example createWithPicks([0, 1], (i) => [1, 2][i], 0n) // picks 1, 0, 1, 1, 0, 1
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/upstream/edf_scheduler.h
 */
export function createWithPicks<T>(
  entries: readonly T[],
  weightFn: EdfWeightFn<T>,
  seed: bigint | number,
): EdfScheduler<T> {
  const picks = edfPrePicks(seed)
  const n = entries.length
  if (n === 0) return new EdfQueue<T>()
  const weights = new Array<number>(n)
  let weightsSum = 0
  for (let i = 0; i < n; i++) {
    const w = weightFn(entries[i] as T) + FIRST_ROUND_EPSILON
    weights[i] = w
    weightsSum += w
  }
  const share = picks / weightsSum
  let maxPickTime = 0
  let picksSoFar = 0
  const initial: Array<[number, T]> = []
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number
    let floorPicks = Math.trunc((w * picks) / weightsSum)
    // Floating point can make trunc(A·B) exceed A·B; one fewer pre-pick is then done here
    // and made up by the ordinary picks below.
    if (floorPicks > 0 && floorPicks / w >= share) floorPicks--
    maxPickTime = Math.max(maxPickTime, floorPicks / w)
    initial.push([(floorPicks + 1) / w, entries[i] as T])
    picksSoFar += floorPicks
  }
  const queue = new EdfQueue<T>(maxPickTime, n)
  initial.forEach(([deadline, entry], i) => queue.push(deadline, i, entry))
  for (; picksSoFar < picks; picksSoFar++) queue.pickAndAdd(weightFn)
  return queue
}
