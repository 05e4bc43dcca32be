/**
 * Client-sidecar cluster states: created on a sidecar's first request to a cluster (so a
 * 1 000-service topology only pays for the pairs that talk), kept in step with endpoint
 * changes, and ticked for outlier detection. Also the queue of attempts waiting for a
 * connection (an intrusive doubly-linked list through the attempt records).
 */
import { Rng } from '../kernel/rng'
import { stages } from '../mesh/pipeline/index'
import { ClusterState } from '../mesh/pipeline/clusterState'
import type { ClusterStateHooks } from '../mesh/pipeline/clusterState'
import { createTpsBudget } from '../mesh/linkerd/tpsBudget'
import { EV } from './events'
import type { TryRec } from './records'
import type { World } from './world'

/** Returns (creating on first use) sidecar `sidecarId`'s state for cluster `clusterId`. */
export function clusterState(w: World, sidecarId: number, clusterId: number): ClusterState {
  const sidecar = w.sidecars[sidecarId]!
  const existing = sidecar.states.get(clusterId)
  if (existing !== undefined) return existing
  const def = w.clusters[clusterId]!
  // NOTE(model): every endpoint is at priority 0 and locality-weighted balancing is off:
  // Istio's locality failover (priorities by zone when outlier detection is set) is not
  // modelled, so clients spread over all zones.
  const members = def.members.map((id) => {
    const r = w.replicas[id]!
    return { replica: id, key: r.name, zone: String(r.zone), inEds: r.inEds }
  })
  const cs = new ClusterState(
    w.clusterStates.length, clusterId, sidecarId, def.name, members, def.policy, def.http1,
    new Rng(w.cfg.seed, `lb:${sidecar.name}>${def.name}`), () => w.sim.now, hooksOf(w),
  )
  stages.balancer_pick.createPicker(cs)
  cs.rm = stages.connection_pool.createLimits(def.policy.connectionPool)
  stages.outlier_bookkeeping.createDetector(cs)
  const budget = def.policy.retryBudget
  // NOTE(model): Linkerd's budget is per ServiceProfile; here it is per sidecar and cluster.
  if (budget) cs.tps = createTpsBudget({ ...budget, nowMs: w.sim.now / 1000 })
  if (cs.outlier) {
    // Envoy arms the interval timer when the cluster is created (at the sidecar's start, time
    // 0 here), not at its first request: ticks fall on multiples of the interval.
    const intervalUs = Math.round(cs.outlier.intervalMs * 1000)
    w.sim.schedule((Math.floor(w.sim.now / intervalUs) + 1) * intervalUs, EV.outlierTick, cs.id, 0)
  }
  w.clusterStates.push(cs)
  def.states.push(cs)
  sidecar.states.set(clusterId, cs)
  return cs
}

const hooksCache = new WeakMap<World, ClusterStateHooks>()

function hooksOf(w: World): ClusterStateHooks {
  let hooks = hooksCache.get(w)
  if (hooks) return hooks
  hooks = {
    onBreaker(cs, open) {
      const now = w.sim.now
      if (open) w.rec.breakers.start(cs.id, now, () => ({ sidecar: w.sidecars[cs.sidecar]!.name, cluster: cs.name, startSeconds: now / 1e6, endSeconds: null }))
      else w.rec.breakers.end(cs.id, now)
    },
    onEjection(cs, member, ejected) {
      const now = w.sim.now
      const key = cs.id * 65536 + member
      const host = w.replicas[cs.memberReplica[member]!]!.name
      if (ejected) w.rec.ejections.start(key, now, () => ({ sidecar: w.sidecars[cs.sidecar]!.name, cluster: cs.name, host, startSeconds: now / 1e6, endSeconds: null }))
      else w.rec.ejections.end(key, now)
    },
    onPanic(cs, panic) {
      const now = w.sim.now
      if (panic) w.rec.panics.start(cs.id, now, () => ({ sidecar: w.sidecars[cs.sidecar]!.name, cluster: cs.name, startSeconds: now / 1e6, endSeconds: null }))
      else w.rec.panics.end(cs.id, now)
    },
  }
  hooksCache.set(w, hooks)
  return hooks
}

/** A replica joins or leaves the endpoint set of every cluster it belongs to. */
export function onEndpoints(w: World, replicaId: number, inEds: boolean): void {
  const r = w.replicas[replicaId]!
  r.inEds = inEds
  const nowMs = w.sim.now / 1000
  for (const m of r.memberships) {
    for (const cs of w.clusters[m.cluster]!.states) cs.setInEds(m.member, inEds, nowMs)
  }
}

/** The outlier detector's interval timer. */
export function onOutlierTick(w: World, csId: number): void {
  const cs = w.clusterStates[csId]!
  stages.outlier_bookkeeping.tickDetector(cs, w.sim.now / 1000)
  const next = w.sim.now + Math.round(cs.outlier!.intervalMs * 1000)
  if (next <= w.endUs) w.sim.schedule(next, EV.outlierTick, csId, 0)
}

/** Appends an attempt to its cluster state's pending queue. */
export function pushPending(w: World, cs: ClusterState, t: TryRec): void {
  t.pNext = -1
  t.pPrev = cs.pendingTail
  if (cs.pendingTail >= 0) w.tries.items[cs.pendingTail]!.pNext = t.id
  else cs.pendingHead = t.id
  cs.pendingTail = t.id
}

/** Removes an attempt from its cluster state's pending queue. */
export function removePending(w: World, cs: ClusterState, t: TryRec): void {
  if (t.pPrev >= 0) w.tries.items[t.pPrev]!.pNext = t.pNext
  else cs.pendingHead = t.pNext
  if (t.pNext >= 0) w.tries.items[t.pNext]!.pPrev = t.pPrev
  else cs.pendingTail = t.pPrev
  t.pPrev = t.pNext = -1
}
