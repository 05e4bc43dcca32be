/**
 * Latency histograms: HdrHistogram (hdr-histogram-js, pure-JS build) over whole
 * microseconds with a fixed number of significant digits (3 → every value within 0.1 %).
 *
 * Recording is on the simulation's hot path, where the library's `recordValue` costs
 * ~90 ns (it derives the bucket with floating-point log2 and pow). So values are counted
 * into an array laid out exactly as HdrHistogram lays out its counts (unit 1 µs):
 *   bucket = max(⌊log2 v⌋ − m, 0),  sub = ⌊v / 2^bucket⌋,  index = bucket·2^m + sub
 * with 2^m the half sub-bucket count (m = 10 for 3 digits, 7 for 2), computed with integer
 * operations (clz32) in a few ns; when results are read, each non-empty slot is handed to
 * the library with `recordValueWithCount(lowest equivalent value, count)`, which puts it in
 * the very same slot, and the library answers the percentile queries. Increments are
 * batched (logBuckets.ts `SlotBatch`) and flushed before the counts are read. Mean and max are
 * kept exactly. Memory is bounded by the value range (a few KB per decade), never by the
 * number of samples.
 *
 * @see https://github.com/HdrHistogram/HdrHistogramJS
 */
// The concrete 64-bit-count class, imported directly: the package root also loads its log
// encoder (which reaches for zlib with `eval`) and a WebAssembly build, neither used here.
import * as float64Module from 'hdr-histogram-js/dist/Float64Histogram'
import type { Histogram } from 'hdr-histogram-js'
import { SlotBatch, halfMagnitude, slotOf, slotRange, slotsFor } from './logBuckets'

type Float64HistogramClass = new (lowest: number, highest: number, digits: number) => Histogram

// A CommonJS module's `exports.default` arrives one or two `.default`s deep depending on the
// bundler's interop mode (Node mode wraps the exports object once more).
function unwrapDefault(mod: unknown): Float64HistogramClass {
  let v = mod
  while (typeof v !== 'function' && v !== null && typeof v === 'object' && 'default' in v) v = (v as { default: unknown }).default
  return v as Float64HistogramClass
}
const Float64Histogram = unwrapDefault(float64Module)

/** Latency statistics in milliseconds. */
export interface LatencySummary {
  readonly mean: number
  readonly p50: number
  readonly p90: number
  readonly p99: number
  readonly p999: number
  readonly max: number
}

/** An empty summary (no samples). */
export const EMPTY_LATENCY: LatencySummary = { mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 }

/** Rounds milliseconds to the clock's resolution (1 µs) so output has no float noise. */
export function roundMs(value: number): number {
  return Math.round(value * 1000) / 1000
}

/** A latency histogram recording whole microseconds. */
export class LatencyHistogram {
  private counts = new Float64Array(0)
  /** Slots recorded since the counts were last read or the batch filled. */
  private readonly batch = new SlotBatch()
  private readonly halfMagnitude: number
  private hdr: Histogram | null = null
  /** Exact sum of the recorded values, µs. */
  sumUs = 0
  maxUs = 0
  count = 0

  constructor(private readonly digits: 2 | 3 = 3) {
    this.halfMagnitude = halfMagnitude(digits)
  }

  /** Records one latency in µs (rounded to a whole µs; negative values count as 0). */
  record(us: number): void {
    const v = us > 0 ? Math.round(us) : 0
    if (this.batch.add(slotOf(v, this.halfMagnitude))) this.flush()
    this.sumUs += v
    if (v > this.maxUs) this.maxUs = v
    this.count++
    if (this.hdr !== null) this.hdr = null
  }

  /** The value at `percentile` (0–100), ms; 0 when empty. */
  percentileMs(percentile: number): number {
    if (this.count === 0) return 0
    return roundMs(this.library().getValueAtPercentile(percentile) / 1000)
  }

  /** Mean and percentiles, ms. */
  summary(): LatencySummary {
    if (this.count === 0) return EMPTY_LATENCY
    return {
      mean: roundMs(this.sumUs / this.count / 1000),
      p50: this.percentileMs(50),
      p90: this.percentileMs(90),
      p99: this.percentileMs(99),
      p999: this.percentileMs(99.9),
      max: roundMs(this.maxUs / 1000),
    }
  }

  /** The counts as an hdr-histogram-js histogram (built on demand, cached until the next record). */
  library(): Histogram {
    if (this.hdr !== null) return this.hdr
    this.flush()
    const h = new Float64Histogram(1, 2 ** 20, this.digits)
    h.autoResize = true
    for (let i = 0; i < this.counts.length; i++) {
      const n = this.counts[i]!
      if (n !== 0) h.recordValueWithCount(slotRange(i, this.halfMagnitude).lowest, n)
    }
    this.hdr = h
    return h
  }

  /** Counts the batch. */
  private flush(): void {
    if (this.batch.max >= this.counts.length) this.grow(this.batch.max)
    this.batch.countInto(this.counts)
  }

  private grow(index: number): void {
    const counts = new Float64Array(slotsFor(index, this.halfMagnitude))
    counts.set(this.counts)
    this.counts = counts
  }
}
