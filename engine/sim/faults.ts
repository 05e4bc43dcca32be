/**
 * The faults timeline, each fault applied at its simulated time (event phase 0) and undone
 * when it ends (phase 1):
 * - crash: the replica dies at once (everything it holds is reset, new connections are
 *   refused); it leaves the endpoint set 2 s later; with `restartAfter` it comes back empty
 *   and rejoins at once.
 * - latency: `add` ms more work per request on the target replicas, or on one `replica`
 *   (they hold workers longer).
 * - error_burst: an extra `rate` % of requests fail with `status` (default 503), on every
 *   target replica or on one `replica`.
 * - partition: new connections between the two zones time out (connect timeout).
 * - slow_replica: the replica's service times are multiplied by `factor`.
 * - rolling_deploy: batches of `batch` replicas (default 1) leave the endpoint set, drain,
 *   and come back `restartTime` (default 10 s) later, when the next batch goes.
 * NOTE(model): endpoint removal after a crash takes a fixed 2 s (kubelet status + istiod
 * push); restarted replicas are ready at once; a partition does not cut requests already
 * in flight; a crashed replica's own client sidecar keeps its breaker and balancer state.
 */
import type { FaultEvent } from '../model/types'
import { onEndpoints } from './clusters'
import { EV } from './events'
import { killReplica } from './server'
import type { ReplicaRt, World } from './world'

/** Delay between a crash and the replica leaving the endpoint set, µs. */
export const EDS_REMOVAL_DELAY_US = 2_000_000
/** Default rolling-deploy restart time, ms. */
export const DEFAULT_RESTART_MS = 10_000

/** Schedules the start of every fault. */
export function scheduleFaults(w: World): void {
  w.cfg.faults.forEach((f, i) => {
    const at = Math.round(f.at * 1000)
    if (at <= w.endUs) w.sim.schedule(at, EV.fault, i, 0)
  })
}

function targets(w: World, f: { service: string; version?: string | undefined }): ReplicaRt[] {
  const svc = w.services.find((s) => s.name === f.service)
  if (!svc) return []
  const versions = svc.versions.filter((v) => f.version === undefined || w.versions[v]!.name === f.version)
  return versions.flatMap((v) => w.versions[v]!.replicas.map((r) => w.replicas[r]!))
}

/** The one replica `index` names, or every target when it names none. */
function only(list: ReplicaRt[], index: number | undefined): ReplicaRt[] {
  return index === undefined ? list : list.slice(index, index + 1)
}

function endAfter(w: World, index: number, forMs: number): void {
  w.sim.schedule(w.sim.now + Math.round(forMs * 1000), EV.fault, index, 1)
}

/** Applies (phase 0) or undoes (phase 1, or the next rolling-deploy batch) fault `index`. */
export function onFault(w: World, index: number, phase: number): void {
  const f = w.cfg.faults[index]!
  const start = phase === 0
  switch (f.kind) {
    case 'crash': {
      const r = targets(w, f)[f.replica ?? 0]
      if (!r) return
      if (start) crash(w, r, index, f.restartAfter)
      else restart(w, r)
      return
    }
    case 'latency':
      for (const r of only(targets(w, f), f.replica)) r.addLatencyUs += (start ? 1 : -1) * Math.round(f.add * 1000)
      if (start) endAfter(w, index, f.for)
      return
    case 'error_burst':
      for (const r of only(targets(w, f), f.replica)) {
        r.burstRate += start ? f.rate : -f.rate
        if (start) r.burstStatus = f.status ?? 503
      }
      if (start) endAfter(w, index, f.for)
      return
    case 'slow_replica': {
      const r = targets(w, f)[f.replica ?? 0]
      if (r) r.slowFactor = start ? r.slowFactor * f.factor : r.slowFactor / f.factor
      if (start) endAfter(w, index, f.for)
      return
    }
    case 'partition':
      partition(w, f, start ? 1 : -1)
      if (start) endAfter(w, index, f.for)
      return
    case 'rolling_deploy':
      return rollingStep(w, f, index, phase)
  }
}

function crash(w: World, r: ReplicaRt, index: number, restartAfterMs: number | undefined): void {
  if (!r.up) return
  r.up = false
  killReplica(w, r)
  w.sim.schedule(w.sim.now + EDS_REMOVAL_DELAY_US, EV.endpoints, r.id, 0)
  if (restartAfterMs !== undefined) w.sim.schedule(w.sim.now + Math.round(restartAfterMs * 1000), EV.fault, index, 1)
}

function restart(w: World, r: ReplicaRt): void {
  if (r.up) return
  r.up = true
  r.busy = 0
  if (!r.inEds) onEndpoints(w, r.id, true)
}

/** An endpoint-set change (b = 1 join, 0 leave), ignored if the replica's state moved on. */
export function onEndpointsEvent(w: World, replicaId: number, join: number): void {
  const r = w.replicas[replicaId]!
  if (join === 0 && !r.up && r.inEds) onEndpoints(w, replicaId, false)
  if (join === 1 && r.up && !r.inEds) onEndpoints(w, replicaId, true)
}

function partition(w: World, f: Extract<FaultEvent, { kind: 'partition' }>, delta: number): void {
  const a = w.zoneIndex.get(f.zones[0])
  const b = w.zoneIndex.get(f.zones[1])
  if (a === undefined || b === undefined) return
  w.partitioned[a * w.zoneCount + b]! += delta
  w.partitioned[b * w.zoneCount + a]! += delta
}

function rollingStep(w: World, f: Extract<FaultEvent, { kind: 'rolling_deploy' }>, index: number, phase: number): void {
  const all = targets(w, f)
  const batch = f.batch ?? 1
  const previous = all.slice((phase - 1) * batch, phase * batch)
  for (const r of previous) {
    killReplica(w, r)
    r.up = true
    if (!r.inEds) onEndpoints(w, r.id, true)
  }
  const current = all.slice(phase * batch, (phase + 1) * batch)
  if (current.length === 0) return
  for (const r of current) onEndpoints(w, r.id, false)
  w.sim.schedule(w.sim.now + Math.round((f.restartTime ?? DEFAULT_RESTART_MS) * 1000), EV.fault, index, phase + 1)
}
