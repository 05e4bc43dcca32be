/**
 * Builds the run's metrics from the world: per-service, per-edge and per-cluster summaries,
 * fates, SLOs, breaker / ejection / panic intervals, rollout actions, time series and traces
 * (`run.ts` adds the insights).
 * Everything is in scenario order (services) or first-use order (edges), which the
 * simulation makes deterministic, and numbers are rounded to the clock's resolution.
 */
import { fateRecord } from '../metrics/fates'
import type { Fate } from '../metrics/fates'
import { roundMs } from '../metrics/histogram'
import type { LatencySummary } from '../metrics/histogram'
import type { Interval, RolloutEvent } from '../metrics/recorder'
import type { SeriesData } from '../metrics/timeSeries'
import type { Trace } from '../metrics/traces'
import type { Insight } from '../insights/types'
import type { SloResult } from './slo'
import type { World } from './world'

/** One service's results (requests as they arrived at its replicas). */
export interface ServiceSummary {
  readonly requests: number
  readonly succeeded: number
  readonly failed: number
  readonly latencyMs: LatencySummary
  /** Busy worker time / (workers × measured time). */
  readonly utilization: number
  readonly throughputRps: number
  /** Time-average number of requests in the service (queued or in progress): Little's L. */
  readonly inFlightMean: number
  readonly queue: { readonly mean: number; readonly max: number }
  readonly replicas: number
  readonly workers: number
}

/** One call edge's results, as the caller's sidecar saw them (retries included). */
export interface EdgeSummary {
  readonly from: string
  readonly to: string
  readonly requests: number
  readonly attempts: number
  readonly retries: number
  readonly succeeded: number
  readonly failed: number
  readonly latencyMs: LatencySummary
  readonly fates: Record<Fate, number>
}

/**
 * One upstream cluster (`service` or `service/version`) as its client sidecars saw it,
 * summed over them (each sidecar has its own detector and balancer).
 */
export interface ClusterSummary {
  /** Client sidecars that sent it requests. */
  readonly sidecars: number
  /** Ejections attempted by a detector (`ejections_detected_*`), enforced or not. */
  readonly ejectionsDetected: number
  /** Ejections enforced (`ejections_enforced_total`). */
  readonly ejections: number
  /** Ejections refused by max_ejection_percent (`ejections_overflow`). */
  readonly ejectionsOverflow: number
  /** Seconds spent balancing in panic (over every host, ejected ones included). */
  readonly panicSeconds: number
}

/** The numbers of a run (or of the part simulated so far): everything but the insights. */
export interface RunMetrics {
  readonly scenario: string
  readonly mesh: string
  readonly seed: number
  /** Simulated time covered, seconds. */
  readonly simulatedSeconds: number
  readonly warmupSeconds: number
  /** False for a partial result read before the run finished. */
  readonly complete: boolean
  readonly events: number
  /** Hash of every event processed (time, kind, payload): equal hashes, equal runs. */
  readonly traceHash: string
  /** User requests (from traffic sources) after the warm-up. */
  readonly requests: number
  readonly services: Record<string, ServiceSummary>
  readonly edges: EdgeSummary[]
  /** Fates of user requests; a failure is named by its root cause. */
  readonly fates: Record<Fate, number>
  readonly slos: SloResult[]
  readonly breakers: { readonly opened: number; readonly totalSeconds: number; readonly intervals: Interval[] }
  readonly ejections: { readonly ejected: number; readonly totalSeconds: number; readonly intervals: Interval[] }
  /** Client sidecars in panic routing: fewer healthy hosts than the panic threshold. */
  readonly panics: { readonly entered: number; readonly totalSeconds: number; readonly intervals: Interval[] }
  /** Per upstream cluster (first-use order): outlier detection and panic counters. */
  readonly clusters: Record<string, ClusterSummary>
  readonly rollouts: RolloutEvent[]
  readonly timeSeries: { readonly services: Record<string, SeriesData>; readonly edges: Record<string, SeriesData> }
  readonly traces: Trace[]
}

