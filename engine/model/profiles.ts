/**
 * Mesh profiles: the defaults each data plane applies when a scenario leaves a policy unset.
 *
 * - `istio`: Envoy configured the way istiod configures it (mesh-algorithms.md §15):
 *   LEAST_REQUEST, no route timeout, the default retry policy (2 retries on
 *   connect-failure, refused-stream, unavailable, cancelled and 503), every circuit-breaker
 *   limit at 2^32 − 1, connect timeout 10 s, panic threshold = minHealthPercent (0 %) when
 *   outlier detection is configured, success-rate ejection off.
 * - `envoy`: plain Envoy defaults (§2, §9–§11): ROUND_ROBIN, route timeout 15 s, no retry
 *   policy, limits 1024 / 1024 / 1024 / 3, connect timeout 5 s, panic threshold 50 %.
 * - `linkerd`: linkerd2-proxy (§14): P2C over peak-EWMA (default RTT 30 ms, decay 10 s),
 *   no connection-pool limits, no timeout, no retries unless a route asks; a service with a
 *   `retryBudget` gets a ServiceProfile (budget-limited retries), any other an HTTPRoute
 *   (retries limited by `attempts`, no budget); failure accrual only when configured.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto
 * @see https://linkerd.io/2/reference/retries/
 */
import type { OutlierDetectionConfig } from '../mesh/outlier/outlierConfig'
import type { Destination, LoadBalancer, MeshProfile } from './types'

/** Envoy `retry_on` and gRPC condition names, as the scenario writes them. */
export type RetryCondition =
  | '5xx' | 'gateway-error' | 'reset' | 'reset-before-request' | 'connect-failure' | 'retriable-4xx'
  | 'refused-stream' | 'retriable-status-codes' | 'retriable-headers' | 'envoy-ratelimited'
  | 'cancelled' | 'deadline-exceeded' | 'resource-exhausted' | 'unavailable' | 'internal'

/**
 * Whose retry semantics apply (see `mesh/pipeline/retryDecision.ts`):
 * - `envoy`: retry_on conditions, `num_retries`, the retries breaker or retry budget;
 * - `linkerd_route`: HTTPRoute `retry.linkerd.io/*` annotations: up to `attempts` retries of
 *   the retryable statuses and of per-try (response-header) timeouts, no budget;
 * - `linkerd_profile`: a ServiceProfile route with `isRetryable`: failure responses (every
 *   5xx, plus the listed codes) retried while the profile's TPS budget allows, no attempt cap.
 */
export type RetryMode = 'envoy' | 'linkerd_route' | 'linkerd_profile'

/** An effective retry policy (Envoy `RetryPolicy`, Linkerd retry limit). */
export interface ResolvedRetryPolicy {
  readonly mode: RetryMode
  /** Retries after the first try (`num_retries`); 0 = the first try only. Not a cap in `linkerd_profile` mode. */
  readonly attempts: number
  /** Per-try timeout, ms; 0 = none. */
  readonly perTryTimeoutMs: number
  readonly retryOn: readonly RetryCondition[]
  readonly retriableStatusCodes: readonly number[]
  /** Jittered exponential back-off base and cap, ms; base 0 = retry at once (Linkerd). */
  readonly backoffBaseMs: number
  readonly backoffMaxMs: number
  /** Envoy's previous_hosts retry host predicate. */
  readonly previousHosts: boolean
  /** `host_selection_retry_max_attempts`. */
  readonly hostSelectionRetryMaxAttempts: number
}

/** Effective connection-pool limits (Envoy circuit-breaker thresholds). */
export interface ResolvedConnectionPool {
  readonly maxConnections: number
  readonly maxPendingRequests: number
  readonly maxRequests: number
  readonly maxRetries: number
  /** When present it replaces maxRetries (Envoy retry_budget). */
  readonly retryBudget?: { readonly budgetPercent: number; readonly minRetryConcurrency: number }
}

/** Linkerd's TPS retry budget. */
export interface ResolvedTpsBudget {
  readonly retryRatio: number
  readonly minPerSecond: number
  readonly ttlMs: number
}

/** Linkerd's consecutive-failures breaker. */
export interface ResolvedFailureAccrual {
  readonly maxFailures: number
  readonly minPenaltyMs: number
  readonly maxPenaltyMs: number
  readonly jitterRatio: number
}

