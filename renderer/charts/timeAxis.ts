/**
 * The shared time axis of the dashboard: every chart and lane uses the same margins and the
 * same scale from 0 to the run's duration, so a moment lines up across all of them (and
 * with the fault timeline).
 */
import { scaleLinear } from 'd3'
import type { ScaleLinear } from 'd3'

/** Left margin (room for y-axis labels) and right margin, px. */
export const AXIS_LEFT = 120
export const AXIS_RIGHT = 16

/** Seconds → x pixels for a chart `width` px wide covering `durationSeconds`. */
export function createTimeScale(width: number, durationSeconds: number): ScaleLinear<number, number> {
  return scaleLinear().domain([0, Math.max(1, durationSeconds)]).range([AXIS_LEFT, Math.max(AXIS_LEFT + 1, width - AXIS_RIGHT)])
}

/** `12 s`, `1 min 30 s` — tick and tooltip labels. */
export function formatSeconds(s: number): string {
  if (s < 60) return `${Number.isInteger(s) ? s : s.toFixed(1)} s`
  const m = Math.floor(s / 60)
  const rest = Math.round(s - m * 60)
  return rest ? `${m} min ${rest} s` : `${m} min`
}
