/**
 * The per-second metrics boundary (time series rows, SLO windows) and the end of the
 * warm-up (gauge areas snapshotted so time averages cover the measured period only).
 */
import { EV } from './events'
import type { World } from './world'

const SECOND_US = 1_000_000
const serviceRow = new Float64Array(8)
const edgeRow = new Float64Array(5)

/** Schedules the first metrics tick and the warm-up end. */
export function scheduleTicks(w: World): void {
  if (SECOND_US <= w.endUs) w.sim.schedule(SECOND_US, EV.metricsTick, 0, 0)
  if (w.warmUs > 0 && w.warmUs <= w.endUs) w.sim.schedule(w.warmUs, EV.warmupEnd, 0, 0)
}

/** Closes one simulated second everywhere. */
export function onMetricsTick(w: World): void {
  const now = w.sim.now
  for (const svc of w.services) {
    svc.stats.closeSecond(now, serviceRow)
    if (now > w.warmUs) for (const slo of svc.slos) slo.closeSecond(now)
  }
  for (const edge of w.edges) edge.stats.closeSecond(edgeRow)
  if (now + SECOND_US <= w.endUs) w.sim.schedule(now + SECOND_US, EV.metricsTick, 0, 0)
}

/** The warm-up ends. */
export function onWarmupEnd(w: World): void {
  for (const svc of w.services) svc.stats.markWarm(w.sim.now)
}
