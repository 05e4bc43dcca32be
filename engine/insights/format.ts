/**
 * Number formatting for insight texts: durations as people write them (`250 ms`, `1.5 s`),
 * shares as percentages, and the per-edge evidence lines several analysers print.
 */
import type { EdgeSummary } from '../sim/summary'

/** `250 ms`, `1 s`, `1.5 s`, `2 min`. */
export function fmtMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'unbounded'
  if (ms < 1000) return `${round(ms, 1)} ms`
  if (ms < 120_000) return `${round(ms / 1000, 2)} s`
  return `${round(ms / 60_000, 1)} min`
}

/** `12.5 %` of `whole` (`0 %` when whole is 0). */
export function fmtPct(part: number, whole: number): string {
  return `${whole > 0 ? round((100 * part) / whole, 1) : 0} %`
}

/** A factor such as `27×` or `1.2×`. */
export function fmtTimes(x: number): string {
  return `${round(x, 2)}×`
}

/** `from → to: <text>` for an edge of the run. */
export function edgeLine(e: EdgeSummary, text: string): string {
  return `${e.from} → ${e.to}: ${text}`
}

function round(x: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}
