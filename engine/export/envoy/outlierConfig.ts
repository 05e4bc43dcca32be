/**
 * Outlier detection and panic threshold of an Envoy cluster, mapped as Istio maps a
 * DestinationRule's `outlierDetection` (mesh-algorithms.md §15.2): consecutive 5xx and
 * gateway errors enforced at 100 %, success-rate ejection off unless asked for, and
 * `minHealthPercent` (Istio default 0 %) as `healthy_panic_threshold`. For the `envoy`
 * profile Envoy's own defaults stand for whatever the scenario leaves out.
 *
 * Linkerd's failure accrual (consecutive failures → endpoint shut with exponential back-off)
 * is closest to consecutive-5xx ejection with a base and maximum ejection time; it is
 * exported that way with a diagnostic when the scenario has no outlier detection.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/outlier_detection.proto
 */
import type { Service } from '../../model/types'
import type { PolicyFields } from '../facts/scenarioFacts'
import { destinationOf } from '../facts/scenarioFacts'
import type { EnvoyContext } from './envoyContext'
import { noteEnvoy, wholePercent } from './envoyContext'
import type { Json } from './envoyValues'
import { protoDuration } from './envoyValues'

/** Envoy's default panic threshold, percent. */
const ENVOY_PANIC_DEFAULT = 50

/** The cluster's `outlier_detection` and panic threshold, or undefined when neither applies. */
export function outlierDetection(
  ctx: EnvoyContext, svc: Service, policy: PolicyFields, path: (field: string) => string,
): { detection?: Json; panicThreshold?: number } | undefined {
  const od = policy.outlierDetection
  if (!od) return failureAccrual(ctx, svc)
  if (!ctx.profile.hasOutlierDetection) {
    noteEnvoy(ctx, 11, `the ${ctx.profile.mesh} profile has no outlier detection (the simulation ignores it too): not exported`, path('outlierDetection'))
    return failureAccrual(ctx, svc)
  }
  const istio = ctx.profile.mesh === 'istio'
  const pct = (v: number | undefined, field: string) => (v === undefined ? undefined : wholePercent(ctx, v, path(`outlierDetection.${field}`)))
  const sr = od.successRate
  const fp = od.failurePercentage
  const detection: Json = {
    consecutive_5xx: od.consecutive5xxErrors,
    enforcing_consecutive_5xx: istio && od.consecutive5xxErrors !== undefined ? (od.consecutive5xxErrors === 0 ? 0 : 100) : undefined,
    consecutive_gateway_failure: od.consecutiveGatewayErrors,
    enforcing_consecutive_gateway_failure: od.consecutiveGatewayErrors === undefined ? undefined : od.consecutiveGatewayErrors === 0 ? 0 : 100,
    interval: od.interval === undefined ? undefined : protoDuration(od.interval),
    base_ejection_time: od.baseEjectionTime === undefined ? undefined : protoDuration(od.baseEjectionTime),
    max_ejection_time: od.maxEjectionTime === undefined ? undefined : protoDuration(od.maxEjectionTime),
    max_ejection_percent: pct(od.maxEjectionPercent, 'maxEjectionPercent'),
    enforcing_success_rate: sr ? (pct(sr.enforcing, 'successRate.enforcing') ?? 100) : istio ? 0 : undefined,
    success_rate_minimum_hosts: sr?.minimumHosts,
    success_rate_request_volume: sr?.requestVolume,
    success_rate_stdev_factor: sr?.stdevFactor === undefined ? undefined : Math.round(sr.stdevFactor * 1000),
    failure_percentage_threshold: pct(fp?.threshold, 'failurePercentage.threshold'),
    failure_percentage_minimum_hosts: fp?.minimumHosts,
    failure_percentage_request_volume: fp?.requestVolume,
    enforcing_failure_percentage: fp ? (pct(fp.enforcing, 'failurePercentage.enforcing') ?? 100) : undefined,
  }
  const panic = od.minHealthPercent ?? (istio ? ctx.profile.panicThresholdWithOutlier : undefined)
  return { detection, panicThreshold: panic === undefined || (!istio && panic === ENVOY_PANIC_DEFAULT) ? undefined : panic }
}

function failureAccrual(ctx: EnvoyContext, svc: Service): { detection?: Json } | undefined {
  const found = destinationOf(ctx.scenario, svc.name)
  const fa = found?.destination.failureAccrual
  if (!found || !fa) return undefined
  if (ctx.profile.mesh !== 'linkerd') {
    noteEnvoy(ctx, 11, `failure accrual is Linkerd's: the ${ctx.profile.mesh} profile ignores it (as simulated); not exported`, `destinations[${found.index}].failureAccrual`)
    return undefined
  }
  const d = ctx.profile.failureAccrual
  const maxFailures = fa.maxFailures ?? d.maxFailures
  const minPenalty = fa.minPenalty ?? d.minPenaltyMs
  const maxPenalty = fa.maxPenalty ?? d.maxPenaltyMs
  noteEnvoy(
    ctx, 3,
    `Envoy has no Linkerd failure accrual: exported as outlier detection (consecutive_5xx ${maxFailures}, base_ejection_time ${protoDuration(minPenalty)}, max_ejection_time ${protoDuration(maxPenalty)}, max_ejection_percent 100); Envoy re-admits after the ejection time instead of probing with one request, and the jitter ratio is dropped`,
    `destinations[${found.index}].failureAccrual`,
  )
  return {
    detection: {
      consecutive_5xx: maxFailures,
      enforcing_consecutive_5xx: 100,
      base_ejection_time: protoDuration(minPenalty),
      max_ejection_time: protoDuration(Math.max(minPenalty, maxPenalty)),
      max_ejection_percent: 100,
      enforcing_success_rate: 0,
    },
  }
}
