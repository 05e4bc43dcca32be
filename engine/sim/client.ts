/**
 * The client side of a request: what the caller's sidecar does with it, stage by stage.
 *
 * start → fault filter (delay, then abort) → route timeout armed → weighted split →
 * attempt: balancer pick → connection-pool admission (send, wait for a connection, or
 * overflow) → send with the per-try timer → response / reset / timeout → outlier
 * bookkeeping → retry decision (back-off, then a new attempt) or finish. Finishing
 * records the edge's metrics and hands the result to the caller's job (or the source).
 */
import { ADMIT } from '../mesh/pipeline/connectionPool'
import { stages } from '../mesh/pipeline/index'
import { RETRY } from '../mesh/pipeline/retryDecision'
import { REASON } from '../mesh/pipeline/types'
import { FATE, FATES } from '../metrics/fates'
import { closeSpan, openSpan } from '../metrics/traces'
import type { Span } from '../metrics/traces'
import { clusterState, pushPending, removePending } from './clusters'
import { EV } from './events'
import { CALL, TRY } from './records'
import type { CallRec, TryRec } from './records'
import { onChildDone } from './server'
import { onRootDone } from './sources'
import type { CallSite, World } from './world'

const { connection_pool: pool, balancer_pick: lb, per_try_timeout: perTry, retry_decision: retry } = stages
const { outlier_bookkeeping: outlier, fault_injection: fault, weighted_split: split } = stages

/** Starts a request from a sidecar (of a replica's job `parent`, or of traffic source `source`). */
export function startCall(
  w: World, site: CallSite, sidecar: number, callerZone: number,
  parent: number, parentGen: number, source: number, user: number, span: Span | null,
): void {
  const now = w.sim.now
  const c = w.calls.alloc()
  c.phase = CALL.routing
  c.parent = parent
  c.parentGen = parentGen
  c.source = source
  c.user = user
  c.site = site
  c.sidecar = sidecar
  c.callerZone = callerZone
  c.rule = site.rule
  c.cs = null
  c.startUs = now
  c.attempts = 0
  c.retryHeld = false
  c.tryId = -1
  c.prevCount = 0
  c.shadow = false
  c.counted = now >= w.warmUs
  c.span = span
  const edge = w.edges[site.edge]!.stats
  edge.secRequests++
  if (c.counted) edge.requests++
  const rule = site.rule
  if (rule === null) return finishCall(w, c, 404, FATE.no_route)
  c.retriesLeft = rule.retry === null ? 0 : rule.retry.attempts
  if (site.faultOk) {
    const delayUs = fault.sampleDelayUs(rule.fault!, rule.rng)
    if (delayUs > 0) {
      c.phase = CALL.delayed
      w.sim.schedule(now + delayUs, EV.callResume, c.id, c.gen)
      return
    }
  }
  route(w, c)
}

/** After the fault filter: abort, route timeout, split, mirror, first attempt. */
function route(w: World, c: CallRec): void {
  const rule = c.rule!
  if (c.site!.faultOk) {
    const status = fault.sampleAbort(rule.fault!, rule.rng)
    if (status !== 0) return finishCall(w, c, status, FATE.fault_abort)
  }
  if (rule.timeoutUs > 0) w.timers[rule.routeTimer]!.add(w, c.id, c.gen)
  const cluster = w.cfg.mesh === 'linkerd'
    ? split.pickAvailableCluster(rule, rule.rng, (id) => lb.hasReadyEndpoint(clusterState(w, c.sidecar, id)))
    : split.pickCluster(rule, rule.rng)
  // NOTE(model): a split whose weights are all 0 answers 503 like an empty cluster.
  if (cluster < 0) return finishCall(w, c, 503, FATE.no_healthy_upstream)
  c.cs = clusterState(w, c.sidecar, cluster)
  if (rule.mirrorCluster >= 0 && rule.rng.chance(rule.mirrorPercent)) startShadow(w, c, rule.mirrorCluster)
  sendAttempt(w, c)
}

/** A mirrored copy: fire and forget, no retries, response ignored, not counted on the edge. */
function startShadow(w: World, from: CallRec, cluster: number): void {
  const c = w.calls.alloc()
  c.phase = CALL.routing
  c.parent = -1
  c.source = -1
  c.user = -1
  c.site = from.site
  c.sidecar = from.sidecar
  c.callerZone = from.callerZone
  c.rule = null
  c.startUs = w.sim.now
  c.attempts = 0
  c.retriesLeft = 0
  c.retryHeld = false
  c.tryId = -1
  c.prevCount = 0
  c.shadow = true
  c.counted = false
  c.span = null
  c.cs = clusterState(w, from.sidecar, cluster)
  sendAttempt(w, c)
}

