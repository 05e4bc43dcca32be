/**
 * Resolution: a `Scenario` (what the file says, no defaults) → the effective configuration
 * the simulator runs (every default of the scenario model and of the mesh profile applied).
 *
 * Model defaults: seed 1, replicas 1, concurrency 16, queue 128, service time exponential
 * with mean 10 ms, error rate 0 %, error status 500, zones = the scenario's zones (else one
 * zone "default"), network 0.2 ms same zone / 1 ms cross zone / 0.1 ms per proxy, call
 * probability 100 %, required true, path "/". A service without a route gets one implicit
 * rule sending everything to the whole service (all versions, like a Kubernetes Service).
 * Mesh defaults come from `profiles.ts`.
 * Retries: a rule without `retries` gets the profile's default policy. The previous_hosts
 * predicate is left out when the destination hashes requests (ring_hash / maglev with a hash
 * key), as the exporters write it: Istio drops it from its default policy for a route with a
 * single consistent-hash destination (and keeps an explicit `retryIgnorePreviousHosts`),
 * the Envoy export never writes it with a hash policy. Linkerd: a service whose destination
 * has a `retryBudget` is exported as a ServiceProfile (budget-limited retries, no per-try
 * timeout), any other as an HTTPRoute (retries limited by `attempts`).
 * Fault injection: the VirtualService reference says retries and timeouts are not enabled on
 * a rule with client-side faults, but istiod (`route.go` translateRoute) emits both next to
 * the fault filter config, and Envoy applies both; so do we.
 * NOTE(model): mTLS modes and request sizes are kept in the model but cost nothing in the
 * simulation.
 */
import { getMeshProfile, resolveClusterPolicy } from './profiles'
import type { MeshProfileDefaults, ResolvedClusterPolicy, ResolvedRetryPolicy, RetryCondition, RetryMode } from './profiles'
import type {
  Call, Destination, FaultEvent, MeshProfile, Rollout, RouteRule, Scenario, ServiceTime, Slo, TrafficSource,
} from './types'

/** Model defaults applied when the scenario leaves a field unset. */
export const MODEL_DEFAULTS = {
  seed: 1, replicas: 1, concurrency: 16, queue: 128, errorRate: 0, errorStatus: 500,
  serviceTime: { kind: 'exponential', mean: 10 } as ServiceTime,
  sameZoneMs: 0.2, crossZoneMs: 1, sidecarMs: 0.1, zone: 'default',
} as const

/** A downstream call with defaults applied. */
export interface ResolvedCall {
  readonly to: string
  readonly probability: number
  /** Calls sharing a group name run concurrently; undefined = a group of its own. */
  readonly parallel?: string
  readonly required: boolean
  readonly path: string
  readonly method: string
  readonly headers: Readonly<Record<string, string>>
}

/** A version (subset) with defaults applied. */
export interface ResolvedVersion {
  readonly name: string
  readonly replicas: number
  readonly concurrency: number
  readonly queue: number
  readonly serviceTime: ServiceTime
  readonly errorRate: number
  readonly errorStatus: number
  /** Zone of each replica (replica i is in zones[i mod zones.length]). */
  readonly zones: readonly string[]
  readonly calls: readonly ResolvedCall[]
}

/** A service with defaults applied. */
export interface ResolvedService {
  readonly name: string
  readonly protocol: 'http' | 'http2' | 'grpc' | 'tcp'
  readonly versions: readonly ResolvedVersion[]
}

/** A route rule with the profile's timeout and retry defaults applied. */
export interface ResolvedRule {
  readonly name: string
  readonly match: RouteRule['match']
  /** version undefined = the whole service (the implicit rule). */
  readonly split: readonly { readonly version?: string; readonly weight: number }[]
  readonly timeoutMs: number
  readonly retries: ResolvedRetryPolicy | null
  readonly fault: RouteRule['fault']
  readonly mirror: { readonly version: string; readonly percent: number } | undefined
}

/** A traffic source with defaults applied. */
export interface ResolvedSource {
  readonly name: string
  readonly to: string
  readonly from: string
  /** null: outside every zone (same-zone latency to all, never partitioned). */
  readonly zone: string | null
  readonly load: TrafficSource['load']
  readonly mix: readonly { readonly path: string; readonly method: string; readonly headers: Readonly<Record<string, string>>; readonly weight: number }[]
  readonly startMs: number
  readonly stopMs: number
}

