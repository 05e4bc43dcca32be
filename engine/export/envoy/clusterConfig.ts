/**
 * One Envoy cluster per called service (all versions) and per routed version (subset):
 * balancer and its options, circuit-breaker thresholds with the retry budget, outlier
 * detection, panic threshold, slow start, HTTP/2 upstream for gRPC, and STRICT_DNS
 * endpoints on the per-version headless Services (`<svc>-<version>.<ns>.svc.cluster.local`),
 * which resolve to the pods' IPs so Envoy balances across pods, as with Istio's EDS.
 *
 * Defaults come from the mesh profile (engine/model/profiles.ts): for `istio` every
 * threshold is 2^32 − 1 with `track_remaining`, LEAST_REQUEST, connect timeout 10 s, success-
 * rate ejection off and panic threshold 0 % under outlier detection; for `envoy`, Envoy's.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/cluster.proto
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/
 */
import type { LbKind, LoadBalancer, Service } from '../../model/types'
import type { PolicyFields } from '../facts/scenarioFacts'
import { destinationOf, policyFor, portOf, protocolOf, versionFqdn } from '../facts/scenarioFacts'
import type { EnvoyContext } from './envoyContext'
import { noteEnvoy } from './envoyContext'
import type { Json } from './envoyValues'
import { ENVOY_TYPES, outboundCluster, protoDuration, socketAddress, typedConfig } from './envoyValues'
import { outlierDetection } from './outlierConfig'

type SlowStart = NonNullable<PolicyFields['slowStart']>

interface LbMapping {
  readonly policy: string
  /** The `*_lb_config` field and its value, if any. */
  config(lb: LoadBalancer, slowStart: Json | undefined): readonly [string, Json] | undefined
  readonly slowStart: boolean
}

/** Envoy `lb_policy` per scenario balancer; a new `LbKind` fails to compile until mapped here. */
const lbMappings: Record<LbKind, LbMapping> = {
  round_robin: { policy: 'ROUND_ROBIN', slowStart: true, config: (_lb, ss) => (ss ? ['round_robin_lb_config', { slow_start_config: ss }] : undefined) },
  least_request: {
    policy: 'LEAST_REQUEST',
    slowStart: true,
    config: (lb, ss) => {
      const o = lb.kind === 'least_request' ? lb : undefined
      const cfg: Json = {
        choice_count: o?.choiceCount,
        active_request_bias: o?.activeRequestBias === undefined ? undefined : runtimeDouble(o.activeRequestBias, 'upstream.least_request.active_request_bias'),
        slow_start_config: ss,
      }
      return Object.values(cfg).some((v) => v !== undefined) ? ['least_request_lb_config', cfg] : undefined
    },
  },
  random: { policy: 'RANDOM', slowStart: false, config: () => undefined },
  ring_hash: {
    policy: 'RING_HASH',
    slowStart: false,
    config: (lb) => {
      if (lb.kind !== 'ring_hash') return undefined
      const cfg: Json = { minimum_ring_size: lb.minimumRingSize, maximum_ring_size: lb.maximumRingSize, hash_function: lb.hashFunction }
      return Object.values(cfg).some((v) => v !== undefined) ? ['ring_hash_lb_config', cfg] : undefined
    },
  },
  maglev: { policy: 'MAGLEV', slowStart: false, config: (lb) => (lb.kind === 'maglev' && lb.tableSize !== undefined ? ['maglev_lb_config', { table_size: lb.tableSize }] : undefined) },
  // Linkerd's P2C over peak-EWMA has no Envoy equivalent; least_request is also P2C (on active requests).
  p2c_ewma: { policy: 'LEAST_REQUEST', slowStart: true, config: (_lb, ss) => ['least_request_lb_config', { choice_count: 2, slow_start_config: ss }] },
}

function runtimeDouble(value: number, key: string): Json {
  return { default_value: value, runtime_key: key }
}

function slowStartConfig(ss: SlowStart): Json {
  return {
    slow_start_window: protoDuration(ss.window),
    aggression: ss.aggression === undefined ? undefined : runtimeDouble(ss.aggression, 'upstream.slow_start.aggression'),
    min_weight_percent: ss.minWeightPercent === undefined ? undefined : { value: ss.minWeightPercent },
  }
}

/** The scenario path of a destination field, for diagnostics. */
function policyPath(ctx: EnvoyContext, svc: Service, version: string | undefined, field: string): string {
  const found = destinationOf(ctx.scenario, svc.name)
  if (!found) return `services[${ctx.scenario.services.indexOf(svc)}]`
  const top = field.split('.')[0]!
  // The version's path only when the version itself sets the field; else it is inherited.
  const vi = version === undefined ? -1 : (found.destination.versions ?? []).findIndex((v) => v.name === version && (v as Record<string, unknown>)[top] !== undefined)
  return vi < 0 ? `destinations[${found.index}].${field}` : `destinations[${found.index}].versions[${vi}].${field}`
}