/** Everything a client sidecar applies to one upstream cluster (a service or a subset). */
export interface ResolvedClusterPolicy {
  readonly loadBalancer: LoadBalancer
  /** null: the data plane has no connection-pool limits (Linkerd). */
  readonly connectionPool: ResolvedConnectionPool | null
  readonly connectTimeoutMs: number
  /** In `createOutlierDetector` terms; null when outlier detection is off. */
  readonly outlierDetection: OutlierDetectionConfig | null
  /** Percent. */
  readonly healthyPanicThreshold: number
  readonly slowStart: { readonly windowMs: number; readonly aggression: number; readonly minWeightPercent: number } | null
  readonly failureAccrual: ResolvedFailureAccrual | null
  /** Linkerd: the ServiceProfile's TPS budget; null without a ServiceProfile (HTTPRoute retries have none). */
  readonly retryBudget: ResolvedTpsBudget | null
}

/** A mesh profile's defaults. */
export interface MeshProfileDefaults {
  readonly mesh: MeshProfile
  readonly loadBalancer: LoadBalancer
  /** Whole-request route timeout, ms; 0 = none. */
  readonly routeTimeoutMs: number
  /** The retry policy a route gets when it sets none; null = no retries. */
  readonly defaultRetries: ResolvedRetryPolicy | null
  /** Conditions used when a route sets `retries` without `retryOn`. */
  readonly retryOn: readonly RetryCondition[]
  readonly retriableStatusCodes: readonly number[]
  readonly backoffBaseMs: number
  readonly previousHosts: boolean
  readonly hostSelectionRetryMaxAttempts: number
  readonly connectionPool: ResolvedConnectionPool | null
  readonly connectTimeoutMs: number
  /** Panic threshold without outlier detection / with it (Istio's minHealthPercent default). */
  readonly healthyPanicThreshold: number
  readonly panicThresholdWithOutlier: number
  /** Overrides applied on top of Envoy's outlier defaults (Istio turns success rate off). */
  readonly outlierOverrides: OutlierDetectionConfig
  readonly failureAccrual: ResolvedFailureAccrual
  /** Whether the data plane has Envoy-style outlier detection at all. */
  readonly hasOutlierDetection: boolean
}

/** Envoy's "no limit" for Istio's circuit-breaker thresholds: 2^32 − 1. */
export const ISTIO_UNLIMITED = 4294967295

const ISTIO_RETRY_ON: readonly RetryCondition[] = ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes']

const LINKERD_ACCRUAL: ResolvedFailureAccrual = { maxFailures: 7, minPenaltyMs: 1000, maxPenaltyMs: 60_000, jitterRatio: 0.5 }

const istio: MeshProfileDefaults = {
  mesh: 'istio',
  loadBalancer: { kind: 'least_request' },
  routeTimeoutMs: 0,
  defaultRetries: {
    mode: 'envoy', attempts: 2, perTryTimeoutMs: 0, retryOn: ISTIO_RETRY_ON, retriableStatusCodes: [503],
    backoffBaseMs: 25, backoffMaxMs: 250, previousHosts: true, hostSelectionRetryMaxAttempts: 5,
  },
  retryOn: ISTIO_RETRY_ON,
  retriableStatusCodes: [503],
  backoffBaseMs: 25,
  previousHosts: true,
  hostSelectionRetryMaxAttempts: 5,
  connectionPool: { maxConnections: ISTIO_UNLIMITED, maxPendingRequests: ISTIO_UNLIMITED, maxRequests: ISTIO_UNLIMITED, maxRetries: ISTIO_UNLIMITED },
  connectTimeoutMs: 10_000,
  healthyPanicThreshold: 50,
  panicThresholdWithOutlier: 0,
  outlierOverrides: { enforcingSuccessRate: 0 },
  failureAccrual: LINKERD_ACCRUAL,
  hasOutlierDetection: true,
}

