/**
 * Analyser `gateway_errors` (OUTLIER_001, istio#8846): endpoints fail with plain 5xx
 * (500, 501, …) but the only consecutive-error detector that can eject is
 * consecutive_gateway_failure, which counts only 502, 503 and 504 (and local connect
 * failures and timeouts, mapped to 503 / 504) — a 500 even resets its counter. With
 * consecutive5xxErrors set to 0 (Istio's default is Envoy's 5) and no success-rate or
 * failure-percentage analysis able to run, such an endpoint is never ejected.
 * Complexity: O(clusters × (versions + faults)).
 *
 * @see https://github.com/istio/istio/issues/8846
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/outlier#consecutive-gateway-failure
 */
import { fmtPct } from './format'
import { activeDetectors, failingStatuses, isGatewayError, outlierConfigOf } from './outlierFacts'
import { edgesInto, policyPath, usedClusters } from './topology'
import type { Insight, InsightAnalyser, InsightContext } from './types'

function analyse(ctx: InsightContext): Insight[] {
  const out: Insight[] = []
  for (const c of usedClusters(ctx)) {
    const cfg = outlierConfigOf(c)
    if (cfg === null) continue
    const on = activeDetectors(cfg, c.hosts)
    if (!on.gateway || on.consecutive5xx || on.successRate || on.failurePercentage) continue
    const plain = failingStatuses(ctx, c).filter((f) => !isGatewayError(f.status))
    if (plain.length === 0) continue
    const summary = ctx.metrics?.clusters[c.name]
    const evidence = [
      ...(summary ? [`${c.name}: ${summary.ejectionsDetected} ejections detected, ${summary.ejections} enforced`] : []),
      ...edgesInto(ctx, c.service).map((e) => `${e.from} → ${e.to}: ${e.failed} of ${e.requests} requests failed (${fmtPct(e.failed, e.requests)})`),
    ]
    out.push({
      code: 'OUTLIER_001',
      severity: 'warning',
      title: `${c.name}: ${[...new Set(plain.map((f) => f.status))].join(', ')} responses never eject a host — only gateway errors count`,
      explanation:
        `${capitalise(plain.map((f) => f.source).join('; '))}. consecutiveGatewayErrors (${cfg.consecutiveGatewayFailure}) counts only 502, 503 and 504 ` +
        '(and connect failures and timeouts, which Envoy maps to 503 and 504); any other 5xx resets that counter. ' +
        `The detector that counts every 5xx is off (consecutive5xxErrors ${cfg.consecutive5xx}${cfg.consecutive5xx > 0 ? `, enforcing ${cfg.enforcingConsecutive5xx} %` : ''}), ` +
        'and Istio turns success-rate ejection off, so the failing endpoint keeps its share of the traffic. ' +
        'Set consecutive5xxErrors (Istio leaves Envoy\'s default of 5 when it is unset) to eject on any 5xx (istio#8846).',
      evidence,
      path: policyPath(ctx, c.service, c.version, 'outlierDetection', 'consecutiveGatewayErrors'),
    })
  }
  return out
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** The gateway-errors analyser. */
export const gatewayErrorsAnalyser: InsightAnalyser = {
  kind: 'gateway_errors',
  label: 'Plain 5xx responses that consecutive gateway errors ignore',
  analyse,
}
