/**
 * What an edge proxy (HAProxy, nginx) in front of one service must do, worked out once from
 * the scenario and its mesh profile; the two renderers only spell it.
 *
 * - Rules: the service's route rules in order (first match wins), or one catch-all rule
 *   over the whole service when it has no route.
 * - Groups: what Envoy makes a cluster. A rule's split names versions; Envoy picks one
 *   version per request and every retry stays inside it (retries never move to another
 *   version, and a version whose endpoints are all ejected answers 503). So each version of
 *   the split is a group of its own with its own retries and passive detection, and a rule
 *   splitting over more than one group picks the group with a weighted round robin over
 *   internal listeners on 127.0.0.1 (`hop`), one per group: weights = the split's weights
 *   divided by their common divisor. The split then holds whatever the pod count, and a
 *   failing version fails its own share, as in the simulation. Without a route the one
 *   group holds every version's pods (Envoy's service cluster, equal per pod).
 * - Servers of a group: by default the pods behind the per-version headless Service the
 *   Kubernetes export emits (`<svc>-<version>.<ns>.svc.cluster.local:<port>`, one DNS name
 *   expanding to the version's pod IPs; `slots` = the scenario's replicas), or the given
 *   `options.edge.upstreamAddresses` (one server each). Servers of a group weigh the same,
 *   as endpoints of an Envoy cluster do.
 * - Retries and timeouts from the rule and the mesh profile's defaults (as the Envoy
 *   export); per group the balancer and passive failure detection (edgePolicy.ts).
 */
import { getMeshProfile } from '../../model/profiles'
import type { MeshProfileDefaults } from '../../model/profiles'
import type { LoadBalancer, RouteRule, Scenario, Service } from '../../model/types'
import type { ExportOptions } from '../types'
import { destinationOf, findService, policyFor, portOf, replicasOf, routeOf, versionFqdn } from '../facts/scenarioFacts'
import { groupPolicy } from './edgePolicy'
import type { EdgePassive } from './edgePolicy'

export type { EdgePassive } from './edgePolicy'

/**
 * One server line: an explicit `host:port` (`slots` 1) or a DNS name that resolves to the
 * pods of a version (`dns`, `slots` = the scenario's replica count).
 */
export interface EdgeServer {
  readonly name: string
  readonly address: string
  readonly version: string
  readonly dns: boolean
  readonly slots: number
  /** The model field the server stands for: `services[i].versions[j]`. */
  readonly path: string
}

/** One Envoy cluster of a rule: a version of the split, or the whole service. */
export interface EdgeGroup {
  /** `v1`, or `all` for the whole service. */
  readonly name: string
  /** Split weight (0–100); the whole service's group has 100. */
  readonly weight: number
  readonly servers: readonly EdgeServer[]
  /** The pods this group is expected to have (sum of its versions' replicas). */
  readonly pods: number
  /** Internal listener the rule's split sends this group's share to; none when the rule has one group. */
  readonly hop?: { readonly address: string; readonly port: number }
  /** Weight on the split's round robin: `weight` divided by the common divisor of the rule's weights. */
  readonly splitWeight: number
  /** The cluster's policy: the version's override of the destination, else the destination's, else the mesh's. */
  readonly loadBalancer: LoadBalancer
  readonly loadBalancerPath: string
  readonly passive?: EdgePassive
}


/** One route rule as the proxy sees it. */
export interface EdgeRule {
  readonly name: string
  readonly path: string
  readonly rule?: RouteRule
  /** The groups with traffic (weight > 0), in split order. */
  readonly groups: readonly EdgeGroup[]
  /** Versions of the split with weight 0 or no servers: they get no traffic. */
  readonly idle: readonly { readonly version: string; readonly weight: number }[]
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
  readonly connectTimeoutMs: number
  readonly profile: MeshProfileDefaults
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b)
}

/** Split weights divided by their common divisor (80/20 → 4/1); zeros stay 0. */
export function splitWeights(weights: readonly number[]): number[] {
  const g = weights.filter((w) => w > 0).reduce((a, w) => gcd(a, w), 0) || 1
  return weights.map((w) => w / g)
}