/** The result of a run (or of the part simulated so far). */
export interface RunResult extends RunMetrics {
  /** What the insights analysers found in the scenario and these numbers (most severe first). */
  readonly insights: readonly Insight[]
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4

/**
 * What a live view polls while a run advances: the parts of {@link RunMetrics} that change
 * as it runs and are cheap to read. No latency summaries, cluster counters or insights, and
 * each series carries only the points from where the caller's `since` says it has them.
 */
export interface RunTelemetry {
  readonly simulatedSeconds: number
  readonly warmupSeconds: number
  readonly events: number
  readonly fates: Record<Fate, number>
  readonly slos: SloResult[]
  readonly breakerIntervals: readonly Interval[]
  readonly ejectionIntervals: readonly Interval[]
  /** Each series' field arrays hold points `since(key, bucketSeconds)`… of `points`. */
  readonly timeSeries: { readonly services: Record<string, SeriesData>; readonly edges: Record<string, SeriesData> }
  /** Every finished trace kept so far (the array the run appends to: do not modify). */
  readonly traces: readonly Trace[]
}

/**
 * Where a live view's copy of a series ends: the first point it still needs. Keys are
 * `service:<name>` and `edge:<caller>-><service>`; `bucketSeconds` is the series' point width now.
 */
export type SeriesCursor = (key: string, bucketSeconds: number) => number

/** The telemetry of world `w` now, series from `since` on (everything without it). */
export function summarizeTelemetry(w: World, since: SeriesCursor = () => 0): RunTelemetry {
  const services: Record<string, SeriesData> = {}
  for (const svc of w.services) {
    const series = svc.stats.series
    services[svc.name] = series.toData(round4, since(`service:${svc.name}`, series.bucketWidth))
  }
  const edges: Record<string, SeriesData> = {}
  for (const e of w.edges) {
    const key = `${e.from}->${w.services[e.to]!.name}`
    edges[key] = e.stats.series.toData(round4, since(`edge:${key}`, e.stats.series.bucketWidth))
  }
  return {
    simulatedSeconds: roundMs(w.sim.now / 1e3) / 1e3, warmupSeconds: w.cfg.warmupMs / 1000, events: w.sim.events,
    fates: fateRecord(w.rec.rootFates), slos: summarizeSlos(w),
    breakerIntervals: w.rec.breakers.items, ejectionIntervals: w.rec.ejections.items,
    timeSeries: { services, edges }, traces: w.traces.traces,
  }
}

function summarizeSlos(w: World): SloResult[] {
  return w.services.flatMap((svc) => svc.slos.map((t) => t.result(svc.stats)))
}

/** Summarises world `w` at its current simulated time. */
export function summarize(w: World, complete: boolean): RunMetrics {
  const now = w.sim.now
  const measuredUs = Math.max(0, now - w.warmUs)
  const services: Record<string, ServiceSummary> = {}
  const serviceSeries: Record<string, SeriesData> = {}
  for (const svc of w.services) {
    const s = svc.stats
    s.touch(now)
    const base = now > w.warmUs && w.warmUs > 0 ? s.warm : { busyArea: 0, queueArea: 0, inSystemArea: 0 }
    const span = measuredUs > 0 ? measuredUs : 1
    services[svc.name] = {
      requests: s.arrivals, succeeded: s.succeeded, failed: s.failed,
      latencyMs: s.latency.summary(),
      utilization: s.workers > 0 ? round4((s.busyArea - base.busyArea) / span / s.workers) : 0,
      throughputRps: round4(((s.succeeded + s.failed) * 1e6) / span),
      inFlightMean: round4((s.inSystemArea - base.inSystemArea) / span),
      queue: { mean: round4((s.queueArea - base.queueArea) / span), max: s.maxQueue },
      replicas: svc.versions.reduce((n, v) => n + w.versions[v]!.replicas.length, 0),
      workers: s.workers,
    }
    serviceSeries[svc.name] = s.series.toData(round4)
  }
  const edgeSeries: Record<string, SeriesData> = {}
  const edges = w.edges.map((e): EdgeSummary => {
    const to = w.services[e.to]!.name
    edgeSeries[`${e.from}->${to}`] = e.stats.series.toData(round4)
    const s = e.stats
    return {
      from: e.from, to, requests: s.requests, attempts: s.attempts, retries: s.retries,
      succeeded: s.succeeded, failed: s.failed, latencyMs: s.latency.summary(), fates: fateRecord(s.fates),
    }
  })
  return {
    scenario: w.cfg.name, mesh: w.cfg.mesh, seed: w.cfg.seed,
    simulatedSeconds: roundMs(now / 1e3) / 1e3, warmupSeconds: w.cfg.warmupMs / 1000,
    complete, events: w.sim.events, traceHash: w.sim.traceHash,
    requests: w.rec.rootRequests, services, edges, fates: fateRecord(w.rec.rootFates),
    slos: summarizeSlos(w),
    breakers: { opened: w.rec.breakers.opened, totalSeconds: round4(w.rec.breakers.totalSeconds), intervals: w.rec.breakers.items },
    ejections: { ejected: w.rec.ejections.opened, totalSeconds: round4(w.rec.ejections.totalSeconds), intervals: w.rec.ejections.items },
    panics: { entered: w.rec.panics.opened, totalSeconds: round4(w.rec.panics.totalSeconds), intervals: w.rec.panics.items },
    clusters: summarizeClusters(w),
    rollouts: w.rec.rollouts,
    timeSeries: { services: serviceSeries, edges: edgeSeries },
    traces: w.traces.traces,
  }
}

function summarizeClusters(w: World): Record<string, ClusterSummary> {
  const now = w.sim.now
  const out: Record<string, ClusterSummary> = {}
  for (const cs of w.clusterStates) {
    const prev = out[cs.name]
    const stats = cs.outlier?.stats()
    const detected = stats ? Object.values(stats.ejectionsDetected).reduce((a, b) => a + b, 0) : 0
    const panicUs = cs.panicUs + (cs.inPanic ? now - cs.panicSinceUs : 0)
    out[cs.name] = {
      sidecars: (prev?.sidecars ?? 0) + 1,
      ejectionsDetected: (prev?.ejectionsDetected ?? 0) + detected,
      ejections: (prev?.ejections ?? 0) + (stats?.ejectionsEnforcedTotal ?? 0),
      ejectionsOverflow: (prev?.ejectionsOverflow ?? 0) + (stats?.ejectionsOverflow ?? 0),
      panicSeconds: round4((prev?.panicSeconds ?? 0) + panicUs / 1e6),
    }
  }
  return out
}
