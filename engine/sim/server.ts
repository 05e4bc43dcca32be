/**
 * The server side of a request: an attempt arrives at a replica, passes its sidecar's
 * authorization check, waits in the replica's FIFO queue for one of its workers (or fails
 * with 503 when the queue is full), holds the worker for its service time, then makes its
 * downstream calls group by group (the calls of a group in parallel, each with its
 * probability) and answers. A failed required call fails the request with the callee's
 * status (a 4xx becomes 500). The worker is held until the answer is sent.
 * NOTE(model): thread-per-request: a worker stays busy while its downstream calls are in
 * flight; the service time is spent before the calls; a request that fails on its own
 * (error rate, error burst) fails at the end of its service time and makes no calls; a
 * parallel group waits for all its calls even after a required one failed (no
 * cancellation); a caller never learns that its client gave up (timeouts do not cancel
 * upstream work).
 */
import { FATE } from '../metrics/fates'
import { closeSpan, openSpan } from '../metrics/traces'
import { REASON } from '../mesh/pipeline/types'
import { drawUs } from '../traffic/distributions'
import { startCall } from './client'
import { EV } from './events'
import { TRY } from './records'
import type { TryRec } from './records'
import type { ReplicaRt, World } from './world'

/** An attempt reaches its replica. */
export function onTryArrive(w: World, t: TryRec): void {
  const now = w.sim.now
  const r = w.replicas[t.replica]!
  if (!r.up) return respondLost(w, t, r)
  const stats = w.services[r.service]!.stats
  t.arriveUs = now
  t.counted = now >= w.warmUs
  stats.secRequests++
  if (t.counted) stats.arrivals++
  t.serverSpan = t.span === null ? null : openSpan(t.span, 'server', r.name, now)
  if (t.denied) return finishJob(w, t, 403, FATE.denied_by_policy, REASON.response)
  stats.touch(now)
  stats.inSystem++
  t.inSystem = true
  linkActive(w, r, t)
  if (r.busy < r.concurrency) return startService(w, t, r)
  if (r.queueLen >= r.queueCap) return finishJob(w, t, 503, FATE.overflow, REASON.response)
  t.phase = TRY.queued
  t.qNext = -1
  if (r.queueTail >= 0) w.tries.items[r.queueTail]!.qNext = t.id
  else r.queueHead = t.id
  r.queueTail = t.id
  r.queueLen++
  stats.queued++
  if (stats.queued > stats.secMaxQueue) stats.secMaxQueue = stats.queued
  if (t.counted && stats.queued > stats.maxQueue) stats.maxQueue = stats.queued
}

/** The replica died while the attempt was on the wire: the connection resets. */
function respondLost(w: World, t: TryRec, r: ReplicaRt): void {
  t.reason = REASON.reset
  t.status = 503
  t.phase = TRY.responding
  w.sim.schedule(w.sim.now + w.netUs[r.zone * w.zoneCount + t.callerZone]!, EV.tryResponse, t.id, t.gen)
}

function startService(w: World, t: TryRec, r: ReplicaRt): void {
  const stats = w.services[r.service]!.stats
  stats.touch(w.sim.now)
  r.busy++
  stats.busy++
  t.hasWorker = true
  t.phase = TRY.inService
  const v = w.versions[r.version]!
  let us = drawUs(v.sampler, v.rng)
  if (r.slowFactor !== 1) us = Math.round(us * r.slowFactor)
  w.sim.schedule(w.sim.now + us + r.addLatencyUs, EV.serviceDone, t.id, t.gen)
}

/** The request's own work is done: fail on its own, or make its downstream calls. */
export function onServiceDone(w: World, t: TryRec): void {
  if (t.phase !== TRY.inService) return
  const r = w.replicas[t.replica]!
  const v = w.versions[r.version]!
  if (r.burstRate > 0 && v.rng.chance(r.burstRate)) return finishJob(w, t, r.burstStatus, FATE.error, REASON.response)
  if (v.errorRate > 0 && v.rng.chance(v.errorRate)) return finishJob(w, t, v.errorStatus, FATE.error, REASON.response)
  t.group = 0
  t.failStatus = 0
  t.phase = TRY.calling
  runGroups(w, t, r)
}

