/**
 * HdrHistogram's bucket layout over whole microseconds, shared by the run-long latency
 * histograms (`histogram.ts`) and the per-second windows (`latencyWindows.ts`).
 *
 * With `digits` significant digits, each power-of-two bucket holds 2^m sub-buckets
 * (m = ceil(log2(2·10^digits)) − 1); value v ≥ 0 lands in slot
 * `(bucket << m) + (v >>> bucket)` with bucket = max(0, floor(log2 v) − m). Slots are dense
 * and grow in steps of 2^m, so counts can be added slot by slot (exactly mergeable). Both
 * count through a `SlotBatch`, which defers the increments and applies them 64 at a time.
 *
 * @see https://github.com/HdrHistogram/HdrHistogramJS/blob/master/src/JsHistogram.ts (countsArrayIndex)
 */

/** m for `digits` significant digits: log2 of half the sub-bucket count. */
export function halfMagnitude(digits: number): number {
  return Math.ceil(Math.log2(2 * 10 ** digits)) - 1
}

/** The slot of integer value `v` ≥ 0 for half-magnitude `m`. O(1), no allocation. */
export function slotOf(v: number, m: number): number {
  if (v < 0x40000000) {
    let bucket = 31 - Math.clz32(v) - m
    if (bucket < 0) bucket = 0
    return (bucket << m) + (v >>> bucket)
  }
  const bucket = Math.floor(Math.log2(v)) - m
  return bucket * 2 ** m + Math.floor(v / 2 ** bucket)
}

/** The lowest value of slot `index` and the width of its values: [lowest, lowest + size). */
export function slotRange(index: number, m: number): { readonly lowest: number; readonly size: number } {
  const half = 2 ** m
  let bucket = Math.floor(index / half) - 1
  let sub = (index % half) + half
  if (bucket < 0) {
    sub -= half
    bucket = 0
  }
  const size = 2 ** bucket
  return { lowest: sub * size, size }
}

/** How many slots to allocate so that `index` fits (whole sub-bucket rows, one spare). */
export function slotsFor(index: number, m: number): number {
  const half = 2 ** m
  return (Math.floor(index / half) + 2) * half
}

/** Slots per {@link SlotBatch}. */
const SLOT_BATCH_SIZE = 64

/**
 * Slots recorded but not counted yet. With thousands of histograms (a large topology) each
 * one's counts are cold, and one increment per event makes the event wait on that cache
 * miss; counting a batch of independent increments overlaps the misses. Counts are sums, so
 * when they are added changes nothing, as long as every reader of the counts flushes first.
 */
export class SlotBatch {
  private readonly slots = new Int32Array(SLOT_BATCH_SIZE)
  private size = 0
  /** Largest slot in the batch, −1 when empty: the counts must reach it before counting. */
  max = -1

  /** Adds a slot; true when the batch is full and must be counted. */
  add(slot: number): boolean {
    this.slots[this.size++] = slot
    if (slot > this.max) this.max = slot
    return this.size === SLOT_BATCH_SIZE
  }

  /** Adds the batch to `counts` (longer than `max`) and empties it. */
  countInto(counts: Float64Array | Uint32Array): void {
    const slots = this.slots
    for (let i = 0; i < this.size; i++) counts[slots[i]!]!++
    this.size = 0
    this.max = -1
  }
}
