/**
 * One client sidecar's view of one upstream cluster (a service, or a version subset):
 * the live host states, the balancer, the circuit-breaker limits, the outlier detector,
 * Linkerd's per-endpoint EWMA and failure accrual, and the queue of requests waiting for
 * a connection. Every sidecar has its own, as every Envoy has its own cluster manager:
 * limits, least-request counts and ejections are per client proxy, not global.
 *
 * Members are fixed (every replica of the cluster's versions); the balancer sees only the
 * members currently in the endpoint set (EDS), rebuilt on each membership change.
 * Panic: after every host update the state recomputes, with `computePriorityLoad` (the
 * function the balancers use), whether its single priority level is in panic — fewer healthy
 * hosts than the panic threshold, so Envoy balances over every host, ejected ones included —
 * and reports changes through its hooks (evidence for envoy#2671; Linkerd has no panic mode).
 */
import type { Rng } from '../../kernel/rng'
import type { ResolvedClusterPolicy } from '../../model/profiles'
import type { Balancer, HostState } from '../lb/balancer'
import { computePriorityLoad } from '../lb/priorityLoad'
import type { ResourceManager } from '../breaker/resourceManager'
import type { InspectableFailureAccrual } from '../linkerd/failureAccrual'
import type { InspectablePeakEwma } from '../linkerd/peakEwma'
import type { InspectableRetryBudget } from '../linkerd/tpsBudget'
import type { InspectableOutlierDetector } from '../outlier/outlierTypes'

/** Callbacks through which a cluster state reports breaker and ejection changes. */
export interface ClusterStateHooks {
  onBreaker(cs: ClusterState, open: boolean): void
  onEjection(cs: ClusterState, member: number, ejected: boolean): void
  onPanic(cs: ClusterState, panic: boolean): void
}

/** One upstream endpoint as the engine describes it to a cluster state. */
export interface MemberSpec {
  /** The engine's replica id. */
  readonly replica: number
  /** Address used by hash policies ("name:port"). */
  readonly key: string
  readonly zone: string
  readonly inEds: boolean
}

/** A client sidecar's state for one upstream cluster. */
export class ClusterState {
  /** Live host state per member (index = member). */
  readonly hosts: HostState[]
  readonly memberReplica: Int32Array
  readonly inEds: Uint8Array
  /** Hosts the balancer currently sees, and the member behind each. */
  lbHosts: HostState[] = []
  readonly lbToMember: Int32Array
  balancer: Balancer | null = null
  ewma: InspectablePeakEwma[] | null = null
  accrual: InspectableFailureAccrual[] | null = null
  rm: ResourceManager | null = null
  outlier: InspectableOutlierDetector | null = null
  tps: InspectableRetryBudget | null = null
  /** HTTP/1.1: one request per connection, so max_connections caps concurrency. */
  readonly http1: boolean
  /** Intrusive FIFO of attempts waiting for a connection (attempt ids). */
  pendingHead = -1
  pendingTail = -1
  breakerOpen = false
  /** The balancer is in panic routing (Envoy only); `panicUs` accumulates closed panic time. */
  inPanic = false
  panicSinceUs = 0
  panicUs = 0
  /** Set when a host's health flag changed; the balancer is rebuilt once per event. */
  healthDirty = false
  /** Scratch list for Linkerd's ready-endpoint filter. */
  readonly scratch: Int32Array
  /** Current simulated time in ms, for the algorithm modules' clocks. */
  readonly nowMs: () => number

  constructor(
    readonly id: number,
    readonly cluster: number,
    readonly sidecar: number,
    readonly name: string,
    members: readonly MemberSpec[],
    readonly policy: ResolvedClusterPolicy,
    http1: boolean,
    readonly rng: Rng,
    nowUs: () => number,
    readonly hooks: ClusterStateHooks,
  ) {
    this.hosts = members.map((m) => ({ key: m.key, weight: 1, healthy: true, active: 0, pending: 0, locality: m.zone }))
    this.memberReplica = Int32Array.from(members, (m) => m.replica)
    this.inEds = Uint8Array.from(members, (m) => (m.inEds ? 1 : 0))
    this.lbToMember = new Int32Array(members.length)
    this.scratch = new Int32Array(members.length)
    this.http1 = http1
    this.nowMs = () => nowUs() / 1000
    this.collectLbHosts()
  }

  /** Recomputes the balancer's host list from the EDS flags; returns it. */
  collectLbHosts(): HostState[] {
    const list: HostState[] = []
    for (let m = 0; m < this.hosts.length; m++) {
      if (this.inEds[m] === 0) continue
      this.lbToMember[list.length] = m
      list.push(this.hosts[m]!)
    }
    this.lbHosts = list
    return list
  }

  /** A membership change (EDS add / remove): the balancer rebuilds its schedulers. */
  setInEds(member: number, inEds: boolean, nowMs: number): void {
    this.inEds[member] = inEds ? 1 : 0
    if (inEds) this.hosts[member]!.lastHealthCheckPassMs = nowMs
    this.collectLbHosts()
    this.balancer?.setHosts(this.lbHosts)
    this.syncPanic()
  }

  /** Applies pending health-flag changes (Envoy applies them on the next host update). */
  flushHealth(): void {
    if (!this.healthDirty) return
    this.healthDirty = false
    this.balancer?.setHosts(this.lbHosts)
    this.syncPanic()
  }

  /** Recomputes the panic flag after a host update. */
  private syncPanic(): void {
    if (this.balancer === null) return
    const hosts = this.lbHosts
    let healthy = 0
    for (let i = 0; i < hosts.length; i++) if (hosts[i]!.healthy) healthy++
    const panic = hosts.length > 0 && healthy < hosts.length &&
      computePriorityLoad([{ hosts: hosts.length, healthy, degraded: 0, excluded: 0 }], { healthyPanicThreshold: this.policy.healthyPanicThreshold }).panic[0] === true
    if (panic === this.inPanic) return
    const nowUs = Math.round(this.nowMs() * 1000)
    this.inPanic = panic
    if (panic) this.panicSinceUs = nowUs
    else this.panicUs += nowUs - this.panicSinceUs
    this.hooks.onPanic(this, panic)
  }
}