function serversOf(scenario: Scenario, svc: Service, versions: readonly string[], options: ExportOptions): EdgeServer[] {
  return versions.flatMap((version): EdgeServer[] => {
    const vi = svc.versions.findIndex((x) => x.name === version)
    const path = `services[${scenario.services.indexOf(svc)}].versions[${vi}]`
    const given = options.edge?.upstreamAddresses?.[version]
    if (given) return given.map((address, i) => ({ name: `${svc.name}-${version}-${i}`, address, version, dns: false, slots: 1, path }))
    const slots = vi < 0 ? 0 : replicasOf(svc.versions[vi]!)
    if (slots === 0) return []
    return [{ name: `${svc.name}-${version}-`, address: `${versionFqdn(svc, version, options)}:${portOf(svc)}`, version, dns: true, slots, path }]
  })
}

function podsOf(svc: Service, versions: readonly string[], servers: readonly EdgeServer[]): number {
  return versions.reduce((n, version) => {
    const own = servers.filter((s) => s.version === version)
    return n + (own.some((s) => s.dns) ? replicasOf(svc.versions.find((x) => x.name === version)!) : own.length)
  }, 0)
}

/** The groups of a rule that carry traffic, with hops when there is more than one. */
function groupsOf(scenario: Scenario, svc: Service, split: readonly { version: string; weight: number }[], options: ExportOptions, nextPort: () => number): { groups: EdgeGroup[]; idle: { version: string; weight: number }[] } {
  const profile = getMeshProfile(scenario.mesh)
  const idle: { version: string; weight: number }[] = []
  const live = split.flatMap((s) => {
    const servers = serversOf(scenario, svc, [s.version], options)
    if (s.weight <= 0 || servers.length === 0) {
      idle.push({ version: s.version, weight: s.weight })
      return []
    }
    return [{ name: s.version, weight: s.weight, servers, pods: podsOf(svc, [s.version], servers) }]
  })
  const reduced = splitWeights(live.map((g) => g.weight))
  const groups = live.map((g, i): EdgeGroup => ({
    ...g,
    ...groupPolicy(scenario, svc, profile, g.name),
    splitWeight: reduced[i]!,
    ...(live.length > 1 ? { hop: { address: '127.0.0.1', port: nextPort() } } : {}),
  }))
  return { groups, idle }
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
  const listen = parseListen(options.edge?.listen)
  let port = options.edge?.internalPort ?? listen.port + 1
  const nextPort = (): number => port++
  const found = routeOf(scenario, svc.name)
  const defaults = profile.defaultRetries
  const rules: EdgeRule[] = found
    ? found.route.rules.map((rule, i) => {
      const r = rule.retries
      return {
        name: rule.name ?? `rule-${i}`,
        path: `routes[${found.index}].rules[${i}]`,
        rule,
        ...groupsOf(scenario, svc, rule.split, options, nextPort),
        attempts: r ? r.attempts : (defaults?.attempts ?? 0),
        retryOn: r ? (r.retryOn ?? profile.retryOn) : (defaults?.retryOn ?? []),
        retriableStatusCodes: r ? (r.retriableStatusCodes ?? (r.retryOn ? [] : profile.retriableStatusCodes)) : (defaults?.retriableStatusCodes ?? []),
        perTryTimeoutMs: r?.perTryTimeout ?? 0,
        timeoutMs: rule.timeout ?? profile.routeTimeoutMs,
      }
    })
    : [wholeServiceRule(scenario, svc, options, profile)]
  const policy = policyFor(destinationOf(scenario, svc.name)?.destination)
  return { service: svc, listen, rules, connectTimeoutMs: policy.connectionPool?.connectTimeout ?? profile.connectTimeoutMs, profile }
}

/** No route: one group, the service's every pod, with the mesh's default retries. */
function wholeServiceRule(scenario: Scenario, svc: Service, options: ExportOptions, profile: MeshProfileDefaults): EdgeRule {
  const versions = svc.versions.map((v) => v.name)
  const servers = serversOf(scenario, svc, versions, options)
  const defaults = profile.defaultRetries
  const pods = podsOf(svc, versions, servers)
  return {
    name: 'default', path: `services[${scenario.services.indexOf(svc)}]`,
    groups: servers.length ? [{ name: 'all', weight: 100, splitWeight: 1, servers, pods, ...groupPolicy(scenario, svc, profile) }] : [],
    idle: versions.filter((v) => !servers.some((s) => s.version === v)).map((version) => ({ version, weight: 0 })),
    attempts: defaults?.attempts ?? 0, retryOn: defaults?.retryOn ?? [], retriableStatusCodes: defaults?.retriableStatusCodes ?? [],
    perTryTimeoutMs: defaults?.perTryTimeoutMs ?? 0, timeoutMs: profile.routeTimeoutMs,
  }
}
