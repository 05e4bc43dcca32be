/**
 * Envoy outlier detection configuration: field defaults and validation.
 *
 * Defaults are copied from `DetectorConfig` / `outlier_detection.proto`. `max_ejection_time`
 * defaults to max(300 s, base_ejection_time); a configured max below the base is rejected as
 * Envoy's `DetectorImpl::create` rejects it. Percentages are Envoy's integer percent
 * (0–100); `successRateStdevFactor` is Envoy's ×1000 integer form (1900 means 1.9).
 * O(1); called once per detector.
 *
 * NOTE(model): the split local-origin options (`split_external_local_origin_errors`,
 * `consecutive_local_origin_failure`, local-origin success rate) and extension monitors are
 * not modelled; local failures are folded into HTTP codes as Envoy does without the split.
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/upstream/outlier_detection_impl.cc
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/outlier_detection.proto
 */

/** Outlier detection settings; every field is optional and defaults as in Envoy. */
export interface OutlierDetectionConfig {
  /** `consecutive_5xx`, default 5 (0 disables: a counter never equals 0 after an increment). */
  consecutive5xx?: number
  /** `consecutive_gateway_failure` (502/503/504), default 5. */
  consecutiveGatewayFailure?: number
  /** `interval` between analysis ticks, default 10 000 ms. */
  intervalMs?: number
  /** `base_ejection_time`, default 30 000 ms. */
  baseEjectionTimeMs?: number
  /** `max_ejection_time`, default max(300 000 ms, base). */
  maxEjectionTimeMs?: number
  /** `max_ejection_time_jitter`, default 0 ms. */
  maxEjectionTimeJitterMs?: number
  /** `max_ejection_percent`, default 10 (capped at 100). */
  maxEjectionPercent?: number
  /** `always_eject_one_host`, default false. */
  alwaysEjectOneHost?: boolean
  /** `enforcing_consecutive_5xx` percent, default 100. */
  enforcingConsecutive5xx?: number
  /** `enforcing_consecutive_gateway_failure` percent, default 0. */
  enforcingConsecutiveGatewayFailure?: number
  /** `enforcing_success_rate` percent, default 100. */
  enforcingSuccessRate?: number
  /** `success_rate_minimum_hosts`, default 5. */
  successRateMinimumHosts?: number
  /** `success_rate_request_volume` per interval, default 100. */
  successRateRequestVolume?: number
  /** `success_rate_stdev_factor`, Envoy's integer ×1000 form: default 1900 (= 1.9). */
  successRateStdevFactor?: number
  /** `failure_percentage_threshold` percent, default 85. */
  failurePercentageThreshold?: number
  /** `failure_percentage_minimum_hosts`, default 5. */
  failurePercentageMinimumHosts?: number
  /** `failure_percentage_request_volume` per interval, default 50. */
  failurePercentageRequestVolume?: number
  /** `enforcing_failure_percentage` percent, default 0. */
  enforcingFailurePercentage?: number
}

/** The configuration with every default applied. */
export type ResolvedOutlierConfig = Required<OutlierDetectionConfig>

/** Envoy's `max_ejection_time` default before it is raised to the base ejection time. */
export const DEFAULT_MAX_EJECTION_TIME_MS = 300_000

/** Envoy's outlier detection defaults (max ejection time is derived, see `resolveOutlierConfig`). */
export const OUTLIER_DEFAULTS: Readonly<Omit<ResolvedOutlierConfig, 'maxEjectionTimeMs'>> = {
  consecutive5xx: 5,
  consecutiveGatewayFailure: 5,
  intervalMs: 10_000,
  baseEjectionTimeMs: 30_000,
  maxEjectionTimeJitterMs: 0,
  maxEjectionPercent: 10,
  alwaysEjectOneHost: false,
  enforcingConsecutive5xx: 100,
  enforcingConsecutiveGatewayFailure: 0,
  enforcingSuccessRate: 100,
  successRateMinimumHosts: 5,
  successRateRequestVolume: 100,
  successRateStdevFactor: 1900,
  failurePercentageThreshold: 85,
  failurePercentageMinimumHosts: 5,
  failurePercentageRequestVolume: 50,
  enforcingFailurePercentage: 0,
}

/**
 * Applies Envoy's defaults and checks the values.
 *
 * @throws RangeError when a numeric field is negative or not finite, `intervalMs` is 0, or
 *   `maxEjectionTimeMs` < `baseEjectionTimeMs` (Envoy: "outlier detector's max_ejection_time
 *   cannot be smaller than base_ejection_time").
 */
export function resolveOutlierConfig(config: OutlierDetectionConfig): ResolvedOutlierConfig {
  const merged = { ...OUTLIER_DEFAULTS, ...stripUndefined(config) }
  const resolved: ResolvedOutlierConfig = {
    ...merged,
    maxEjectionTimeMs:
      config.maxEjectionTimeMs ?? Math.max(DEFAULT_MAX_EJECTION_TIME_MS, merged.baseEjectionTimeMs),
  }
  for (const [key, value] of Object.entries(resolved)) {
    if (typeof value === 'number' && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`outlier detection ${key} must be a finite number ≥ 0, got ${value}`)
    }
  }
  if (resolved.intervalMs <= 0) throw new RangeError('outlier detection intervalMs must be > 0')
  if (resolved.maxEjectionTimeMs < resolved.baseEjectionTimeMs) {
    throw new RangeError("outlier detector's max_ejection_time cannot be smaller than base_ejection_time")
  }
  return resolved
}

function stripUndefined(config: OutlierDetectionConfig): OutlierDetectionConfig {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(config)) if (value !== undefined) out[key] = value
  return out as OutlierDetectionConfig
}
