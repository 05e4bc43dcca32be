/**
 * What each dashboard chart plots, computed from the run's series buffers (see
 * state/telemetry.ts). Point i of a per-second series covers [i·b, (i+1)·b) seconds and is
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

/** Latency of `service`: mean per second, and p50 / p90 / p99 over the measured run so far. */
export function computeLatencyLines(b: SeriesBuffers, service: string): Line[] {
  const c = b.services.get(service)
  const p = b.percentiles.get(service)
  const lines: Line[] = []
  if (p) {
    lines.push({ name: 'p99', className: 'line--p99', t: p.t, v: p.p99 })
    lines.push({ name: 'p90', className: 'line--p90', t: p.t, v: p.p90 })
    lines.push({ name: 'p50', className: 'line--p50', t: p.t, v: p.p50 })
  }
  if (c?.requests) {
    const mean = ratio(c.latencyMsSum, c.requests, 1, Number.NaN)
    lines.push({ name: 'mean / s', className: 'line--mean', t: times(mean.length, b.bucketSeconds), v: mean })
  }
  return lines
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
