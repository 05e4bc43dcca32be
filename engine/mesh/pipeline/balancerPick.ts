/**
 * Stage 4 — balancer pick over the healthy endpoints.
 *
 * Envoy kinds go through `createBalancer` (round_robin, least_request, random, ring_hash,
 * maglev) over the sidecar's live HostState objects; `active` is incremented when an
 * attempt is admitted and decremented when it ends, as Envoy's rq_active gauge.
 * Host-selection retries (Envoy §1.3 with the previous_hosts predicate): on a retry, pick up
 * to `hostSelectionRetryMaxAttempts + 1` times and take the first host not tried before by
 * this request; if every candidate was tried, the last one.
 * Linkerd (p2c_ewma): endpoints whose failure accrual is open are not ready; with n ready,
 * draw a ∈ [0, n) and b ∈ [0, n−1) (b ≥ a → b + 1), take the lower peak-EWMA cost
 * (rtt × (pending + 1)), ties to a; a probation endpoint admits one request.
 * Complexity: the balancer's per pick (O(1) to O(log n)); P2C O(n) for the ready filter.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/load_balancers
 * @see https://github.com/linkerd/linkerd2-proxy/blob/main/linkerd/pool/p2c/src/lib.rs
 */
import { createBalancer } from '../lb/balancer'
import type { BalancerConfig, BalancerKind } from '../lb/balancer'
import { createFailureAccrual } from '../linkerd/failureAccrual'
import { createPeakEwma } from '../linkerd/peakEwma'
import type { ClusterState } from './clusterState'

/** The hosts a request has already tried (for the previous_hosts predicate). */
export interface TriedHosts {
  readonly prevHosts: Int32Array
  prevCount: number
}

/** Builds the balancer (Envoy) or the EWMA trackers and failure accrual (Linkerd). */
export function createPicker(cs: ClusterState): void {
  const lb = cs.policy.loadBalancer
  const n = cs.hosts.length
  if (lb.kind === 'p2c_ewma') {
    const now = cs.nowMs()
    cs.ewma = Array.from({ length: n }, () => createPeakEwma({ defaultRttMs: lb.defaultRtt ?? 30, decayMs: lb.decay ?? 10_000, nowMs: now }))
    const fa = cs.policy.failureAccrual
    if (fa) cs.accrual = Array.from({ length: n }, () => createFailureAccrual(fa, { random: cs.rng.random64 }))
    return
  }
  const config: BalancerConfig = { healthyPanicThreshold: cs.policy.healthyPanicThreshold }
  const slow = cs.policy.slowStart
  if (slow) config.slowStart = { windowMs: slow.windowMs, aggression: slow.aggression, minWeightPercent: slow.minWeightPercent }
  if (lb.kind === 'least_request') {
    if (lb.choiceCount !== undefined) config.choiceCount = lb.choiceCount
    if (lb.activeRequestBias !== undefined) config.activeRequestBias = lb.activeRequestBias
  } else if (lb.kind === 'ring_hash') {
    if (lb.minimumRingSize !== undefined) config.minimumRingSize = lb.minimumRingSize
    if (lb.maximumRingSize !== undefined) config.maximumRingSize = lb.maximumRingSize
    if (lb.hashFunction !== undefined) config.hashFunction = lb.hashFunction
  } else if (lb.kind === 'maglev' && lb.tableSize !== undefined) {
    config.tableSize = lb.tableSize
  }
  cs.balancer = createBalancer(lb.kind as BalancerKind, cs.lbHosts, config, { random: cs.rng.random64, nowMs: cs.nowMs })
}

function wasTried(tried: TriedHosts, member: number): boolean {
  const n = tried.prevCount < tried.prevHosts.length ? tried.prevCount : tried.prevHosts.length
  for (let i = 0; i < n; i++) if (tried.prevHosts[i] === member) return true
  return false
}

function pickEnvoy(cs: ClusterState, hash: bigint | undefined, tried: TriedHosts, selectionRetries: number): number {
  const balancer = cs.balancer!
  let member = -1
  for (let attempt = 0; attempt <= selectionRetries; attempt++) {
    const index = hash === undefined ? balancer.pick() : balancer.pick(hash, attempt)
    if (index === undefined) return -1
    member = cs.lbToMember[index]!
    if (tried.prevCount === 0 || !wasTried(tried, member)) return member
  }
  return member
}

function pickP2c(cs: ClusterState): number {
  const now = cs.nowMs()
  const accrual = cs.accrual
  const ready = cs.scratch
  let n = 0
  for (let i = 0; i < cs.lbHosts.length; i++) {
    const m = cs.lbToMember[i]!
    if (accrual !== null && accrual[m]!.state(now) === 'open') continue
    ready[n++] = m
  }
  if (n === 0) return -1
  let first = ready[0]!
  let second = -1
  if (n > 1) {
    const a = cs.rng.below(n)
    let b = cs.rng.below(n - 1)
    if (b >= a) b++
    first = ready[a]!
    second = ready[b]!
    const ewma = cs.ewma!
    if (ewma[second]!.load(now) < ewma[first]!.load(now)) [first, second] = [second, first]
  }
  if (accrual === null || accrual[first]!.admit(now)) return first
  return second >= 0 && accrual[second]!.admit(now) ? second : -1
}

/**
 * Picks a member for one attempt, or -1 when no endpoint may be chosen (no healthy
 * upstream). `selectionRetries` > 0 with previously tried hosts applies previous_hosts.
 */
export function pickMember(cs: ClusterState, hash: bigint | undefined, tried: TriedHosts, selectionRetries: number): number {
  cs.flushHealth()
  if (cs.ewma !== null) return pickP2c(cs)
  if (cs.lbHosts.length === 0) return -1
  return pickEnvoy(cs, hash, tried, tried.prevCount > 0 ? selectionRetries : 0)
}

/**
 * Has the cluster an endpoint a request could be sent to now? Linkerd: one whose failure
 * accrual is not shut (the backend's readiness for RandomAvailable); Envoy: any endpoint.
 */
export function hasReadyEndpoint(cs: ClusterState): boolean {
  cs.flushHealth()
  const accrual = cs.accrual
  if (accrual === null) return cs.lbHosts.length > 0
  const now = cs.nowMs()
  for (let i = 0; i < cs.lbHosts.length; i++) if (accrual[cs.lbToMember[i]!]!.state(now) !== 'open') return true
  return false
}

/** An attempt was admitted to `member`: active + 1 (and the EWMA's pending + 1). */
export function startOnHost(cs: ClusterState, member: number): void {
  cs.hosts[member]!.active++
  cs.ewma?.[member]!.begin()
}

/** An attempt on `member` sent at `sentMs` ended at `doneMs`. */
export function endOnHost(cs: ClusterState, member: number, sentMs: number, doneMs: number): void {
  cs.hosts[member]!.active--
  cs.ewma?.[member]!.complete(sentMs, doneMs)
}

/** The balancer-pick stage. */
export const balancerPickStage = {
  kind: 'balancer_pick',
  label: 'Balancer pick',
  createPicker, pickMember, hasReadyEndpoint, startOnHost, endOnHost,
} as const
