/**
 * Per-window latency percentiles (p50 / p90 / p99) that merge exactly.
 *
 * Each point of a {@link BoundedSeries} keeps the counts of its latencies in the
 * HdrHistogram bucket layout of histogram.ts (unit 1 µs, `digits` significant digits, 2 by
 * default: every value within 1 %), so when two points merge (the series halving its
 * resolution) the percentiles are recomputed from the summed counts — never averaged.
 * The current second is counted into one dense array (one increment per value, in batches:
 * logBuckets.ts `SlotBatch`); when the
 * second closes, its non-empty slots are appended sparsely ((slot, count) pairs, sorted)
 * to one pool shared by all points — merged in place into the last point when the series'
 * points are wider than a second — and its percentiles are computed once, so reading a
 * series costs nothing extra. Halving merges pairs of points in place: no garbage per
 * second or per merge.
 * Memory: at most `capacity` points × the distinct slots a point covers (bounded by the
 * value range, ~128 per octave at 2 digits), however long the run.
 * NOTE(model): a percentile is the highest value of its slot, as HdrHistogram reports it.
 */
import { SlotBatch, halfMagnitude, slotOf, slotRange, slotsFor } from './logBuckets'

/** Percentiles kept per point, in column order. */
export const WINDOW_PERCENTILES = [50, 90, 99] as const

/** Log-bucketed latency counts per series point, with their percentiles. */
export class LatencyWindows {
  private cur = new Uint32Array(0)
  /** Slots recorded into the current second but not yet added to `cur`. */
  private readonly batch = new SlotBatch()
  private readonly m: number
  /** Every point's non-empty slots as (slot, count) pairs, point after point. */
  private pool = new Uint32Array(64)
  /** One point's pairs while halving. */
  private scratch = new Uint32Array(0)
  private used = 0
  /** Start (in pairs) and pair count of each point in `pool`. */
  private readonly start: Int32Array
  private readonly len: Int32Array
  /** Percentile columns (ms), one per {@link WINDOW_PERCENTILES} entry, `capacity` long. */
  readonly columns: Float64Array[]

  constructor(capacity: number, digits: 1 | 2 | 3 = 2) {
    this.m = halfMagnitude(digits)
    this.start = new Int32Array(capacity)
    this.len = new Int32Array(capacity)
    this.columns = WINDOW_PERCENTILES.map(() => new Float64Array(capacity))
  }

  /** Counts one latency (µs) into the current second. */
  record(us: number): void {
    const v = us > 0 ? Math.round(us) : 0
    if (this.batch.add(slotOf(v, this.m))) this.flush()
  }

  /**
   * Closes the current second into point `at` (the last point): the point is replaced when
   * `fresh`, otherwise the second's counts are added to it. Its percentiles are recomputed.
   */
  closeInto(at: number, fresh: boolean): void {
    const begin = fresh ? (at > 0 ? this.start[at - 1]! + this.len[at - 1]! : 0) : this.start[at]!
    const oldLen = fresh ? 0 : this.len[at]!
    this.flush()
    // The dense counts are scanned whole: a few thousand slots once a second, cheaper than
    // tracking the touched range on every record.
    const cur = this.cur
    let n = 0
    let lo = cur.length
    let hi = -1
    for (let i = 0; i < cur.length; i++) {
      if (cur[i] === 0) continue
      n++
      if (i < lo) lo = i
      hi = i
    }
    this.ensure(begin + oldLen + n)
    // Merge in place from the end: the point's old pairs stay ahead of the write position.
    const pool = this.pool
    let w = begin + oldLen + n
    let a = begin + oldLen - 1
    let i = hi
    while (i >= lo || a >= begin) {
      while (i >= lo && cur[i] === 0) i--
      const slotA = a >= begin ? pool[2 * a]! : -1
      const slotB = i >= lo ? i : -1
      if (slotA < 0 && slotB < 0) break
      w--
      if (slotA > slotB) {
        pool[2 * w] = slotA
        pool[2 * w + 1] = pool[2 * a + 1]!
        a--
      } else if (slotB > slotA) {
        pool[2 * w] = slotB
        pool[2 * w + 1] = cur[i]!
        cur[i--] = 0
      } else {
        pool[2 * w] = slotA
        pool[2 * w + 1] = pool[2 * a + 1]! + cur[i]!
        cur[i--] = 0
        a--
      }
    }
    // Shared slots leave a gap at the front: close it.
    if (w > begin) pool.copyWithin(2 * begin, 2 * w, 2 * (begin + oldLen + n))
    this.set(at, begin, begin + oldLen + n - w)
  }