const envoy: MeshProfileDefaults = {
  ...istio,
  mesh: 'envoy',
  loadBalancer: { kind: 'round_robin' },
  routeTimeoutMs: 15_000,
  defaultRetries: null,
  // NOTE(model): plain Envoy retries nothing without retry_on; a scenario route that sets
  // retries without retryOn gets Istio's list, so the policy is never silently empty.
  previousHosts: false,
  hostSelectionRetryMaxAttempts: 1,
  connectionPool: { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 },
  connectTimeoutMs: 5000,
  panicThresholdWithOutlier: 50,
  outlierOverrides: {},
}

const linkerd: MeshProfileDefaults = {
  ...istio,
  mesh: 'linkerd',
  loadBalancer: { kind: 'p2c_ewma', defaultRtt: 30, decay: 10_000 },
  routeTimeoutMs: 0,
  defaultRetries: null,
  retryOn: ['5xx'],
  retriableStatusCodes: [],
  backoffBaseMs: 0,
  previousHosts: false,
  hostSelectionRetryMaxAttempts: 0,
  // NOTE(model): linkerd2-proxy has no connection-pool limits; its balancer queue (10 000
  // requests, 3 s fail-fast) is not modelled: with no ready endpoint a request fails at once.
  connectionPool: null,
  connectTimeoutMs: 1000,
  healthyPanicThreshold: 0,
  panicThresholdWithOutlier: 0,
  outlierOverrides: {},
  hasOutlierDetection: false,
}

/** The three profiles, keyed by `Scenario['mesh']`. */
export const meshProfiles: Readonly<Record<MeshProfile, MeshProfileDefaults>> = { istio, envoy, linkerd }

/** The defaults of `mesh`. */
export function getMeshProfile(mesh: MeshProfile): MeshProfileDefaults {
  return meshProfiles[mesh]
}

type PolicyFields = Pick<Destination, 'loadBalancer' | 'connectionPool' | 'outlierDetection' | 'slowStart'>

/**
 * The effective policy of one cluster: the version (subset) override, else the service's
 * destination policy, else the profile's default, field group by field group (as an Istio
 * subset's trafficPolicy overrides the DestinationRule's).
 */
export function resolveClusterPolicy(
  dest: Destination | undefined,
  version: PolicyFields | undefined,
  profile: MeshProfileDefaults,
): ResolvedClusterPolicy {
  const od = version?.outlierDetection ?? dest?.outlierDetection
  const outlier = od && profile.hasOutlierDetection ? resolveOutlier(od, profile) : null
  const cp = version?.connectionPool ?? dest?.connectionPool
  const slow = version?.slowStart ?? dest?.slowStart
  return {
    // NOTE(model): Linkerd always balances with P2C over peak-EWMA; another kind is ignored.
    loadBalancer: resolveLb(version?.loadBalancer ?? dest?.loadBalancer, profile),
    connectionPool: profile.connectionPool ? resolvePool(cp, profile.connectionPool) : null,
    connectTimeoutMs: cp?.connectTimeout ?? profile.connectTimeoutMs,
    outlierDetection: outlier,
    healthyPanicThreshold: od && outlier ? (od.minHealthPercent ?? profile.panicThresholdWithOutlier) : profile.healthyPanicThreshold,
    slowStart: slow ? { windowMs: slow.window, aggression: slow.aggression ?? 1, minWeightPercent: slow.minWeightPercent ?? 10 } : null,
    failureAccrual: profile.mesh === 'linkerd' && dest?.failureAccrual ? resolveAccrual(dest.failureAccrual, profile.failureAccrual) : null,
    // Only a ServiceProfile has a budget, and the export writes one exactly when the
    // destination has a retryBudget (HTTPRoute retries are limited by attempts instead).
    retryBudget: profile.mesh === 'linkerd' && dest?.retryBudget
      ? { retryRatio: dest.retryBudget.retryRatio, minPerSecond: dest.retryBudget.minRetriesPerSecond, ttlMs: dest.retryBudget.ttl }
      : null,
  }
}

function resolveLb(lb: LoadBalancer | undefined, profile: MeshProfileDefaults): LoadBalancer {
  if (profile.mesh === 'linkerd') {
    const d = profile.loadBalancer as Extract<LoadBalancer, { kind: 'p2c_ewma' }>
    return lb?.kind === 'p2c_ewma' ? { kind: 'p2c_ewma', defaultRtt: lb.defaultRtt ?? d.defaultRtt, decay: lb.decay ?? d.decay } : d
  }
  // NOTE(model): p2c_ewma outside Linkerd falls back to Envoy's least_request (P2C).
  if (!lb || lb.kind === 'p2c_ewma') return profile.loadBalancer
  return lb
}