function sendAttempt(w: World, c: CallRec): void {
  const cs = c.cs!
  const site = c.site!
  c.attempts++
  if (!c.shadow) {
    const edge = w.edges[site.edge]!.stats
    edge.secAttempts++
    if (c.attempts > 1) edge.secRetries++
    if (c.counted) {
      edge.attempts++
      if (c.attempts > 1) edge.retries++
    }
  }
  const rt = c.rule === null ? null : c.rule.retry
  const member = lb.pickMember(cs, site.hash, c, rt !== null && rt.previousHosts ? rt.hostSelectionRetryMaxAttempts : 0)
  if (member < 0) return attemptFailed(w, c, REASON.overflow, 503, FATE.no_healthy_upstream)
  c.prevHosts[c.prevCount & 3] = member
  c.prevCount++
  const admitted = pool.admit(cs)
  if (admitted === ADMIT.overflow) return attemptFailed(w, c, REASON.overflow, 503, FATE.overflow)
  const t = w.tries.alloc()
  t.call = c.id
  t.callGen = c.gen
  t.cs = cs
  t.member = member
  t.replica = cs.memberReplica[member]!
  t.callerZone = c.callerZone
  t.clientActive = false
  t.clientDone = false
  t.denied = site.denied
  t.hasWorker = false
  t.inSystem = false
  t.fate = FATE.success
  t.span = c.span === null ? null : openSpan(c.span, 'attempt', w.replicas[t.replica]!.name, w.sim.now)
  t.serverSpan = null
  c.tryId = t.id
  c.phase = CALL.inTry
  if (admitted === ADMIT.pending) {
    t.phase = TRY.pending
    pushPending(w, cs, t)
    return
  }
  dispatch(w, t)
}

/** Sends an admitted attempt over the network (or fails to connect). */
function dispatch(w: World, t: TryRec): void {
  const now = w.sim.now
  const cs = t.cs!
  t.phase = TRY.inFlight
  t.sentUs = now
  t.clientActive = true
  lb.startOnHost(cs, t.member)
  const c = w.calls.items[t.call]!
  const rule = c.rule
  if (rule !== null && rule.perTryTimer >= 0 && perTry.armsPerTryTimer(rule.retry, c.retriesLeft)) w.timers[rule.perTryTimer]!.add(w, t.id, t.gen)
  const r = w.replicas[t.replica]!
  const z = t.callerZone * w.zoneCount + r.zone
  if (!r.up || w.partitioned[z]! > 0) {
    // Refused at once by a dead pod; a partition drops the SYN until the connect timeout.
    t.reason = REASON.connect_failure
    t.status = 503
    t.phase = TRY.responding
    const delay = r.up ? Math.round(cs.policy.connectTimeoutMs * 1000) : 2 * w.netUs[z]!
    w.sim.schedule(now + delay, EV.tryResponse, t.id, t.gen)
    return
  }
  w.sim.schedule(now + w.hopUs[z]!, EV.tryArrive, t.id, t.gen)
}

/** Releases what an attempt holds in the client sidecar and records its outcome. */
function releaseClient(w: World, t: TryRec, reason: number, status: number): void {
  const cs = t.cs!
  if (t.phase === TRY.pending) {
    removePending(w, cs, t)
    pool.cancelPending(cs)
    return
  }
  if (!t.clientActive) return
  t.clientActive = false
  const nowMs = w.sim.now / 1000
  lb.endOnHost(cs, t.member, t.sentUs / 1000, nowMs)
  outlier.recordOutcome(cs, t.member, reason, status, nowMs)
  if (pool.release(cs) && cs.pendingHead >= 0) {
    const next = w.tries.items[cs.pendingHead]!
    removePending(w, cs, next)
    pool.promotePending(cs)
    dispatch(w, next)
  }
}

/** The response (or local failure) of an attempt reaches the client sidecar. */
export function onTryResponse(w: World, t: TryRec): void {
  const reason = t.reason
  const status = t.status
  releaseClient(w, t, reason, status)
  const c = w.calls.items[t.call]!
  const current = !t.clientDone && c.gen === t.callGen && c.tryId === t.id
  if (t.span !== null && current) closeSpan(t.span, w.sim.now, status)
  const serverFate = t.fate
  t.phase = TRY.free
  w.tries.release(t)
  if (!current) return
  c.tryId = -1
  if (reason === REASON.response && status < 400) {
    retry.recordSuccess(c.rule === null ? null : c.rule.retry, c.cs!, w.sim.now / 1000)
    return finishCall(w, c, status, c.attempts > 1 ? FATE.success_after_retry : FATE.success)
  }
  attemptFailed(w, c, reason, status, failureFate(reason, serverFate))
}