/** The Envoy cluster for `version` of `svc` (or all its versions when undefined). */
export function buildCluster(ctx: EnvoyContext, svc: Service, version: string | undefined): Json {
  const dest = destinationOf(ctx.scenario, svc.name)?.destination
  const policy = policyFor(dest, version)
  let lb = policy.loadBalancer ?? ctx.profile.loadBalancer
  if (lb.kind === 'p2c_ewma') {
    const at = policy.loadBalancer ? policyPath(ctx, svc, version, 'loadBalancer') : 'mesh'
    // As the simulation resolves it (profiles.ts): outside Linkerd, p2c_ewma means the profile's balancer.
    if (ctx.profile.mesh !== 'linkerd') lb = ctx.profile.loadBalancer
    noteEnvoy(ctx, 1, ctx.profile.mesh === 'linkerd'
      ? 'Envoy has no P2C peak-EWMA balancer: exported as LEAST_REQUEST with choice_count 2 (P2C on active requests)'
      : `p2c_ewma is Linkerd's balancer: outside Linkerd it means the ${ctx.profile.mesh} default, ${lb.kind} (as simulated)`, at)
  }
  const mapping = lbMappings[lb.kind]
  let slowStart: Json | undefined
  if (policy.slowStart) {
    if (mapping.slowStart) slowStart = slowStartConfig(policy.slowStart)
    else noteEnvoy(ctx, 2, `Envoy supports slow start only with ROUND_ROBIN and LEAST_REQUEST; dropped for ${mapping.policy}`, policyPath(ctx, svc, version, 'slowStart'))
  }
  const lbConfig = mapping.config(lb, slowStart)
  const name = outboundCluster(svc, version, ctx.options)
  const versions = version === undefined ? svc.versions.map((v) => v.name) : [version]
  const outlier = outlierDetection(ctx, svc, policy, (f) => policyPath(ctx, svc, version, f))
  const cluster: Json = {
    name,
    type: 'STRICT_DNS',
    dns_lookup_family: 'V4_ONLY',
    connect_timeout: protoDuration(policy.connectionPool?.connectTimeout ?? ctx.profile.connectTimeoutMs),
    lb_policy: mapping.policy,
    circuit_breakers: circuitBreakers(ctx, policy),
    outlier_detection: outlier?.detection,
    common_lb_config: outlier?.panicThreshold === undefined ? undefined : { healthy_panic_threshold: { value: outlier.panicThreshold } },
    typed_extension_protocol_options: protocolOptions(svc, policy),
    load_assignment: {
      cluster_name: name,
      endpoints: [{ lb_endpoints: versions.map((v) => ({ endpoint: { address: socketAddress(versionFqdn(svc, v, ctx.options), portOf(svc)) } })) }],
    },
  }
  if (lbConfig) cluster[lbConfig[0]] = lbConfig[1]
  return cluster
}

function circuitBreakers(ctx: EnvoyContext, policy: PolicyFields): Json | undefined {
  const pool = policy.connectionPool
  if (pool && !ctx.profile.connectionPool) {
    noteEnvoy(ctx, 11, `the ${ctx.profile.mesh} profile has no connection-pool limits (the simulation ignores them too): not exported`, 'destinations')
    return undefined
  }
  const defaults = ctx.profile.mesh === 'istio' ? ctx.profile.connectionPool : null
  if (!pool && !defaults) return undefined
  // Istio applies only limits above 0 on top of its defaults (profiles.ts resolvePool).
  const given = (v: number | undefined) => (defaults && v === 0 ? undefined : v)
  const budget = pool?.retryBudget
  const threshold: Json = {
    priority: 'DEFAULT',
    max_connections: given(pool?.maxConnections) ?? defaults?.maxConnections,
    max_pending_requests: given(pool?.maxPendingRequests) ?? defaults?.maxPendingRequests,
    max_requests: given(pool?.maxRequests) ?? defaults?.maxRequests,
    max_retries: given(pool?.maxRetries) ?? defaults?.maxRetries,
    track_remaining: defaults ? true : undefined,
    retry_budget: budget && {
      budget_percent: budget.percent === undefined ? undefined : { value: budget.percent },
      min_retry_concurrency: budget.minRetryConcurrency,
    },
  }
  return { thresholds: [threshold] }
}

function protocolOptions(svc: Service, policy: PolicyFields): Json | undefined {
  const h2 = protocolOf(svc) === 'grpc' || protocolOf(svc) === 'http2'
  const perConnection = policy.connectionPool?.maxRequestsPerConnection
  if (!h2 && perConnection === undefined) return undefined
  const options: Json = {
    explicit_http_config: h2 ? { http2_protocol_options: {} } : { http_protocol_options: {} },
    common_http_protocol_options: perConnection === undefined ? undefined : { max_requests_per_connection: perConnection },
  }
  return { [ENVOY_TYPES.httpOptions]: typedConfig(ENVOY_TYPES.httpOptions, options) }
}

/** Exported for the route builder: whether the balancer hashes (route needs a hash_policy). */
export function isHashBalancer(lb: LoadBalancer): lb is Extract<LoadBalancer, { kind: 'ring_hash' | 'maglev' }> {
  return lb.kind === 'ring_hash' || lb.kind === 'maglev'
}