function resolvePool(cp: Destination['connectionPool'], base: ResolvedConnectionPool): ResolvedConnectionPool {
  // Istio applies only values > 0 on top of its defaults; Envoy would take 0 literally.
  const pick = (v: number | undefined, d: number): number => (v !== undefined && v > 0 ? v : d)
  const budget = cp?.retryBudget
  return {
    maxConnections: pick(cp?.maxConnections, base.maxConnections),
    maxPendingRequests: pick(cp?.maxPendingRequests, base.maxPendingRequests),
    maxRequests: pick(cp?.maxRequests, base.maxRequests),
    maxRetries: pick(cp?.maxRetries, base.maxRetries),
    ...(budget ? { retryBudget: { budgetPercent: budget.percent ?? 20, minRetryConcurrency: budget.minRetryConcurrency ?? 3 } } : {}),
  }
}

type OutlierInput = NonNullable<Destination['outlierDetection']>

function resolveOutlier(od: OutlierInput, profile: MeshProfileDefaults): OutlierDetectionConfig {
  const out: OutlierDetectionConfig = { ...profile.outlierOverrides }
  if (od.consecutive5xxErrors !== undefined) {
    out.consecutive5xx = od.consecutive5xxErrors
    out.enforcingConsecutive5xx = od.consecutive5xxErrors === 0 ? 0 : 100
  }
  if (od.consecutiveGatewayErrors !== undefined) {
    out.consecutiveGatewayFailure = od.consecutiveGatewayErrors
    out.enforcingConsecutiveGatewayFailure = od.consecutiveGatewayErrors === 0 ? 0 : 100
  }
  if (od.interval !== undefined) out.intervalMs = od.interval
  if (od.baseEjectionTime !== undefined) out.baseEjectionTimeMs = od.baseEjectionTime
  if (od.maxEjectionTime !== undefined) out.maxEjectionTimeMs = od.maxEjectionTime
  // Istio copies maxEjectionPercent only when it is > 0 (0 leaves Envoy's 10 %).
  if (od.maxEjectionPercent !== undefined && (profile.mesh !== 'istio' || od.maxEjectionPercent > 0)) out.maxEjectionPercent = od.maxEjectionPercent
  const sr = od.successRate
  if (sr) {
    out.enforcingSuccessRate = sr.enforcing ?? 100
    if (sr.minimumHosts !== undefined) out.successRateMinimumHosts = sr.minimumHosts
    if (sr.requestVolume !== undefined) out.successRateRequestVolume = sr.requestVolume
    // NOTE(model): a stdevFactor below 100 is read as the factor itself (1.9), otherwise as
    // Envoy's ×1000 integer form (1900); both mean the same threshold.
    if (sr.stdevFactor !== undefined) out.successRateStdevFactor = sr.stdevFactor < 100 ? Math.round(sr.stdevFactor * 1000) : sr.stdevFactor
  }
  const fp = od.failurePercentage
  if (fp) {
    out.enforcingFailurePercentage = fp.enforcing ?? 100
    if (fp.threshold !== undefined) out.failurePercentageThreshold = fp.threshold
    if (fp.minimumHosts !== undefined) out.failurePercentageMinimumHosts = fp.minimumHosts
    if (fp.requestVolume !== undefined) out.failurePercentageRequestVolume = fp.requestVolume
  }
  return out
}

function resolveAccrual(fa: NonNullable<Destination['failureAccrual']>, d: ResolvedFailureAccrual): ResolvedFailureAccrual {
  // NOTE(model): jitterRatio above 1 is read as a percentage (50 → 0.5).
  const jitter = fa.jitterRatio === undefined ? d.jitterRatio : fa.jitterRatio > 1 ? fa.jitterRatio / 100 : fa.jitterRatio
  return {
    maxFailures: fa.maxFailures ?? d.maxFailures,
    minPenaltyMs: fa.minPenalty ?? d.minPenaltyMs,
    maxPenaltyMs: fa.maxPenalty ?? d.maxPenaltyMs,
    jitterRatio: jitter,
  }
}
