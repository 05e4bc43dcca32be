/**
 * Per-second time series that stay bounded however long the run.
 *
 * Rows arrive one per simulated second. Each point covers `bucketSeconds` seconds (1 at
 * first); when all `capacity` points are used, adjacent pairs are merged and the bucket
 * width doubles, so a series never holds more than `capacity` points: a 10-minute run keeps
 * per-second points, a day-long one 256-second points (capacity 512). Fields are either
 * summed (counts, and gauges whose per-second values are averaged on output) or maxed.
 * A series may carry {@link LatencyWindows}: per-point latency percentiles that follow the
 * same halving (merged from their counts), output as `latencyP50Ms`, `latencyP90Ms` and
 * `latencyP99Ms` (0 for a point without samples).
 * Complexity: O(fields) per row, amortised O(fields) per halving; no allocation per row
 * (but one small sparse count array per row when latency windows are attached).
 */
import { LatencyWindows, WINDOW_PERCENTILES } from './latencyWindows'

/** Output field names of the latency windows' percentiles. */
export const LATENCY_PERCENTILE_FIELDS = WINDOW_PERCENTILES.map((p) => `latencyP${p}Ms`)

/** How a field combines across the seconds of one point. */
export type FieldMode = 'sum' | 'mean' | 'max'

/** A series' output: one array per field, each `bucketSeconds` wide. */
export interface SeriesData {
  readonly bucketSeconds: number
  readonly points: number
  readonly fields: Readonly<Record<string, readonly number[]>>
}

/** A bounded multi-field time series. */
export class BoundedSeries {
  private readonly data: Float64Array[]
  private length = 0
  private secondsInLast = 0
  private bucketSeconds = 1

  constructor(
    private readonly names: readonly string[],
    private readonly modes: readonly FieldMode[],
    private readonly capacity = 512,
    /** Per-point latency percentiles, recorded into by the owner, closed by `push`. */
    readonly latency?: LatencyWindows,
  ) {
    this.data = names.map(() => new Float64Array(capacity))
  }

  /** Appends one second's values (in field order). */
  push(values: ArrayLike<number>): void {
    if (this.length === 0 || this.secondsInLast === this.bucketSeconds) {
      if (this.length === this.capacity) this.halve()
      this.length++
      this.secondsInLast = 0
    }
    const at = this.length - 1
    const fresh = this.secondsInLast === 0
    for (let f = 0; f < this.data.length; f++) {
      const col = this.data[f]!
      const v = values[f]!
      if (fresh) col[at] = v
      else col[at] = this.modes[f] === 'max' ? Math.max(col[at]!, v) : col[at]! + v
    }
    this.latency?.closeInto(at, fresh)
    this.secondsInLast++
  }

  /** Width of each point, seconds (doubles when the series halves). */
  get bucketWidth(): number {
    return this.bucketSeconds
  }

  /**
   * The series, with 'mean' fields divided by the seconds in each point. With `from`, the
   * field arrays hold only points `from`… (`points` still counts them all): what a live view
   * polling the series needs when it already has the earlier ones.
   */
  toData(round: (x: number) => number = (x) => x, from = 0): SeriesData {
    const fields: Record<string, number[]> = {}
    const start = Math.min(Math.max(0, from), this.length)
    this.names.forEach((name, f) => {
      const col = this.data[f]!
      const out: number[] = []
      for (let i = start; i < this.length; i++) {
        const secs = i === this.length - 1 ? this.secondsInLast : this.bucketSeconds
        out.push(round(this.modes[f] === 'mean' ? col[i]! / Math.max(1, secs) : col[i]!))
      }
      fields[name] = out
    })
    if (this.latency) {
      LATENCY_PERCENTILE_FIELDS.forEach((name, k) => {
        fields[name] = Array.from(this.latency!.columns[k]!.subarray(start, this.length), round)
      })
    }
    return { bucketSeconds: this.bucketSeconds, points: this.length, fields }
  }

  private halve(): void {
    const half = this.length >> 1
    for (let f = 0; f < this.data.length; f++) {
      const col = this.data[f]!
      const max = this.modes[f] === 'max'
      for (let i = 0; i < half; i++) {
        const a = col[2 * i]!
        const b = col[2 * i + 1]!
        col[i] = max ? Math.max(a, b) : a + b
      }
    }
    this.latency?.halve(this.length)
    this.length = half
    this.bucketSeconds *= 2
  }
}
