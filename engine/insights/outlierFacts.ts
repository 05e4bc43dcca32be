/**
 * Facts about a cluster's outlier detection the outlier analysers share: the effective
 * Envoy configuration (defaults applied), how many hosts `max_ejection_percent` lets it
 * eject, which detectors can eject at all, and the 5xx statuses its endpoints answer with
 * (their own error rate, or an `error_burst` fault).
 * Envoy's ejection rule (newest, since envoy#27909): eject while
 * 100 × (ejected + 1) / hosts ≤ max_ejection_percent.
 */
import { resolveOutlierConfig } from '../mesh/outlier/outlierConfig'
import type { ResolvedOutlierConfig } from '../mesh/outlier/outlierConfig'
import type { ClusterRef } from './topology'
import type { InsightContext } from './types'

/** The effective outlier configuration of a cluster, or null without outlier detection. */
export function outlierConfigOf(c: ClusterRef): ResolvedOutlierConfig | null {
  const od = c.policy.outlierDetection
  return od === null ? null : resolveOutlierConfig(od)
}

/** Most hosts that can be ejected at once (Envoy's max_ejection_percent rule). */
export function maxEjectable(hosts: number, maxEjectionPercent: number): number {
  const max = Math.min(100, maxEjectionPercent)
  let k = 0
  while (k < hosts && (100 * (k + 1)) / hosts <= max) k++
  return k
}

/** Which detectors can eject a host of `hosts`: enforcing > 0 and, for the analyses, enough hosts. */
export function activeDetectors(cfg: ResolvedOutlierConfig, hosts: number): { consecutive5xx: boolean; gateway: boolean; successRate: boolean; failurePercentage: boolean } {
  return {
    consecutive5xx: cfg.consecutive5xx > 0 && cfg.enforcingConsecutive5xx > 0,
    gateway: cfg.consecutiveGatewayFailure > 0 && cfg.enforcingConsecutiveGatewayFailure > 0,
    successRate: cfg.enforcingSuccessRate > 0 && hosts >= cfg.successRateMinimumHosts,
    failurePercentage: cfg.enforcingFailurePercentage > 0 && hosts >= cfg.failurePercentageMinimumHosts,
  }
}

/** The 5xx statuses the cluster's endpoints answer with, and where each comes from. */
export function failingStatuses(ctx: InsightContext, c: ClusterRef): { status: number; source: string }[] {
  const out: { status: number; source: string }[] = []
  for (const v of c.versions) {
    if (v.errorRate > 0 && v.errorStatus >= 500) out.push({ status: v.errorStatus, source: `${c.service}/${v.name} answers ${v.errorStatus} to ${v.errorRate} % of requests` })
  }
  for (const f of ctx.resolved.faults) {
    if (f.kind !== 'error_burst' || f.service !== c.service) continue
    if (f.version !== undefined && !c.versions.some((v) => v.name === f.version)) continue
    const status = f.status ?? 503
    if (status >= 500) out.push({ status, source: `an error_burst fault makes ${f.service}${f.version ? `/${f.version}` : ''} answer ${status} to ${f.rate} % of requests` })
  }
  return out
}

/** Envoy's gateway errors: the statuses consecutive_gateway_failure counts. */
export function isGatewayError(status: number): boolean {
  return status === 502 || status === 503 || status === 504
}
