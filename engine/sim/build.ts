/**
 * Compiles a resolved scenario into the runtime `World`: zone latency matrices, services
 * with their versions, replicas and sidecars, clusters (one per service plus one per
 * version subset), compiled route rules, call sites with their route / authorization /
 * hash decided once, edges and traffic sources. O(topology); runs once per run.
 */
import { Rng } from '../kernel/rng'
import type { Simulation } from '../kernel/simulation'
import { xxHash64 } from '../mesh/hash/xxHash64'
import { stages } from '../mesh/pipeline/index'
import { matchHeaders } from '../mesh/pipeline/routeMatch'
import type { RequestAttributes } from '../mesh/pipeline/routeMatch'
import type { RuleRt } from '../mesh/pipeline/types'
import type { ResolvedScenario } from '../model/resolve'
import { Recorder } from '../metrics/recorder'
import { EdgeStats, ServiceStats } from '../metrics/stats'
import { TraceSampler } from '../metrics/traces'
import { compileDistribution } from '../traffic/distributions'
import { isDenied } from './authz'
import { CallRec, Pool, TryRec } from './records'
import { buildSources, expectedRootRequests } from './sources'
import { PER_TRY_TIMER, ROUTE_TIMER, TimerQueue } from './timers'
import type { CallSite, ClusterDef, EdgeRt, ReplicaRt, ServiceRt, SidecarRt, VersionRt, World } from './world'

/** Options of `buildWorld`. */
export interface BuildOptions {
  /** Finished traces to keep (default 24). */
  readonly maxTraces?: number
}

/** Builds the runtime world of a resolved scenario. */
export function buildWorld(cfg: ResolvedScenario, sim: Simulation, opts: BuildOptions = {}): World {
  const big = cfg.services.length > 100
  const zones = collectZones(cfg)
  const w = {
    sim, cfg,
    warmUs: Math.round(cfg.warmupMs * 1000),
    endUs: Math.round(cfg.durationMs * 1000),
    services: [], versions: [], replicas: [], sidecars: [], clusters: [], clusterStates: [], edges: [], sources: [],
    zoneCount: zones.size + 1,
    zoneIndex: zones,
    ...latencyMatrices(cfg, zones.size + 1),
    partitioned: new Int32Array((zones.size + 1) ** 2),
    calls: new Pool((id) => new CallRec(id)),
    tries: new Pool((id) => new TryRec(id)),
    rules: [],
    timers: [],
    rec: new Recorder(),
    traces: new TraceSampler(0, 1),
  } as Omit<World, 'traces'> & { traces: TraceSampler }
  const digits = cfg.services.length > 200 ? 2 : 3
  const capacity = big ? 128 : 512
  buildServices(w, zones, digits, capacity)
  buildRules(w)
  const edgeIds = new Map<string, number>()
  const edge = (from: string, to: number): number => {
    const key = `${from}\u0000${to}`
    let id = edgeIds.get(key)
    if (id === undefined) {
      id = w.edges.length
      edgeIds.set(key, id)
      w.edges.push({ id, from, to, stats: new EdgeStats(digits, capacity) } satisfies EdgeRt)
    }
    return id
  }
  const site = (caller: string, to: string, req: RequestAttributes, probability: number, required: boolean): CallSite =>
    compileSite(w, edge, caller, to, req, probability, required)
  buildSources(w, zones, site)
  buildCallGroups(w, site)
  const maxTraces = opts.maxTraces ?? 24
  w.traces = new TraceSampler(maxTraces, Math.max(1, Math.floor(expectedRootRequests(cfg) / (maxTraces * 4))))
  return w
}

function collectZones(cfg: ResolvedScenario): Map<string, number> {
  const zones = new Map<string, number>()
  const add = (z: string | null): void => {
    if (z !== null && !zones.has(z)) zones.set(z, zones.size)
  }
  cfg.zones.forEach(add)
  for (const s of cfg.services) for (const v of s.versions) v.zones.forEach(add)
  for (const src of cfg.sources) add(src.zone)
  return zones
}

