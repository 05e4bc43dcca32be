/**
 * How live traffic looks on an edge: stroke width grows with the log of the request rate
 * (1 rps and 1000 rps must both be visible), colour goes green → amber → red with the
 * error rate, and the dash animation runs faster the busier the edge (CSS classes).
 */
import { interpolateRgb, scaleLog, scaleThreshold } from 'd3'
import type { EdgeLive } from '../../state/telemetry'
import type { NodeDetail } from '../detail'

const width = scaleLog().domain([1, 1000]).range([2, 9]).clamp(true)
const toAmber = interpolateRgb('#16a34a', '#f59e0b')
const toRed = interpolateRgb('#f59e0b', '#dc2626')
/** Busier edges get shorter animation periods: classes edge-live--slow / --medium / --fast. */
const pace = scaleThreshold<number, string>().domain([5, 100]).range(['edge-live--slow', 'edge-live--medium', 'edge-live--fast'])
const rate = new Intl.NumberFormat('en', { maximumFractionDigits: 1 })

export interface TrafficStyle {
  readonly style: { readonly stroke: string; readonly strokeWidth: number }
  readonly className: string
}

/** Colour for an error percentage: green at 0, amber at 5%, red from 25%. */
export function computeErrorColour(errorPct: number): string {
  if (errorPct <= 5) return toAmber(errorPct / 5)
  return toRed(Math.min(1, (errorPct - 5) / 20))
}

export function computeTrafficStyle(live: EdgeLive): TrafficStyle {
  return {
    style: { stroke: computeErrorColour(live.errorPct), strokeWidth: live.rps > 0 ? width(Math.max(1, live.rps)) : 1 },
    className: live.rps > 0 ? pace(live.rps) : 'edge-live--idle',
  }
}

/**
 * The live state of an edge as a short string that changes only when what is drawn would
 * (rates to two significant digits, errors to 0.1%): edges select this instead of the raw
 * numbers, so a batch re-renders only the edges that visibly change.
 */
export function computeTrafficKey(live: EdgeLive | undefined): string {
  if (!live) return ''
  return `${round2(live.rps)}|${live.errorPct.toFixed(1)}|${round2(live.retryRps)}`
}

/**
 * Width steps, in flow pixels, that a stroke key rounds to at each level of detail: about
 * half a screen pixel at the level's lowest zoom. Zoomed right out (`shape`, zoom < 0.25) a
 * 2–9 px stroke is under 2.3 screen pixels wide, so its width stops changing at all.
 */
const WIDTH_STEP: Record<NodeDetail, number> = { full: 0.5, name: 2, shape: Infinity }

/**
 * A coarser key for edges that show no label (dense or zoomed-out drawings): only what the stroke shows
 * at `detail` (its width to the level's step, its colour to 1% of errors), so most batches
 * change nothing and the canvas repaints nothing.
 */
export function computeStrokeKey(live: EdgeLive | undefined, detail: NodeDetail = 'full'): string {
  if (!live) return ''
  const step = WIDTH_STEP[detail]
  const exact = live.rps > 0 ? width(Math.max(1, live.rps)) : 0
  const w = exact === 0 ? 0 : Number.isFinite(step) ? Math.max(1, Math.round(exact / step) * step) : MIDDLE_WIDTH
  return `${w}|${Math.round(live.errorPct)}|0`
}

/** The one width a live stroke has when widths are not told apart. */
const MIDDLE_WIDTH = 4

/** The stroke a `computeStrokeKey` key stands for (no dash animation: dense or zoomed-out drawings stay still). */
export function computeStrokeStyle(key: string): TrafficStyle {
  const [w, errorPct] = key.split('|').map(Number) as [number, number]
  return { style: { stroke: computeErrorColour(errorPct), strokeWidth: w || 1 }, className: 'edge-live--idle' }
}

/** The live values a key stands for (rounded as shown). */
export function parseTrafficKey(key: string): EdgeLive | undefined {
  if (!key) return undefined
  const [rps, errorPct, retryRps] = key.split('|').map(Number)
  return { rps: rps!, errorPct: errorPct!, retryRps: retryRps! }
}

/** `x` to two significant digits (0.123 → 0.12, 1234 → 1200). */
export function round2(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(2))
}

/** `42/s · 3.1% err · ↻ 2/s` (requests, errors, retries), short enough for short edges. */
export function describeTraffic(live: EdgeLive): string {
  const parts = [`${rate.format(live.rps)}/s`]
  if (live.errorPct > 0) parts.push(`${live.errorPct < 10 ? live.errorPct.toFixed(1) : Math.round(live.errorPct)}% err`)
  if (live.retryRps > 0) parts.push(`↻ ${rate.format(live.retryRps)}/s`)
  return parts.join(' · ')
}
