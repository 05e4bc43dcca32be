/**
 * Telemetry buffers and the live values derived from them. Series are appended to in place
 * (a run streams up to 20 batches a second into hundreds of series, and copying them each
 * time would cost more than drawing them); the run store bumps `seriesVersion` whenever they
 * change, and charts redraw from the buffers imperatively.
 */
import type { RunBatch, SeriesBlock } from '../sim/protocol'

/** Columns of one series, by field name; index i covers [i × bucket, (i + 1) × bucket) seconds. */
export type SeriesColumns = Record<string, number[]>

export interface SeriesBuffers {
  bucketSeconds: number
  readonly services: Map<string, SeriesColumns>
  readonly edges: Map<string, SeriesColumns>
}

/** Live values of a service over the last complete series point. */
export interface ServiceLive {
  readonly rps: number
  readonly errorPct: number
  readonly meanMs: number
  readonly utilization: number
}

/** Live values of a call edge (engine key `caller->service`). */
export interface EdgeLive {
  readonly rps: number
  readonly errorPct: number
  readonly retryRps: number
}

export function createSeriesBuffers(): SeriesBuffers {
  return { bucketSeconds: 1, services: new Map(), edges: new Map() }
}

/** Appends a batch's rows to the buffers (resetting every series when the bucket width changed). */
export function appendBatch(buffers: SeriesBuffers, batch: RunBatch): void {
  if (batch.bucketSeconds !== buffers.bucketSeconds) {
    buffers.bucketSeconds = batch.bucketSeconds
    buffers.services.clear()
    buffers.edges.clear()
  }
  appendBlock(buffers.services, batch.services)
  appendBlock(buffers.edges, batch.edges)
}

function appendBlock(target: Map<string, SeriesColumns>, block: SeriesBlock): void {
  const fields = Object.entries(block.fields)
  let offset = 0
  for (let row = 0; row < block.names.length; row++) {
    const name = block.names[row]!
    let columns = target.get(name)
    if (!columns) target.set(name, (columns = {}))
    const from = block.from[row]!
    const count = block.counts[row]!
    for (const [field, values] of fields) {
      const column = (columns[field] ??= [])
      if (column.length > from) column.length = from
      for (let i = 0; i < count; i++) column.push(values[offset + i]!)
    }
    offset += count
  }
}

/** Live values are averaged over the last few points: a single second of Poisson arrivals is noisy. */
export const LIVE_WINDOW_POINTS = 3

/** Sum of the last `n` values of `column` (0 for a missing column). */
function tail(column: readonly number[] | undefined, n: number): number {
  let sum = 0
  if (!column) return 0
  for (let i = Math.max(0, column.length - n); i < column.length; i++) sum += column[i]!
  return sum
}

/** The live values of a service over its last few points (undefined before the first). */
export function computeServiceLive(columns: SeriesColumns | undefined, bucketSeconds: number): ServiceLive | undefined {
  const n = Math.min(LIVE_WINDOW_POINTS, columns?.requests?.length ?? 0)
  if (!columns || n === 0) return undefined
  const requests = tail(columns.requests, n)
  return {
    rps: requests / (n * bucketSeconds),
    errorPct: requests > 0 ? (100 * tail(columns.failed, n)) / requests : 0,
    meanMs: requests > 0 ? tail(columns.latencyMsSum, n) / requests : 0,
    utilization: tail(columns.utilization, n) / n,
  }
}

/** The live values of an edge over its last few points. */
export function computeEdgeLive(columns: SeriesColumns | undefined, bucketSeconds: number): EdgeLive | undefined {
  const n = Math.min(LIVE_WINDOW_POINTS, columns?.requests?.length ?? 0)
  if (!columns || n === 0) return undefined
  const requests = tail(columns.requests, n)
  return {
    rps: requests / (n * bucketSeconds),
    errorPct: requests > 0 ? (100 * tail(columns.failed, n)) / requests : 0,
    retryRps: tail(columns.retries, n) / (n * bucketSeconds),
  }
}

/** True when two live records show the same numbers (so the store keeps the old object). */
export function isSameLive<T extends object>(a: T | undefined, b: T | undefined): boolean {
  if (a === b) return true
  if (!a || !b) return false
  return Object.keys(a).every((k) => Math.abs((a as Record<string, number>)[k]! - (b as Record<string, number>)[k]!) < 1e-9)
}

/** What the canvas shows on a service during a run: open breakers and ejected replicas. */
export interface ServiceHealth {
  /** Upstream clusters of the service (`svc` or `svc/version`) with a breaker open now. */
  readonly breakersOpen: readonly string[]
  /** Replicas (`svc-version-i`) ejected now by some caller's outlier detection. */
  readonly ejected: readonly string[]
}

type OpenInterval = { readonly cluster: string; readonly host?: string; readonly endSeconds: number | null }

/** Health per service from the intervals still open; entries whose contents are unchanged keep their identity. */
export function computeHealth(
  previous: Readonly<Record<string, ServiceHealth>>,
  breakers: readonly OpenInterval[],
  ejections: readonly OpenInterval[],
): Readonly<Record<string, ServiceHealth>> {
  const next: Record<string, { breakersOpen: Set<string>; ejected: Set<string> }> = {}
  const entry = (cluster: string) => (next[cluster.split('/')[0]!] ??= { breakersOpen: new Set(), ejected: new Set() })
  for (const b of breakers) if (b.endSeconds === null) entry(b.cluster).breakersOpen.add(b.cluster)
  for (const e of ejections) if (e.endSeconds === null && e.host) entry(e.cluster).ejected.add(e.host)
  const out: Record<string, ServiceHealth> = {}
  let changed = Object.keys(previous).length !== Object.keys(next).length
  for (const [service, h] of Object.entries(next)) {
    const value = { breakersOpen: [...h.breakersOpen].sort(), ejected: [...h.ejected].sort() }
    const old = previous[service]
    const same = old && old.breakersOpen.join() === value.breakersOpen.join() && old.ejected.join() === value.ejected.join()
    out[service] = same ? old : value
    if (!same) changed = true
  }
  return changed ? out : previous
}
