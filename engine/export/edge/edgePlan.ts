/**
 * What an edge proxy (HAProxy, nginx) in front of one service must do, worked out once from
 * the scenario and its mesh profile; the two renderers only spell it.
 *
 * - Rules: the service's route rules in order (first match wins), or one catch-all rule
 *   over every version when it has no route.
 * - Servers: one per replica of each version in the rule's split. A version's split weight
 *   is shared by its replicas: server weight = weight_v · L / replicas_v with L the least
 *   common multiple of the replica counts, divided by the common divisor, so per-version
 *   shares equal the split exactly (90/10 over 2 + 1 replicas → 9, 9, 2).
 * - Retries, timeouts and the balancer from the rule and the mesh profile's defaults (as the
 *   Envoy export), and passive failure detection from outlier detection (consecutive 5xx,
 *   interval, base ejection time) or, for Linkerd, failure accrual.
 */
import { getMeshProfile } from '../../model/profiles'
import type { MeshProfileDefaults } from '../../model/profiles'
import type { LoadBalancer, RouteRule, Scenario, Service } from '../../model/types'
import type { ExportOptions } from '../types'
import { destinationOf, findService, namespaceOf, policyFor, portOf, replicasOf, routeOf } from '../facts/scenarioFacts'

/** One upstream server. */
export interface EdgeServer {
  readonly name: string
  readonly address: string
  readonly version: string
  /** Relative weight; 0 = receives no traffic. */
  readonly weight: number
}

/** Passive failure detection, from outlier detection or failure accrual. */
export interface EdgePassive {
  readonly consecutiveErrors: number
  readonly intervalMs: number
  readonly ejectionMs: number
  readonly maxEjectionPercent: number
  readonly path: string
}

/** One route rule as the proxy sees it. */
export interface EdgeRule {
  readonly name: string
  readonly path: string
  readonly rule?: RouteRule
  readonly servers: readonly EdgeServer[]
  /** Retries after the first try (0 = none) and the Envoy conditions that trigger them. */
  readonly attempts: number
  readonly retryOn: readonly string[]
  readonly retriableStatusCodes: readonly number[]
  readonly perTryTimeoutMs: number
  /** Whole-request timeout, ms; 0 = none. */
  readonly timeoutMs: number
}

