/**
 * What each dashboard chart plots, computed from the run's series buffers (see
 * state/telemetry.ts), latency percentiles included: they are per point, as the engine
 * records them. Point i of a per-second series covers [i·b, (i+1)·b) seconds and is
 * plotted at its end. Pure functions: cheap enough to run on every batch.
 */
import type { SeriesBuffers, SeriesColumns } from '../state/telemetry'

export interface Line {
  readonly name: string
  /** CSS class of the line (colour), e.g. `line--p99`. */
  readonly className: string
  readonly t: readonly number[]
  readonly v: readonly number[]
}

function times(n: number, bucket: number): number[] {
  return Array.from({ length: n }, (_, i) => (i + 1) * bucket)
}

function ratio(num: readonly number[] | undefined, den: readonly number[] | undefined, scale: number, empty: number): number[] {
  return (den ?? []).map((d, i) => (d > 0 ? (scale * (num?.[i] ?? 0)) / d : empty))
}

/** A percentile column with points that had no completions as gaps (NaN). */
function percentileColumn(c: SeriesColumns, field: string): number[] {
  const done = c.completed
  return (c[field] ?? []).map((v, i) => ((done ? (done[i] ?? 0) > 0 : v > 0) ? v : Number.NaN))
}

/**
 * Latency of `service`: p99 / p90 / p50 of the requests completed in each point (the
 * engine's per-point percentiles, merged from counts as points widen) and the mean.
 */
export function computeLatencyLines(b: SeriesBuffers, service: string): Line[] {
  const c = b.services.get(service)
  if (!c?.requests) return []
  const lines: Line[] = []
  const t = times(c.requests.length, b.bucketSeconds)
  for (const p of ['99', '90', '50']) {
    if (c[`latencyP${p}Ms`]) lines.push({ name: `p${p}`, className: `line--p${p}`, t, v: percentileColumn(c, `latencyP${p}Ms`) })
  }
  lines.push({ name: 'mean', className: 'line--mean', t, v: ratio(c.latencyMsSum, c.completed ?? c.requests, 1, Number.NaN) })
  return lines
}

/** Colours of per-caller lines (existing line classes, in turn). */
const CALLER_CLASSES = ['line--p99', 'line--p50', 'line--retries', 'line--p90', 'line--success'] as const

/** p99 per point of each call edge into `service` (`caller->service`), one line per caller. */
export function computeEdgeLatencyLines(b: SeriesBuffers, service: string): Line[] {
  return [...b.edges.entries()]
    .filter(([key, c]) => key.endsWith(`->${service}`) && c.latencyP99Ms)
    .map(([key, c], i) => ({
      name: `p99 from ${key.slice(0, -service.length - 2)}`,
      className: CALLER_CLASSES[i % CALLER_CLASSES.length]!,
      t: times(c.latencyP99Ms!.length, b.bucketSeconds),
      v: percentileColumn(c, 'latencyP99Ms'),
    }))
}

/** Share of `service`'s requests that succeeded, percent per second. */
export function computeSuccessLines(b: SeriesBuffers, service: string): Line[] {
  const c = b.services.get(service)
  if (!c?.requests) return []
  const failedPct = ratio(c.failed, c.requests, 100, Number.NaN)
  return [{ name: 'success', className: 'line--success', t: times(failedPct.length, b.bucketSeconds), v: failedPct.map((x) => (Number.isNaN(x) ? x : 100 - x)) }]
}

/** Requests per second arriving at `service`, and failed ones. */
export function computeRateLines(b: SeriesBuffers, service: string): Line[] {
  const c = b.services.get(service)
  if (!c?.requests) return []
  const t = times(c.requests.length, b.bucketSeconds)
  const perSecond = (col: readonly number[] | undefined) => (col ?? []).map((x) => x / b.bucketSeconds)
  return [
    { name: 'requests', className: 'line--rate', t, v: perSecond(c.requests) },
    { name: 'failed', className: 'line--failed', t, v: perSecond(c.failed) },
  ]
}

/** Retries per second on calls into `service` (every caller summed). */
export function computeRetryLines(b: SeriesBuffers, service: string): Line[] {
  const into = [...b.edges.entries()].filter(([key]) => key.endsWith(`->${service}`)).map(([, c]) => c)
  if (into.length === 0) return []
  const n = Math.max(...into.map((c) => c.retries?.length ?? 0))
  const sum = (field: keyof SeriesColumns) => Array.from({ length: n }, (_, i) => into.reduce((s, c) => s + (c[field]?.[i] ?? 0), 0) / b.bucketSeconds)
  const t = times(n, b.bucketSeconds)
  return [
    { name: 'retries', className: 'line--retries', t, v: sum('retries') },
    { name: 'attempts', className: 'line--attempts', t, v: sum('attempts') },
  ]
}

/** The value of `line` at the point nearest to time `t` (undefined when it has none). */
export function findValueAt(line: Line, t: number): { t: number; v: number } | undefined {
  if (line.t.length === 0) return undefined
  let lo = 0
  let hi = line.t.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (line.t[mid]! < t) lo = mid + 1
    else hi = mid
  }
  const i = lo > 0 && Math.abs(line.t[lo - 1]! - t) < Math.abs(line.t[lo]! - t) ? lo - 1 : lo
  return { t: line.t[i]!, v: line.v[i]! }
}