/**
 * Zone index zoneCount − 1 is "outside every zone": same-zone latency to all.
 * NOTE(model): hop latency is fixed per zone pair (no jitter, no bandwidth: request sizes
 * are ignored), and every direction of a hop crosses two proxies (client and server
 * sidecar, or ingress gateway and sidecar), each adding the sidecar cost. mTLS adds no cost.
 */
function latencyMatrices(cfg: ResolvedScenario, n: number): { hopUs: Float64Array; netUs: Float64Array } {
  const hopUs = new Float64Array(n * n)
  const netUs = new Float64Array(n * n)
  const sidecarUs = 2 * cfg.network.sidecarMs * 1000
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      const same = a === b || a === n - 1 || b === n - 1
      const net = Math.round((same ? cfg.network.sameZoneMs : cfg.network.crossZoneMs) * 1000)
      netUs[a * n + b] = net
      hopUs[a * n + b] = net + Math.round(sidecarUs)
    }
  }
  return { hopUs, netUs }
}

// NOTE(model): `tcp` services are simulated like HTTP/1.1 ones (L7 routing and retries
// apply); ports, namespaces and version labels do not change the simulation.
function buildServices(w: World, zones: Map<string, number>, digits: 2 | 3, capacity: number): void {
  w.cfg.services.forEach((s, sid) => {
    const http1 = s.protocol === 'http' || s.protocol === 'tcp'
    const policies = w.cfg.clusters[s.name]!
    const all: ClusterDef = { id: w.clusters.length, service: sid, name: s.name, members: [], policy: policies.all, http1, states: [] }
    w.clusters.push(all)
    const svc: ServiceRt = { id: sid, name: s.name, grpc: s.protocol === 'grpc', versions: [], rules: [], allCluster: all.id, stats: new ServiceStats(digits, capacity), slos: [] }
    w.services.push(svc)
    for (const v of s.versions) {
      const subset: ClusterDef = { id: w.clusters.length, service: sid, name: `${s.name}/${v.name}`, members: [], policy: policies.versions[v.name]!, http1, states: [] }
      w.clusters.push(subset)
      const version: VersionRt = {
        id: w.versions.length, service: sid, name: v.name, replicas: [], sampler: compileDistribution(v.serviceTime),
        errorRate: v.errorRate, errorStatus: v.errorStatus, groups: [], rng: new Rng(w.cfg.seed, `service:${s.name}:${v.name}`),
        cluster: subset.id, gate: null,
      }
      w.versions.push(version)
      svc.versions.push(version.id)
      for (let i = 0; i < v.replicas; i++) {
        const name = `${s.name}-${v.name}-${i}`
        const zone = zones.get(v.zones[i % v.zones.length]!)!
        const sidecar: SidecarRt = { id: w.sidecars.length, name, zone, states: new Map() }
        w.sidecars.push(sidecar)
        const replica: ReplicaRt = {
          id: w.replicas.length, version: version.id, service: sid, name, zone, sidecar: sidecar.id,
          concurrency: v.concurrency, queueCap: v.queue, memberships: [],
          up: true, inEds: true, busy: 0, queueHead: -1, queueTail: -1, queueLen: 0, activeHead: -1,
          slowFactor: 1, addLatencyUs: 0, burstRate: 0, burstStatus: 503,
        }
        w.replicas.push(replica)
        version.replicas.push(replica.id)
        for (const c of [all, subset]) {
          replica.memberships.push({ cluster: c.id, member: c.members.length })
          c.members.push(replica.id)
        }
        svc.stats.workers += v.concurrency
      }
    }
  })
}