/** Everything an edge proxy needs. */
export interface EdgePlan {
  readonly service: Service
  readonly listen: { readonly address: string; readonly port: number }
  readonly rules: readonly EdgeRule[]
  readonly loadBalancer: LoadBalancer
  readonly loadBalancerPath: string
  readonly connectTimeoutMs: number
  readonly passive?: EdgePassive
  readonly profile: MeshProfileDefaults
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/** Integer server weights per replica so each version's share equals its split weight. */
export function serverWeights(split: readonly { version: string; weight: number; replicas: number }[]): number[] {
  const live = split.filter((s) => s.replicas > 0)
  const lcm = live.reduce((l, s) => (l * s.replicas) / gcd(l, s.replicas), 1)
  const per = split.map((s) => (s.replicas > 0 ? (s.weight * lcm) / s.replicas : 0))
  const g = per.filter((w) => w > 0).reduce((a, w) => gcd(a, w), 0) || 1
  return per.map((w) => w / g)
}

function serversFor(svc: Service, split: readonly { version: string; weight: number }[], options: ExportOptions): EdgeServer[] {
  const addresses = (version: string): readonly string[] => {
    const given = options.edge?.upstreamAddresses?.[version]
    if (given) return given
    const v = svc.versions.find((x) => x.name === version)
    const n = v ? replicasOf(v) : 0
    return Array.from({ length: n }, (_, i) => `${svc.name}-${version}-${i}.${namespaceOf(svc, options)}.svc.cluster.local:${portOf(svc)}`)
  }
  const withReplicas = split.map((s) => ({ ...s, addrs: addresses(s.version) }))
  const weights = serverWeights(withReplicas.map((s) => ({ version: s.version, weight: s.weight, replicas: s.addrs.length })))
  return withReplicas.flatMap((s, i) => s.addrs.map((address, r) => ({ name: `${svc.name}-${s.version}-${r}`, address, version: s.version, weight: weights[i]! })))
}

function parseListen(listen: string | undefined): { address: string; port: number } {
  const m = /^(.*):(\d+)$/.exec(listen ?? '')
  return m ? { address: m[1]!, port: Number(m[2]) } : { address: '0.0.0.0', port: 8080 }
}

/** The edge service: the option, else the first traffic source's target, else the first service. */
export function edgeServiceName(scenario: Scenario, options: ExportOptions): string {
  return options.edgeService ?? scenario.traffic?.[0]?.to ?? scenario.services[0]!.name
}

/** Plans the edge proxy; undefined when the edge service does not exist. */
export function planEdge(scenario: Scenario, options: ExportOptions): EdgePlan | undefined {
  const svc = findService(scenario, edgeServiceName(scenario, options))
  if (!svc) return undefined
  const profile = getMeshProfile(scenario.mesh)
  const found = routeOf(scenario, svc.name)
  const allVersions = svc.versions.map((v) => ({ version: v.name, weight: replicasOf(v) }))
  const defaults = profile.defaultRetries
  const rules: EdgeRule[] = found
    ? found.route.rules.map((rule, i) => {
      const r = rule.retries
      const attempts = r ? r.attempts : (defaults?.attempts ?? 0)
      return {
        name: rule.name ?? `rule-${i}`,
        path: `routes[${found.index}].rules[${i}]`,
        rule,
        servers: serversFor(svc, rule.split, options),
        attempts,
        retryOn: r ? (r.retryOn ?? profile.retryOn) : (defaults?.retryOn ?? []),
        retriableStatusCodes: r ? (r.retriableStatusCodes ?? (r.retryOn ? [] : profile.retriableStatusCodes)) : (defaults?.retriableStatusCodes ?? []),
        perTryTimeoutMs: r?.perTryTimeout ?? 0,
        timeoutMs: rule.timeout ?? profile.routeTimeoutMs,
      }
    })
    : [{
      name: 'default', path: `services[${scenario.services.indexOf(svc)}]`, servers: serversFor(svc, allVersions, options),
      attempts: defaults?.attempts ?? 0, retryOn: defaults?.retryOn ?? [], retriableStatusCodes: defaults?.retriableStatusCodes ?? [],
      perTryTimeoutMs: defaults?.perTryTimeoutMs ?? 0, timeoutMs: profile.routeTimeoutMs,
    }]
  const dest = destinationOf(scenario, svc.name)
  const policy = policyFor(dest?.destination)
  return {
    service: svc,
    listen: parseListen(options.edge?.listen),
    rules,
    loadBalancer: policy.loadBalancer ?? profile.loadBalancer,
    loadBalancerPath: policy.loadBalancer && dest ? `destinations[${dest.index}].loadBalancer` : 'mesh',
    connectTimeoutMs: policy.connectionPool?.connectTimeout ?? profile.connectTimeoutMs,
    passive: passiveOf(scenario, svc, profile),
    profile,
  }
}

function passiveOf(scenario: Scenario, svc: Service, profile: MeshProfileDefaults): EdgePassive | undefined {
  const dest = destinationOf(scenario, svc.name)
  if (!dest) return undefined
  const od = dest.destination.outlierDetection
  if (od && profile.hasOutlierDetection) {
    return {
      consecutiveErrors: od.consecutive5xxErrors ?? od.consecutiveGatewayErrors ?? 5,
      intervalMs: od.interval ?? 10_000,
      ejectionMs: od.baseEjectionTime ?? 30_000,
      maxEjectionPercent: od.maxEjectionPercent ?? 10,
      path: `destinations[${dest.index}].outlierDetection`,
    }
  }
  const fa = dest.destination.failureAccrual
  // Failure accrual is Linkerd's; other profiles ignore it, as the simulation does.
  if (!fa || profile.mesh !== 'linkerd') return undefined
  return {
    consecutiveErrors: fa.maxFailures ?? profile.failureAccrual.maxFailures,
    intervalMs: 1000,
    ejectionMs: fa.minPenalty ?? profile.failureAccrual.minPenaltyMs,
    maxEjectionPercent: 100,
    path: `destinations[${dest.index}].failureAccrual`,
  }
}
