/**
 * Per-service and per-edge statistics blocks, updated in place on the hot path.
 *
 * Counters and histograms take only requests that started after the warm-up. Gauges
 * (workers busy, requests queued, requests in the service) are integrated over time
 * (area += value × dt at every change), so time averages are exact; the areas are
 * snapshotted when the warm-up ends and the summary uses the difference.
 * Every second the per-second deltas are appended to a bounded series: requests arrived,
 * requests completed (failed among them) and their summed latency, utilisation, mean and
 * max queue length, mean requests in the service; and, per point, the p50 / p90 / p99 of the
 * latencies completed in it (`window.record`, every request, warm-up included, like the
 * other series fields).
 */
import { createFateCounts } from './fates'
import { LatencyHistogram } from './histogram'
import { LatencyWindows } from './latencyWindows'
import { BoundedSeries } from './timeSeries'

/** Field names of a service's per-second series. */
export const SERVICE_SERIES = ['requests', 'completed', 'failed', 'latencyMsSum', 'utilization', 'queueMean', 'queueMax', 'inFlightMean'] as const
/** Field names of an edge's per-second series. */
export const EDGE_SERIES = ['requests', 'attempts', 'retries', 'failed', 'completed'] as const

/**
 * Resolution of the per-point percentiles: 2 significant digits (1 %), 1 (≈ 6 %) in the
 * big topologies that already use 2 for their run-wide histograms, to keep memory small.
 */
function windowDigits(digits: 2 | 3): 1 | 2 {
  return digits === 3 ? 2 : 1
}

/** Statistics of one service (requests as they arrive at its replicas). */
export class ServiceStats {
  arrivals = 0
  succeeded = 0
  failed = 0
  readonly latency: LatencyHistogram
  /** Configured worker slots (sum of replicas × concurrency). */
  workers = 0
  busy = 0
  queued = 0
  inSystem = 0
  busyArea = 0
  queueArea = 0
  inSystemArea = 0
  lastUs = 0
  maxQueue = 0
  warm = { busyArea: 0, queueArea: 0, inSystemArea: 0 }
  // this second
  secRequests = 0
  secCompleted = 0
  secFailed = 0
  secLatencyUs = 0
  secMaxQueue = 0
  private secBase = { busyArea: 0, queueArea: 0, inSystemArea: 0 }
  readonly series: BoundedSeries
  /** Latencies of this second (closed into the series' current point). */
  readonly window: LatencyWindows

  constructor(digits: 2 | 3, capacity: number) {
    this.latency = new LatencyHistogram(digits)
    this.window = new LatencyWindows(capacity, windowDigits(digits))
    this.series = new BoundedSeries(SERVICE_SERIES, ['sum', 'sum', 'sum', 'sum', 'mean', 'mean', 'max', 'mean'], capacity, this.window)
  }

  /** Integrates the gauges up to `nowUs`; call before changing busy / queued / inSystem. */
  touch(nowUs: number): void {
    const dt = nowUs - this.lastUs
    if (dt > 0) {
      this.busyArea += this.busy * dt
      this.queueArea += this.queued * dt
      this.inSystemArea += this.inSystem * dt
      this.lastUs = nowUs
    }
  }

  /** Snapshots the areas at the end of the warm-up. */
  markWarm(nowUs: number): void {
    this.touch(nowUs)
    this.warm = { busyArea: this.busyArea, queueArea: this.queueArea, inSystemArea: this.inSystemArea }
  }

  /** Appends this second's row and starts the next second. */
  closeSecond(nowUs: number, row: Float64Array): void {
    this.touch(nowUs)
    const b = this.secBase
    row[0] = this.secRequests
    row[1] = this.secCompleted
    row[2] = this.secFailed
    row[3] = this.secLatencyUs / 1000
    row[4] = this.workers > 0 ? (this.busyArea - b.busyArea) / 1e6 / this.workers : 0
    row[5] = (this.queueArea - b.queueArea) / 1e6
    row[6] = this.secMaxQueue
    row[7] = (this.inSystemArea - b.inSystemArea) / 1e6
    this.series.push(row)
    this.secBase = { busyArea: this.busyArea, queueArea: this.queueArea, inSystemArea: this.inSystemArea }
    this.secRequests = this.secCompleted = this.secFailed = this.secLatencyUs = 0
    this.secMaxQueue = this.queued
  }
}

/** Statistics of one call edge (caller → service), as the caller's sidecar sees them. */
export class EdgeStats {
  requests = 0
  attempts = 0
  retries = 0
  succeeded = 0
  failed = 0
  readonly fates = createFateCounts()
  readonly latency: LatencyHistogram
  secRequests = 0
  secAttempts = 0
  secRetries = 0
  secFailed = 0
  secCompleted = 0
  readonly series: BoundedSeries
  /** Latencies of calls completed this second (closed into the series' current point). */
  readonly window: LatencyWindows

  constructor(digits: 2 | 3, capacity: number) {
    this.latency = new LatencyHistogram(digits)
    this.window = new LatencyWindows(capacity, windowDigits(digits))
    this.series = new BoundedSeries(EDGE_SERIES, ['sum', 'sum', 'sum', 'sum', 'sum'], capacity, this.window)
  }

  /** Appends this second's row and starts the next second. */
  closeSecond(row: Float64Array): void {
    row[0] = this.secRequests
    row[1] = this.secAttempts
    row[2] = this.secRetries
    row[3] = this.secFailed
    row[4] = this.secCompleted
    this.series.push(row)
    this.secRequests = this.secAttempts = this.secRetries = this.secFailed = this.secCompleted = 0
  }
}
