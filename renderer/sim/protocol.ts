/**
 * Messages between the renderer and the simulation worker (sim.worker.ts), as plain
 * structured-clone data. The worker owns the engine run; the renderer sends commands and
 * receives batches of telemetry, at most ~20 a second, each covering the simulated time
 * since the previous one (conventions §5: batches per sim-time window, not per event).
 */
import type { Fate, Interval, RunResult, Scenario, SloResult, Trace } from '../../engine/index'

/** How a run is made: the seed, how long to simulate, and how fast to play it. */
export interface RunSettings {
  readonly seed: number
  /** Simulated duration, ms. */
  readonly durationMs: number
  /** Simulated seconds per wall-clock second; 0 runs as fast as possible. */
  readonly speed: number
}

/** Renderer → worker. */
export type ToWorker =
  | { readonly kind: 'run.start'; readonly runId: number; readonly scenario: Scenario; readonly settings: RunSettings }
  | { readonly kind: 'run.pause' }
  | { readonly kind: 'run.resume' }
  /** While paused: simulate one more second, then report. */
  | { readonly kind: 'run.step' }
  | { readonly kind: 'run.stop' }
  | { readonly kind: 'run.speed'; readonly speed: number }

/** Worker → renderer. */
export type FromWorker =
  | { readonly kind: 'run.compiled'; readonly runId: number; readonly totalSeconds: number }
  | { readonly kind: 'run.batch'; readonly runId: number; readonly batch: RunBatch }
  | { readonly kind: 'run.finished'; readonly runId: number; readonly final: RunFinal }
  | { readonly kind: 'run.failed'; readonly runId: number; readonly message: string }

/** How far the run has got. */
export interface RunProgressView {
  readonly simulatedSeconds: number
  readonly totalSeconds: number
  /** 0–1. */
  readonly fraction: number
  readonly events: number
}

/**
 * New points of many bounded time series at once, column by column, so a batch for a
 * thousand series is a handful of typed arrays rather than thousands of small objects to
 * copy between threads. Row i is the series `names[i]`: its `counts[i]` new points start at
 * point `from[i]` and sit in every field's array at `offset(i)` = counts[0] + … + counts[i-1].
 * Points are `bucketSeconds` wide; once wider than a second the last one may still be
 * filling, and it is sent again next time.
 */
export interface SeriesBlock {
  readonly names: readonly string[]
  readonly from: Int32Array
  readonly counts: Int32Array
  readonly fields: Readonly<Record<string, Float64Array>>
}

/** One window of telemetry. */
export interface RunBatch {
  readonly progress: RunProgressView
  readonly warmupSeconds: number
  /** Width of every series point, seconds; when it changes, every series is sent whole (`from` 0). */
  readonly bucketSeconds: number
  /**
   * Per service (requests, completed, failed, latencyMsSum, utilization, queueMean, queueMax,
   * inFlightMean, and the latencies completed in each point: latencyP50Ms, latencyP90Ms,
   * latencyP99Ms — 0 for a point without completions).
   */
  readonly services: SeriesBlock
  /** Per call edge `caller->service` (requests, attempts, retries, failed, completed, latencyP50Ms / P90 / P99). */
  readonly edges: SeriesBlock
  /** Breaker-open and ejection intervals, whole; sent only when they changed. */
  readonly breakers?: readonly Interval[]
  readonly ejections?: readonly Interval[]
  readonly fates: Readonly<Record<Fate, number>>
  readonly slos: readonly SloResult[]
  /** Sampled traces finished since the previous batch. */
  readonly traces?: readonly Trace[]
}

/** The end of a run: its summary (the series have been streamed already). */
export type RunFinal = Omit<RunResult, 'timeSeries'>
