/**
 * Analyser `ejection_limit`: outlier detection that can never eject anything.
 *
 * OUTLIER_002 (envoy#3263): Envoy ejects a host only while
 * 100 × (ejected + 1) / hosts ≤ max_ejection_percent. Below 100 / max hosts not even one
 * ejection fits: with the default 10 %, fewer than 10 hosts are never ejected; every
 * detection only counts an `ejections_overflow`. Older Envoy ejected one host whatever the
 * percentage (the behaviour envoy#3263 reported); envoy#27909 (2023) made the percentage a
 * hard limit and `always_eject_one_host` restores the old rule, so configs written before
 * then stopped ejecting.
 * OUTLIER_005: every detector is off (enforcing 0 %, a threshold of 0, or too few hosts for
 * the success-rate / failure-percentage analyses).
 * Complexity: O(clusters).
 *
 * @see https://github.com/envoyproxy/envoy/issues/3263
 * @see https://github.com/envoyproxy/envoy/pull/27909
 */
import { activeDetectors, maxEjectable, outlierConfigOf } from './outlierFacts'
import { edgesInto, policyPath, usedClusters } from './topology'
import type { ClusterRef } from './topology'
import type { Insight, InsightAnalyser, InsightContext } from './types'

function analyse(ctx: InsightContext): Insight[] {
  const out: Insight[] = []
  for (const c of usedClusters(ctx)) {
    const cfg = outlierConfigOf(c)
    if (cfg === null || c.hosts === 0) continue
    const on = activeDetectors(cfg, c.hosts)
    if (!on.consecutive5xx && !on.gateway && !on.successRate && !on.failurePercentage) {
      out.push(noDetector(ctx, c))
      continue
    }
    if (maxEjectable(c.hosts, cfg.maxEjectionPercent) > 0) continue
    const share = 100 / c.hosts
    const needPct = Math.ceil(share)
    const needHosts = Math.ceil(100 / Math.max(1e-9, Math.min(100, cfg.maxEjectionPercent)))
    const summary = ctx.metrics?.clusters[c.name]
    const evidence = summary ? [`${c.name}: ${summary.ejectionsOverflow} ejections refused by max_ejection_percent (ejections_overflow), ${summary.ejections} enforced`] : []
    for (const e of edgesInto(ctx, c.service)) evidence.push(`${e.from} → ${e.to}: ${e.failed} of ${e.requests} requests failed`)
    out.push({
      code: 'OUTLIER_002',
      severity: summary && summary.ejectionsOverflow > 0 ? 'warning' : 'info',
      title: `${c.name}: outlier detection can never eject a host (${c.hosts} host${c.hosts > 1 ? 's' : ''}, max_ejection_percent ${cfg.maxEjectionPercent} %)`,
      explanation:
        `Envoy ejects a host only while 100 × (ejected + 1) / hosts ≤ max_ejection_percent. One host of ${c.hosts} is ` +
        `${Math.round(share * 10) / 10} % > ${cfg.maxEjectionPercent} %, so every detection is refused and the failing host keeps its traffic. ` +
        'Older Envoy ejected one host regardless (envoy#3263); since envoy#27909 (2023) the percentage is a hard limit. ' +
        `Raise maxEjectionPercent to at least ${needPct} %, or run at least ${needHosts} replicas.`,
      evidence,
      path: policyPath(ctx, c.service, c.version, 'outlierDetection', 'maxEjectionPercent'),
    })
  }
  return out
}

function noDetector(ctx: InsightContext, c: ClusterRef): Insight {
  return {
    code: 'OUTLIER_005',
    severity: 'warning',
    title: `${c.name}: no outlier detector can eject a host`,
    explanation:
      'Consecutive 5xx and consecutive gateway errors are off (a threshold or enforcing percentage of 0), and the ' +
      `success-rate and failure-percentage analyses are off or need more hosts than the ${c.hosts} there are. ` +
      'The outlierDetection block only sets timers.',
    evidence: [],
    path: policyPath(ctx, c.service, c.version, 'outlierDetection'),
  }
}

/** The ejection-limit analyser. */
export const ejectionLimitAnalyser: InsightAnalyser = {
  kind: 'ejection_limit',
  label: 'Outlier detection that can never eject',
  analyse,
}
