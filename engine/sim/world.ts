/**
 * The runtime topology of one run: services, versions, replicas, sidecars, clusters, call
 * sites, edges and traffic sources, compiled from the resolved scenario into plain arrays
 * indexed by integer ids (events carry ids, never objects).
 */
import type { Rng } from '../kernel/rng'
import type { Simulation } from '../kernel/simulation'
import type { ClusterState } from '../mesh/pipeline/clusterState'
import type { RuleRt } from '../mesh/pipeline/types'
import type { ResolvedClusterPolicy } from '../model/profiles'
import type { ResolvedScenario } from '../model/resolve'
import type { EdgeStats, ServiceStats } from '../metrics/stats'
import type { TraceSampler } from '../metrics/traces'
import type { ArrivalProcess } from '../traffic/arrivals'
import type { DurationSampler } from '../traffic/distributions'
import type { CallRec, Pool, TryRec } from './records'
import type { SloTracker } from './slo'
import type { TimerQueue } from './timers'
import type { Recorder } from '../metrics/recorder'

/** A static request class: who sends what to which service, and what the mesh does with it. */
export interface CallSite {
  readonly edge: number
  readonly service: number
  /** The route rule that matched, or null (404). */
  readonly rule: RuleRt | null
  /** The rule's fault applies (its header conditions match). */
  readonly faultOk: boolean
  /** Authorization denies the caller (the upstream sidecar answers 403). */
  readonly denied: boolean
  /** Request hash for ring_hash / maglev, when its hash policy finds a value. */
  readonly hash: bigint | undefined
  readonly probability: number
  readonly required: boolean
}

/** A service. */
export interface ServiceRt {
  readonly id: number
  readonly name: string
  readonly grpc: boolean
  readonly versions: number[]
  readonly rules: RuleRt[]
  readonly allCluster: number
  readonly stats: ServiceStats
  /** SLO trackers on this service. */
  readonly slos: SloTracker[]
}

/** A version (Deployment) of a service. */
export interface VersionRt {
  readonly id: number
  readonly service: number
  readonly name: string
  readonly replicas: number[]
  readonly sampler: DurationSampler
  readonly errorRate: number
  readonly errorStatus: number
  /** Downstream call groups, run in order; the calls of a group run in parallel. */
  readonly groups: CallSite[][]
  readonly rng: Rng
  readonly cluster: number
  /** Rollout gate counters, when a rollout watches this version. */
  gate: { requests: number; failed: number; slow: number; thresholdUs: number } | null
}

/** A replica (pod). */
export interface ReplicaRt {
  readonly id: number
  readonly version: number
  readonly service: number
  readonly name: string
  readonly zone: number
  readonly sidecar: number
  readonly concurrency: number
  readonly queueCap: number
  /** Cluster memberships: cluster id and member index, for endpoint updates. */
  readonly memberships: { readonly cluster: number; readonly member: number }[]
  up: boolean
  inEds: boolean
  busy: number
  queueHead: number
  queueTail: number
  queueLen: number
  /** Intrusive list of the attempts this replica holds (queued or in progress). */
  activeHead: number
  slowFactor: number
  addLatencyUs: number
  burstRate: number
  burstStatus: number
}

/** A client sidecar: one per replica, one per traffic source (an ingress gateway or client). */
export interface SidecarRt {
  readonly id: number
  readonly name: string
  readonly zone: number
  readonly states: Map<number, ClusterState>
}

/** An upstream cluster: a whole service or one version subset. */
export interface ClusterDef {
  readonly id: number
  readonly service: number
  readonly name: string
  readonly members: number[]
  readonly policy: ResolvedClusterPolicy
  readonly http1: boolean
  readonly states: ClusterState[]
}

/** A call edge (caller name → service), for metrics. */
export interface EdgeRt {
  readonly id: number
  readonly from: string
  readonly to: number
  readonly stats: EdgeStats
}

/** A traffic source. */
export interface SourceRt {
  readonly id: number
  readonly name: string
  readonly sidecar: number
  readonly sites: CallSite[]
  readonly mixCumulative: Float64Array
  readonly mixTotal: number
  readonly rng: Rng
  readonly arrival: ArrivalProcess | null
  readonly users: number
  readonly thinkUs: number
  readonly startUs: number
  readonly stopUs: number
}

/** Everything a running simulation holds. */
export interface World {
  readonly sim: Simulation
  readonly cfg: ResolvedScenario
  readonly warmUs: number
  readonly endUs: number
  readonly services: ServiceRt[]
  readonly versions: VersionRt[]
  readonly replicas: ReplicaRt[]
  readonly sidecars: SidecarRt[]
  readonly clusters: ClusterDef[]
  readonly clusterStates: ClusterState[]
  readonly edges: EdgeRt[]
  readonly sources: SourceRt[]
  readonly zoneCount: number
  /** Zone index by name (the last index, zoneCount − 1, is "outside every zone"). */
  readonly zoneIndex: ReadonlyMap<string, number>
  /** One-way latency between zones including both proxies, µs; index a × zoneCount + b. */
  readonly hopUs: Float64Array
  /** One-way network latency without proxies, µs. */
  readonly netUs: Float64Array
  /** Active partitions per zone pair. */
  readonly partitioned: Int32Array
  readonly calls: Pool<CallRec>
  readonly tries: Pool<TryRec>
  readonly rules: RuleRt[]
  readonly timers: TimerQueue[]
  readonly rec: Recorder
  readonly traces: TraceSampler
}