  /**
   * Merges adjacent pairs of the first `length` points into the first `length / 2`, in
   * place: each pair's first point is copied to a scratch array, then merged with the
   * second into the front, which never overtakes the second point's unread pairs.
   */
  halve(length: number): void {
    const pool = this.pool
    let k = 0
    const pairs = length >> 1
    for (let p = 0; p < pairs; p++) {
      const begin = k
      const lenA = this.len[2 * p]!
      if (this.scratch.length < 2 * lenA) this.scratch = new Uint32Array(4 * lenA)
      const sc = this.scratch
      sc.set(pool.subarray(2 * this.start[2 * p]!, 2 * (this.start[2 * p]! + lenA)))
      let a = 0
      let b = this.start[2 * p + 1]!
      const bEnd = b + this.len[2 * p + 1]!
      while (a < lenA || b < bEnd) {
        const sa = a < lenA ? sc[2 * a]! : Infinity
        const sb = b < bEnd ? pool[2 * b]! : Infinity
        const count = (sa <= sb ? sc[2 * a++ + 1]! : 0) + (sb <= sa ? pool[2 * b++ + 1]! : 0)
        pool[2 * k] = sa < sb ? sa : sb
        pool[2 * k + 1] = count
        k++
      }
      this.set(p, begin, k - begin)
    }
    for (let p = pairs; p < length; p++) this.set(p, k, 0)
    this.used = k
  }

  /** Samples counted in point `at`. */
  countAt(at: number): number {
    let total = 0
    for (let i = this.start[at]!; i < this.start[at]! + this.len[at]!; i++) total += this.pool[2 * i + 1]!
    return total
  }

  /** Distinct slots stored over all points (the memory in use, in pairs). */
  storedSlots(): number {
    return this.used
  }

  private set(at: number, begin: number, n: number): void {
    this.start[at] = begin
    this.len[at] = n
    this.used = begin + n
    let total = 0
    for (let i = begin; i < begin + n; i++) total += this.pool[2 * i + 1]!
    WINDOW_PERCENTILES.forEach((p, col) => {
      this.columns[col]![at] = total === 0 ? 0 : this.highestMs(this.slotAtRank(begin, n, Math.max(1, Math.ceil((p * total) / 100))))
    })
  }

  /** The slot at which the running count over a point's pairs reaches `rank`. */
  private slotAtRank(begin: number, n: number, rank: number): number {
    let run = 0
    for (let i = begin; i < begin + n; i++) {
      run += this.pool[2 * i + 1]!
      if (run >= rank) return this.pool[2 * i]!
    }
    return this.pool[2 * (begin + n - 1)]!
  }

  private ensure(pairs: number): void {
    if (2 * pairs <= this.pool.length) return
    const next = new Uint32Array(Math.max(2 * pairs, this.pool.length + (this.pool.length >> 1)))
    next.set(this.pool)
    this.pool = next
  }

  /** The highest value (ms) equivalent to slot `index` (HdrHistogram's `highestEquivalentValue`). */
  private highestMs(index: number): number {
    const { lowest, size } = slotRange(index, this.m)
    return (lowest + size - 1) / 1000
  }

  /** Adds the batch to the current second's counts. */
  private flush(): void {
    if (this.batch.max >= this.cur.length) this.grow(this.batch.max)
    this.batch.countInto(this.cur)
  }

  private grow(index: number): void {
    const next = new Uint32Array(slotsFor(index, this.m))
    next.set(this.cur)
    this.cur = next
  }
}
