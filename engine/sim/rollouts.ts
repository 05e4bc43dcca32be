/**
 * Progressive delivery: canary steps and blue/green switches that move the route's split
 * weights at their simulated times, with metric gates.
 * - canary: at `start` (default 0) step 0 sends `weight` % to `to` and the rest to `from`;
 *   at the end of each step's `hold` the gates are checked on the `to` version's requests
 *   during that hold: an error rate above `maxErrorRate` or more than 1 % of requests slower
 *   than `maxLatencyP99` (⇔ p99 above it) rolls back to 100 % `from`; otherwise the next
 *   step starts, and after the last hold the rollout is promoted (the last weights stay).
 * - blue_green: at `switchAt` all traffic moves to `to`; the gates are checked every 10 s
 *   on the traffic since the switch and a breach switches back.
 * NOTE(model): a rollout rewrites the split of every rule of the service's route.
 */
import { stages } from '../mesh/pipeline/index'
import type { Rollout } from '../model/types'
import { EV } from './events'
import type { VersionRt, World } from './world'

const BLUE_GREEN_CHECK_US = 10_000_000

/** Schedules the first action of every rollout. */
export function scheduleRollouts(w: World): void {
  w.cfg.rollouts.forEach((r, i) => {
    const at = Math.round((r.kind === 'canary' ? (r.start ?? 0) : r.switchAt) * 1000)
    if (at <= w.endUs) w.sim.schedule(at, EV.rollout, i, 0)
  })
}

function versionOf(w: World, service: string, name: string): VersionRt | undefined {
  const svc = w.services.find((s) => s.name === service)
  return svc && w.versions.find((v) => v.service === svc.id && v.name === name)
}

function setWeights(w: World, r: Rollout, toWeight: number): void {
  const svc = w.services.find((s) => s.name === r.service)
  const from = versionOf(w, r.service, r.from)
  const to = versionOf(w, r.service, r.to)
  if (!svc || !from || !to) return
  for (const rule of svc.rules) stages.weighted_split.setSplit(rule, [from.cluster, to.cluster], [100 - toWeight, toWeight])
}

function openGate(w: World, r: Rollout): void {
  const to = versionOf(w, r.service, r.to)
  if (to) to.gate = { requests: 0, failed: 0, slow: 0, thresholdUs: r.gates?.maxLatencyP99 !== undefined ? r.gates.maxLatencyP99 * 1000 : Number.POSITIVE_INFINITY }
}

/** The reason a gate fails, or undefined when it passes. */
function gateBreach(w: World, r: Rollout): string | undefined {
  const gate = versionOf(w, r.service, r.to)?.gate
  if (!gate || gate.requests === 0 || !r.gates) return undefined
  const errorPct = (gate.failed / gate.requests) * 100
  if (r.gates.maxErrorRate !== undefined && errorPct > r.gates.maxErrorRate) return `error rate ${errorPct.toFixed(2)}% > ${r.gates.maxErrorRate}%`
  if (r.gates.maxLatencyP99 !== undefined && gate.slow / gate.requests > 0.01) return `p99 above ${r.gates.maxLatencyP99}ms`
  return undefined
}

function log(w: World, r: Rollout, action: 'step' | 'promote' | 'rollback' | 'switch', weight: number, reason?: string): void {
  w.rec.rollouts.push({ atSeconds: w.sim.now / 1e6, service: r.service, action, weight, ...(reason ? { reason } : {}) })
}

/** Runs step `step` of rollout `index` (step ≥ 1 first checks the previous step's gates). */
export function onRollout(w: World, index: number, step: number): void {
  const r = w.cfg.rollouts[index]!
  if (step > 0) {
    const breach = gateBreach(w, r)
    if (breach) {
      setWeights(w, r, 0)
      log(w, r, 'rollback', 0, breach)
      const to = versionOf(w, r.service, r.to)
      if (to) to.gate = null
      return
    }
  }
  if (r.kind === 'blue_green') {
    if (step === 0) {
      setWeights(w, r, 100)
      log(w, r, 'switch', 100)
      openGate(w, r)
    }
    w.sim.schedule(w.sim.now + BLUE_GREEN_CHECK_US, EV.rollout, index, step + 1)
    return
  }
  const s = r.steps[step]
  if (!s) {
    log(w, r, 'promote', r.steps[r.steps.length - 1]!.weight)
    const to = versionOf(w, r.service, r.to)
    if (to) to.gate = null
    return
  }
  setWeights(w, r, s.weight)
  log(w, r, 'step', s.weight)
  openGate(w, r)
  w.sim.schedule(w.sim.now + Math.round(s.hold * 1000), EV.rollout, index, step + 1)
}