/** The effective scenario the engine simulates. */
export interface ResolvedScenario {
  readonly name: string
  readonly mesh: MeshProfile
  readonly profile: MeshProfileDefaults
  readonly seed: number
  readonly durationMs: number
  readonly warmupMs: number
  readonly zones: readonly string[]
  readonly network: { readonly sameZoneMs: number; readonly crossZoneMs: number; readonly sidecarMs: number }
  readonly services: readonly ResolvedService[]
  readonly sources: readonly ResolvedSource[]
  /** Rules per service name (every service has at least the implicit rule). */
  readonly routes: Readonly<Record<string, readonly ResolvedRule[]>>
  /** Cluster policy per service: `all` for the whole service, `versions[name]` per subset. */
  readonly clusters: Readonly<Record<string, { readonly all: ResolvedClusterPolicy; readonly versions: Readonly<Record<string, ResolvedClusterPolicy>> }>>
  readonly authorization: NonNullable<NonNullable<Scenario['security']>['authorization']>
  readonly faults: readonly FaultEvent[]
  readonly rollouts: readonly Rollout[]
  readonly slos: readonly Slo[]
}

/** Options of `resolveScenario`: run-time overrides of the file's seed and duration. */
export interface ResolveOptions {
  readonly seed?: number
  readonly durationMs?: number
}

/**
 * Applies every model and mesh-profile default.
 * @example resolveScenario(parseScenario(text).scenario!).routes['reviews'][0].retries
 */
export function resolveScenario(s: Scenario, opts: ResolveOptions = {}): ResolvedScenario {
  const profile = getMeshProfile(s.mesh)
  const durationMs = opts.durationMs ?? s.duration
  const zones = s.zones && s.zones.length > 0 ? s.zones : [MODEL_DEFAULTS.zone]
  const services = s.services.map((svc): ResolvedService => ({
    name: svc.name,
    protocol: svc.protocol ?? 'http',
    versions: svc.versions.map((v) => ({
      name: v.name,
      replicas: v.replicas ?? MODEL_DEFAULTS.replicas,
      concurrency: v.concurrency ?? MODEL_DEFAULTS.concurrency,
      queue: v.queue ?? MODEL_DEFAULTS.queue,
      serviceTime: v.serviceTime ?? MODEL_DEFAULTS.serviceTime,
      errorRate: v.errorRate ?? MODEL_DEFAULTS.errorRate,
      errorStatus: v.errorStatus ?? MODEL_DEFAULTS.errorStatus,
      zones: v.zones && v.zones.length > 0 ? v.zones : zones,
      calls: (v.calls ?? svc.calls ?? []).map(resolveCall),
    })),
  }))
  const routes: Record<string, readonly ResolvedRule[]> = {}
  const clusters: Record<string, ResolvedScenario['clusters'][string]> = {}
  for (const svc of s.services) {
    const route = s.routes?.find((r) => r.service === svc.name)
    const dest = s.destinations?.find((d) => d.service === svc.name)
    routes[svc.name] = route ? route.rules.map((r, i) => resolveRule(r, i, profile, dest)) : [implicitRule(profile, dest)]
    clusters[svc.name] = resolveClusters(svc.versions.map((v) => v.name), dest, profile)
  }
  return {
    name: s.name, mesh: s.mesh, profile,
    seed: opts.seed ?? s.seed ?? MODEL_DEFAULTS.seed,
    durationMs,
    warmupMs: Math.min(s.warmup ?? 0, durationMs),
    zones,
    network: {
      sameZoneMs: s.network?.sameZone ?? MODEL_DEFAULTS.sameZoneMs,
      crossZoneMs: s.network?.crossZone ?? MODEL_DEFAULTS.crossZoneMs,
      sidecarMs: s.network?.sidecar ?? MODEL_DEFAULTS.sidecarMs,
    },
    services,
    sources: (s.traffic ?? []).map((t) => resolveSource(t, s, services, durationMs)),
    routes, clusters,
    authorization: s.security?.authorization ?? [],
    faults: s.faults ?? [], rollouts: s.rollouts ?? [], slos: s.slos ?? [],
  }
}

function resolveCall(c: Call): ResolvedCall {
  return {
    to: c.to,
    probability: c.probability ?? 100,
    ...(c.parallel !== undefined ? { parallel: c.parallel } : {}),
    required: c.required ?? true,
    path: c.path ?? '/',
    method: c.method ?? 'GET',
    headers: c.headers ?? {},
  }
}

function resolveSource(t: TrafficSource, s: Scenario, services: readonly ResolvedService[], durationMs: number): ResolvedSource {
  const from = t.from ?? 'ingress'
  const client = services.find((svc) => svc.name === from)
  return {
    name: t.name, to: t.to, from,
    zone: t.zone ?? client?.versions[0]?.zones[0] ?? null,
    load: t.load,
    mix: (t.mix ?? [{ weight: 1 }]).map((m) => ({ path: m.path ?? '/', method: m.method ?? 'GET', headers: m.headers ?? {}, weight: m.weight })),
    startMs: t.start ?? 0,
    stopMs: Math.min(t.stop ?? durationMs, durationMs),
  }
}