function runGroups(w: World, t: TryRec, r: ReplicaRt): void {
  const v = w.versions[r.version]!
  const groups = v.groups
  while (t.group < groups.length) {
    const group = groups[t.group]!
    // The guard keeps a synchronously finished call from completing the group early.
    t.pending = 1
    for (let i = 0; i < group.length; i++) {
      const site = group[i]!
      if (site.probability < 100 && !v.rng.chance(site.probability)) continue
      t.pending++
      const span = t.serverSpan === null ? null : openSpan(t.serverSpan, 'request', `${w.services[r.service]!.name} → ${w.services[site.service]!.name}`, w.sim.now)
      startCall(w, site, r.sidecar, r.zone, t.id, t.gen, -1, -1, span)
    }
    if (--t.pending > 0) return
    if (t.failStatus !== 0) return finishJob(w, t, t.failStatus, t.failFate, REASON.response)
    t.group++
  }
  finishJob(w, t, 200, FATE.success, REASON.response)
}

/** A downstream call of the job `tryId` finished. */
export function onChildDone(w: World, tryId: number, gen: number, ok: boolean, status: number, fate: number, required: boolean): void {
  const t = w.tries.items[tryId]!
  if (t.gen !== gen || t.phase !== TRY.calling) return
  if (!ok && required && t.failStatus === 0) {
    t.failStatus = status >= 500 ? status : 500
    t.failFate = fate
  }
  if (--t.pending > 0) return
  if (t.failStatus !== 0) return finishJob(w, t, t.failStatus, t.failFate, REASON.response)
  t.group++
  runGroups(w, t, w.replicas[t.replica]!)
}

/**
 * Sends the job's answer (or, with `REASON.reset`, the reset of a crashed replica):
 * frees its worker (the next queued request starts), records the service's metrics and
 * puts the response on the wire back to the caller.
 */
export function finishJob(w: World, t: TryRec, status: number, fate: number, reason: number): void {
  const now = w.sim.now
  const r = w.replicas[t.replica]!
  const svc = w.services[r.service]!
  const stats = svc.stats
  if (t.hasWorker) {
    stats.touch(now)
    r.busy--
    stats.busy--
    t.hasWorker = false
    if (reason === REASON.response && r.queueLen > 0) startNext(w, r)
  }
  if (t.inSystem) {
    stats.touch(now)
    stats.inSystem--
    t.inSystem = false
    unlinkActive(w, r, t)
  }
  const latency = now - t.arriveUs
  const ok = status < 400
  stats.secLatencyUs += latency
  stats.window.record(latency)
  stats.secCompleted++
  if (!ok) stats.secFailed++
  if (t.counted) {
    if (ok) stats.succeeded++
    else stats.failed++
    stats.latency.record(latency)
    for (let i = 0; i < svc.slos.length; i++) svc.slos[i]!.observe(latency, ok)
    const gate = w.versions[r.version]!.gate
    if (gate !== null) {
      gate.requests++
      if (!ok) gate.failed++
      if (latency > gate.thresholdUs) gate.slow++
    }
  }
  if (t.serverSpan !== null) closeSpan(t.serverSpan, now, status)
  t.status = status
  t.fate = fate
  t.reason = reason
  t.phase = TRY.responding
  w.sim.schedule(now + w.hopUs[r.zone * w.zoneCount + t.callerZone]!, EV.tryResponse, t.id, t.gen)
}

function startNext(w: World, r: ReplicaRt): void {
  const t = w.tries.items[r.queueHead]!
  r.queueHead = t.qNext
  if (r.queueHead < 0) r.queueTail = -1
  r.queueLen--
  const stats = w.services[r.service]!.stats
  stats.touch(w.sim.now)
  stats.queued--
  startService(w, t, r)
}

/** A replica crashes: everything it holds is reset, its queue is dropped. */
export function killReplica(w: World, r: ReplicaRt): void {
  const stats = w.services[r.service]!.stats
  let id = r.activeHead
  while (id >= 0) {
    const t = w.tries.items[id]!
    id = t.aNext
    if (t.phase === TRY.queued) {
      stats.touch(w.sim.now)
      stats.queued--
    }
    finishJob(w, t, 503, FATE.reset, REASON.reset)
  }
  r.queueHead = r.queueTail = -1
  r.queueLen = 0
}

function linkActive(w: World, r: ReplicaRt, t: TryRec): void {
  t.aPrev = -1
  t.aNext = r.activeHead
  if (r.activeHead >= 0) w.tries.items[r.activeHead]!.aPrev = t.id
  r.activeHead = t.id
}

function unlinkActive(w: World, r: ReplicaRt, t: TryRec): void {
  if (t.aPrev >= 0) w.tries.items[t.aPrev]!.aNext = t.aNext
  else r.activeHead = t.aNext
  if (t.aNext >= 0) w.tries.items[t.aNext]!.aPrev = t.aPrev
  t.aPrev = t.aNext = -1
}
