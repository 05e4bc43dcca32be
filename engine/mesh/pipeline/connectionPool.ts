/**
 * Stage 3 — connection-pool admission (Envoy circuit breakers), through
 * `createResourceManager`.
 *
 * Admission of one attempt: requests at max_requests → overflow. HTTP/1.1 (one request per
 * connection): a free connection (connections < max_connections) → send; otherwise queue
 * as a pending request if pending < max_pending_requests; otherwise overflow. HTTP/2 and
 * gRPC multiplex one connection per host, so only max_requests applies. Overflow is a local
 * 503 (flag UO) that is never retried. When an attempt ends its connection passes to the
 * oldest pending attempt of the cluster.
 * The breaker is "open" while the next request would overflow (Envoy's rq_open / cx_open
 * gauges), reported through the cluster state's hooks.
 * NOTE(model): connections are held only while a request is active (no idle keep-alive
 * pool), connection setup costs no time, and pending requests queue per cluster rather than
 * per host pool. Linkerd has no such limits (`rm` is null: everything is admitted).
 * Complexity: O(1).
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/circuit_breaking
 */
import { createResourceManager } from '../breaker/resourceManager'
import type { ResolvedConnectionPool } from '../../model/profiles'
import type { ClusterState } from './clusterState'

/** Admission outcomes. */
export const ADMIT = { send: 0, pending: 1, overflow: 2 } as const

/** Builds a sidecar's limits for one cluster, or null when the data plane has none. */
export function createLimits(pool: ResolvedConnectionPool | null): ClusterState['rm'] {
  if (!pool) return null
  return createResourceManager({
    maxConnections: pool.maxConnections,
    maxPendingRequests: pool.maxPendingRequests,
    maxRequests: pool.maxRequests,
    maxRetries: pool.maxRetries,
    ...(pool.retryBudget ? { retryBudget: pool.retryBudget } : {}),
  })
}

function syncBreaker(cs: ClusterState): void {
  const rm = cs.rm!
  const open = !rm.requests.canCreate() || (cs.http1 && !rm.connections.canCreate() && !rm.pendingRequests.canCreate())
  if (open !== cs.breakerOpen) {
    cs.breakerOpen = open
    cs.hooks.onBreaker(cs, open)
  }
}

/** Admits one attempt: `ADMIT.send`, `ADMIT.pending` or `ADMIT.overflow`. */
export function admit(cs: ClusterState): number {
  const rm = cs.rm
  if (rm === null) return ADMIT.send
  let result: number = ADMIT.overflow
  if (rm.requests.canCreate()) {
    if (!cs.http1) {
      rm.requests.inc()
      result = ADMIT.send
    } else if (rm.connections.canCreate()) {
      rm.connections.inc()
      rm.requests.inc()
      result = ADMIT.send
    } else if (rm.pendingRequests.canCreate()) {
      rm.pendingRequests.inc()
      result = ADMIT.pending
    }
  }
  syncBreaker(cs)
  return result
}

/** A sent attempt ended: frees its request (and connection). True when a pending attempt may now be sent. */
export function release(cs: ClusterState): boolean {
  const rm = cs.rm
  if (rm === null) return false
  rm.requests.dec()
  if (cs.http1) rm.connections.dec()
  const ready = cs.http1 && rm.pendingRequests.count() > 0 && rm.connections.canCreate() && rm.requests.canCreate()
  syncBreaker(cs)
  return ready
}

/** Moves the oldest pending attempt onto the freed connection (call when `release` said so). */
export function promotePending(cs: ClusterState): void {
  const rm = cs.rm!
  rm.pendingRequests.dec()
  rm.connections.inc()
  rm.requests.inc()
  syncBreaker(cs)
}

/** A pending attempt was abandoned (its request timed out) before getting a connection. */
export function cancelPending(cs: ClusterState): void {
  cs.rm!.pendingRequests.dec()
  syncBreaker(cs)
}

/** May one more retry be scheduled (max_retries or the retry budget)? */
export function canRetry(cs: ClusterState): boolean {
  return cs.rm === null || cs.rm.retries.canCreate()
}

/** Holds one unit of the retries resource (from scheduling until the retried attempt's outcome). */
export function holdRetry(cs: ClusterState): void {
  cs.rm?.retries.inc()
}

/** Releases a held retry. */
export function releaseRetry(cs: ClusterState): void {
  cs.rm?.retries.dec()
}

/** The connection-pool stage. */
export const connectionPoolStage = {
  kind: 'connection_pool',
  label: 'Connection-pool admission',
  createLimits, admit, release, promotePending, cancelPending, canRetry, holdRetry, releaseRetry,
} as const