function implicitRule(profile: MeshProfileDefaults, dest: Destination | undefined): ResolvedRule {
  return {
    name: 'default', match: undefined, split: [{ weight: 100 }], timeoutMs: profile.routeTimeoutMs,
    retries: defaultRetries(profile, isHashing(dest, profile, 1)), fault: undefined, mirror: undefined,
  }
}

function resolveRule(r: RouteRule, index: number, profile: MeshProfileDefaults, dest: Destination | undefined): ResolvedRule {
  const live = r.split.filter((x) => x.weight > 0).length
  return {
    name: r.name ?? `rule-${index}`,
    match: r.match,
    split: r.split.map((x) => ({ version: x.version, weight: x.weight })),
    timeoutMs: r.timeout ?? profile.routeTimeoutMs,
    retries: resolveRetries(r.retries, profile, dest, isHashing(dest, profile, live)),
    fault: r.fault,
    mirror: r.mirror ? { version: r.mirror.version, percent: r.mirror.percent ?? 100 } : undefined,
  }
}

/**
 * Does the route hash requests onto hosts (the previous_hosts predicate is then left out)?
 * A ring_hash / maglev destination with a hash key; for Istio only when the rule has a
 * single live destination (istiod's `consistentHash` check in applyHTTPRouteDestination).
 */
function isHashing(dest: Destination | undefined, profile: MeshProfileDefaults, liveDestinations: number): boolean {
  const lb = dest?.loadBalancer
  if (!lb || (lb.kind !== 'ring_hash' && lb.kind !== 'maglev') || lb.hashOn === undefined) return false
  return profile.mesh !== 'istio' || liveDestinations === 1
}

function defaultRetries(profile: MeshProfileDefaults, hashing: boolean): ResolvedRetryPolicy | null {
  const d = profile.defaultRetries
  return d && d.previousHosts && hashing ? { ...d, previousHosts: false } : d
}

function retryMode(profile: MeshProfileDefaults, dest: Destination | undefined): RetryMode {
  if (profile.mesh !== 'linkerd') return 'envoy'
  return dest?.retryBudget ? 'linkerd_profile' : 'linkerd_route'
}

/** Istio's retry translation: integer codes in retryOn go to retriable_status_codes. */
function resolveRetries(r: RouteRule['retries'], profile: MeshProfileDefaults, dest: Destination | undefined, hashing: boolean): ResolvedRetryPolicy | null {
  if (r === undefined) return defaultRetries(profile, hashing)
  if (r.attempts === 0) return null
  const explicit = r.retryOn !== undefined
  const retryOn: RetryCondition[] = [...(r.retryOn ?? profile.retryOn)]
  const codes = [...(explicit ? [] : profile.retriableStatusCodes), ...(r.retriableStatusCodes ?? [])]
  if (codes.length > 0 && !retryOn.includes('retriable-status-codes')) retryOn.push('retriable-status-codes')
  const base = r.backoff?.base ?? profile.backoffBaseMs
  const mode = retryMode(profile, dest)
  // Istio re-adds previous_hosts when retryIgnorePreviousHosts is set explicitly; the Envoy
  // export leaves it out whenever the route hashes.
  const previousHosts = profile.mesh === 'istio'
    ? (r.retryIgnorePreviousHosts ?? (profile.previousHosts && !hashing))
    : (r.retryIgnorePreviousHosts ?? profile.previousHosts) && !hashing
  return {
    mode,
    attempts: r.attempts,
    // A ServiceProfile route has no per-try timeout (the Linkerd export says so).
    perTryTimeoutMs: mode === 'linkerd_profile' ? 0 : (r.perTryTimeout ?? 0),
    retryOn,
    retriableStatusCodes: codes,
    backoffBaseMs: base,
    backoffMaxMs: r.backoff?.max ?? base * 10,
    previousHosts,
    hostSelectionRetryMaxAttempts: profile.hostSelectionRetryMaxAttempts,
  }
}

function resolveClusters(versions: readonly string[], dest: Destination | undefined, profile: MeshProfileDefaults): ResolvedScenario['clusters'][string] {
  const all = resolveClusterPolicy(dest, undefined, profile)
  const out: Record<string, ResolvedClusterPolicy> = {}
  for (const v of versions) out[v] = resolveClusterPolicy(dest, dest?.versions?.find((x) => x.name === v), profile)
  return { all, versions: out }
}