function failureFate(reason: number, serverFate: number): number {
  switch (reason) {
    case REASON.reset: return FATE.reset
    case REASON.connect_failure: return FATE.connect_failure
    case REASON.per_try_timeout: return FATE.per_try_timeout
    case REASON.overflow: return FATE.overflow
    default: return serverFate === FATE.success ? FATE.error : serverFate
  }
}

/** The per-try timer fired while the attempt was still outstanding. */
export function onPerTryTimeout(w: World, t: TryRec): void {
  if (t.clientDone || t.phase === TRY.free || t.phase === TRY.pending) return
  const c = w.calls.items[t.call]!
  if (c.gen !== t.callGen || c.tryId !== t.id) return
  releaseClient(w, t, REASON.per_try_timeout, perTry.status)
  t.clientDone = true
  if (t.span !== null) closeSpan(t.span, w.sim.now, perTry.status, 'per_try_timeout')
  c.tryId = -1
  attemptFailed(w, c, REASON.per_try_timeout, perTry.status, FATE.per_try_timeout)
}

/** The route timeout fired: the request ends with 504, whatever it was doing. */
export function onCallTimeout(w: World, c: CallRec): void {
  if (c.phase === CALL.done) return
  if (c.phase === CALL.inTry && c.tryId >= 0) {
    const t = w.tries.items[c.tryId]!
    const pending = t.phase === TRY.pending
    releaseClient(w, t, REASON.per_try_timeout, 504)
    if (t.span !== null) closeSpan(t.span, w.sim.now, 504, 'timeout')
    t.clientDone = true
    if (pending) {
      t.phase = TRY.free
      w.tries.release(t)
    }
    c.tryId = -1
  }
  finishCall(w, c, 504, FATE.timeout)
}

/** A fault delay or a retry back-off has elapsed. */
export function onCallResume(w: World, c: CallRec): void {
  if (c.phase === CALL.delayed) route(w, c)
  else if (c.phase === CALL.backoff) sendAttempt(w, c)
}

function attemptFailed(w: World, c: CallRec, reason: number, status: number, fate: number): void {
  const cs = c.cs!
  if (c.retryHeld) {
    pool.releaseRetry(cs)
    c.retryHeld = false
  }
  const rule = c.rule
  if (c.shadow || rule === null) return finishCall(w, c, status, fate)
  const grpc = w.services[c.site!.service]!.grpc
  const decision = retry.decideRetry(rule.retry, cs, c, reason, status, grpc, w.sim.now / 1000)
  if (decision !== RETRY.retry) return finishCall(w, c, status, decision === RETRY.budget_exhausted ? FATE.budget_exhausted : fate)
  if (c.backoff === null) c.backoff = retry.acquireBackOff(rule, rule.rng.random64)
  const delayUs = c.backoff === null ? 0 : c.backoff.nextMs() * 1000
  c.phase = CALL.backoff
  w.sim.schedule(w.sim.now + delayUs, EV.callResume, c.id, c.gen)
}

/** Ends a request: edge metrics, then the caller's job (or the source) hears of it. */
function finishCall(w: World, c: CallRec, status: number, fate: number): void {
  const now = w.sim.now
  if (c.retryHeld) {
    pool.releaseRetry(c.cs!)
    c.retryHeld = false
  }
  c.phase = CALL.done
  if (!c.shadow) {
    const site = c.site!
    const edge = w.edges[site.edge]!.stats
    const ok = status < 400
    if (!ok) edge.secFailed++
    edge.secCompleted++
    edge.window.record(now - c.startUs)
    if (c.counted) {
      if (ok) edge.succeeded++
      else edge.failed++
      edge.fates[fate]!++
      edge.latency.record(now - c.startUs)
    }
    if (c.span !== null) closeSpan(c.span, now, status, FATES[fate])
    if (c.parent >= 0) {
      onChildDone(w, c.parent, c.parentGen, ok, status, fate, site.required)
    } else if (c.source >= 0) {
      if (c.counted) {
        w.rec.rootFates[fate]!++
        w.rec.rootRequests++
      }
      if (c.span !== null) w.traces.finish(w.sources[c.source]!.name, c.span, FATES[fate]!)
      onRootDone(w, c)
    }
  }
  if (c.backoff !== null) {
    c.rule!.backoffPool.push(c.backoff)
    c.backoff = null
  }
  c.span = null
  w.calls.release(c)
}