function buildRules(w: World): void {
  const { weighted_split: split, retry_decision: retry, fault_injection: fault, per_try_timeout: perTry } = stages
  for (const svc of w.services) {
    const subset = (version: string | undefined): number =>
      version === undefined ? svc.allCluster : w.versions[svc.versions.find((v) => w.versions[v]!.name === version)!]!.cluster
    w.cfg.routes[svc.name]!.forEach((r, i) => {
      const timer = (kind: number, us: number): number => {
        if (us <= 0) return -1
        w.timers.push(new TimerQueue(w.timers.length, kind, us))
        return w.timers.length - 1
      }
      const compiled = retry.compileRetry(r.retries)
      const routeUs = Math.round(r.timeoutMs * 1000)
      const rule: RuleRt = {
        id: w.rules.length, name: r.name, service: svc.id, splitClusters: new Int32Array(0), splitCumulative: new Float64Array(0), splitTotal: 0,
        timeoutUs: routeUs, retry: compiled, fault: fault.compileFault(r.fault),
        mirrorCluster: r.mirror ? subset(r.mirror.version) : -1, mirrorPercent: r.mirror?.percent ?? 0,
        rng: new Rng(w.cfg.seed, `route:${svc.name}:${i}`), backoffPool: [],
        routeTimer: timer(ROUTE_TIMER, routeUs),
        perTryTimer: timer(PER_TRY_TIMER, perTry.effectivePerTryTimeoutUs(compiled, routeUs)),
      }
      split.setSplit(rule, r.split.map((x) => subset(x.version)), r.split.map((x) => x.weight))
      svc.rules.push(rule)
      w.rules.push(rule)
    })
  }
}

function compileSite(
  w: World, edge: (from: string, to: number) => number, caller: string, to: string,
  req: RequestAttributes, probability: number, required: boolean,
): CallSite {
  const sid = w.services.findIndex((s) => s.name === to)
  const svc = w.services[sid]!
  const ruleIndex = stages.route_match.matchRoute(w.cfg.routes[to]!, req)
  const rule = ruleIndex >= 0 ? svc.rules[ruleIndex]! : null
  const fault = ruleIndex >= 0 ? w.cfg.routes[to]![ruleIndex]!.fault : undefined
  return {
    edge: edge(caller, sid), service: sid, rule,
    faultOk: rule?.fault != null && matchHeaders(fault?.headers, req.headers),
    denied: isDenied(w.cfg.authorization, to, caller, req.path, req.method),
    hash: requestHash(w, to, caller, req),
    probability, required,
  }
}

/** Envoy hash_policy for ring_hash / maglev: xxHash64 of the header value or the caller's address. */
function requestHash(w: World, to: string, caller: string, req: RequestAttributes): bigint | undefined {
  const lb = w.cfg.clusters[to]!.all.loadBalancer
  if (lb.kind !== 'ring_hash' && lb.kind !== 'maglev') return undefined
  const on = lb.hashOn
  if (on?.header !== undefined) {
    const key = Object.keys(req.headers).find((k) => k.toLowerCase() === on.header!.toLowerCase())
    return key === undefined ? undefined : xxHash64(req.headers[key]!)
  }
  // NOTE(model): cookies and query parameters are not part of a request class; such
  // policies find no value and the balancer draws a random hash, as Envoy does.
  if (on?.sourceIp) return xxHash64(caller)
  return undefined
}

function buildCallGroups(w: World, site: (caller: string, to: string, req: RequestAttributes, p: number, req2: boolean) => CallSite): void {
  for (const version of w.versions) {
    const svc = w.services[version.service]!
    const resolved = w.cfg.services[svc.id]!.versions.find((v) => v.name === version.name)!
    const named = new Map<string, CallSite[]>()
    for (const c of resolved.calls) {
      const s = site(svc.name, c.to, { path: c.path, method: c.method, headers: c.headers }, c.probability, c.required)
      if (c.parallel === undefined) {
        version.groups.push([s])
        continue
      }
      let group = named.get(c.parallel)
      if (!group) {
        group = []
        named.set(c.parallel, group)
        version.groups.push(group)
      }
      group.push(s)
    }
  }
}
