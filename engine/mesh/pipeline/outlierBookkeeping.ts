/**
 * Stage 7 — outlier-detection bookkeeping: every attempt outcome is fed to the sidecar's
 * detector for that cluster (`createOutlierDetector`, Envoy's consecutive 5xx / gateway
 * failure, success rate and failure percentage) or to Linkerd's per-endpoint failure
 * accrual (`createFailureAccrual`). An ejection clears the host's `healthy` flag, which the
 * balancer applies at its next host update (before the next pick), as Envoy's
 * FAILED_OUTLIER_CHECK flag does; the interval timer runs the detector's `tick`.
 * Mapping of local outcomes (Envoy without split local-origin errors): reset and connect
 * failure → 'reset' / 'connect_failure' (503), per-try or route timeout → 'timeout' (504);
 * circuit-breaker overflow is not recorded (no upstream was involved).
 * Linkerd classifies a response as a failure when it is a 5xx or a local error.
 * Complexity: O(1) per outcome; O(hosts) per tick.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/outlier
 * @see https://linkerd.io/2/reference/circuit-breaking/
 */
import { createOutlierDetector } from '../outlier/outlierDetector'
import type { ClusterState } from './clusterState'
import { REASON } from './types'

/** Builds the sidecar's outlier detector for a cluster when its policy has one. */
export function createDetector(cs: ClusterState): void {
  const cfg = cs.policy.outlierDetection
  if (cfg === null) return
  const setHealth = (host: number, healthy: boolean): void => {
    const state = cs.hosts[host]!
    if (state.healthy === healthy) return
    state.healthy = healthy
    cs.healthDirty = true
    cs.hooks.onEjection(cs, host, !healthy)
  }
  cs.outlier = createOutlierDetector(cs.hosts.length, cfg, {
    random: cs.rng.random64,
    onEject: (host) => setHealth(host, false),
    onUneject: (host) => setHealth(host, true),
  })
}

/** Records one attempt outcome for `member` (see the header for the mapping). */
export function recordOutcome(cs: ClusterState, member: number, reason: number, status: number, nowMs: number): void {
  if (reason === REASON.overflow) return
  const od = cs.outlier
  if (od !== null) {
    if (reason === REASON.response) od.record(member, status, nowMs)
    else if (reason === REASON.reset) od.record(member, 'reset', nowMs)
    else if (reason === REASON.connect_failure) od.record(member, 'connect_failure', nowMs)
    else od.record(member, 'timeout', nowMs)
  }
  const accrual = cs.accrual
  if (accrual !== null) accrual[member]!.record(reason === REASON.response && status < 500, nowMs)
}

/** Records a route (global) timeout of an attempt still in flight on `member`. */
export function recordTimeout(cs: ClusterState, member: number, nowMs: number): void {
  recordOutcome(cs, member, REASON.per_try_timeout, 504, nowMs)
}

/** Runs the detector's interval timer. */
export function tickDetector(cs: ClusterState, nowMs: number): void {
  cs.outlier?.tick(nowMs)
}

/** The outlier-bookkeeping stage. */
export const outlierBookkeepingStage = {
  kind: 'outlier_bookkeeping',
  label: 'Outlier detection',
  createDetector, recordOutcome, recordTimeout, tickDetector,
} as const
