/**
 * Analyser `panic_routing`: what happens when outlier detection ejects most of a cluster.
 *
 * Envoy balances over *every* host of a priority level, ejected ones included, once fewer
 * than `healthy_panic_threshold` percent are healthy (panic routing, default 50 %), so the
 * ejections stop protecting callers (envoy#2671: "ejections seem to happen, however I do not
 * see anything in the requests behaviour"). Istio sets the threshold to the
 * DestinationRule's `minHealthPercent`, default 0 %, whenever outlier detection is
 * configured: panic routing is off, and once every host is ejected Envoy has no host to pick
 * and answers 503 "no healthy upstream" (flag UH) until an ejection ends — even when the
 * hosts recovered long before.
 * OUTLIER_004: enough hosts can be ejected to reach panic. OUTLIER_003: every host can be
 * ejected and the threshold is 0 (no panic).
 * Complexity: O(clusters).
 *
 * @see https://github.com/envoyproxy/envoy/issues/2671
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/panic_threshold
 */
import { computePriorityLoad } from '../mesh/lb/priorityLoad'
import { fmtMs } from './format'
import { maxEjectable, outlierConfigOf } from './outlierFacts'
import { edgesInto, policyPath, usedClusters } from './topology'
import type { ClusterRef } from './topology'
import type { Insight, InsightAnalyser, InsightContext } from './types'

function analyse(ctx: InsightContext): Insight[] {
  const out: Insight[] = []
  for (const c of usedClusters(ctx)) {
    const cfg = outlierConfigOf(c)
    if (cfg === null || c.hosts === 0) continue
    const k = maxEjectable(c.hosts, cfg.maxEjectionPercent)
    if (k === 0) continue
    const threshold = c.policy.healthyPanicThreshold
    const panic = computePriorityLoad([{ hosts: c.hosts, healthy: c.hosts - k, degraded: 0, excluded: 0 }], { healthyPanicThreshold: threshold }).panic[0] === true
    if (panic) out.push(panicReachable(ctx, c, k, threshold, cfg.maxEjectionPercent))
    else if (k === c.hosts && threshold === 0) out.push(noPanic(ctx, c, cfg.baseEjectionTimeMs, cfg.intervalMs))
  }
  return out
}

function panicReachable(ctx: InsightContext, c: ClusterRef, k: number, threshold: number, maxPct: number): Insight {
  const summary = ctx.metrics?.clusters[c.name]
  const intervals = ctx.metrics?.panics.intervals.filter((i) => i.cluster === c.name) ?? []
  const evidence = summary ? [`${c.name}: client sidecars balanced in panic for ${round1(summary.panicSeconds)} s in total (summed over ${summary.sidecars} sidecars), after ${summary.ejections} ejections`] : []
  for (const i of intervals.slice(0, 3)) evidence.push(`${i.sidecar} → ${c.name}: panic from ${round1(i.startSeconds)} s to ${i.endSeconds === null ? 'the end' : `${round1(i.endSeconds)} s`}`)
  return {
    code: 'OUTLIER_004',
    severity: summary && summary.panicSeconds > 0 ? 'warning' : 'info',
    title: `${c.name}: ejections can push the cluster into panic routing — ejected hosts get traffic again`,
    explanation:
      `max_ejection_percent ${maxPct} % lets ${k} of ${c.hosts} hosts be ejected, leaving ${Math.round((100 * (c.hosts - k)) / c.hosts)} % healthy, ` +
      `below the panic threshold of ${threshold} % (healthy_panic_threshold; Istio's minHealthPercent). Below it Envoy stops trusting ` +
      'health and balances over every host, ejected ones included, so the failing hosts keep failing requests as if ' +
      'outlier detection were off (envoy#2671). Lower minHealthPercent (Istio) or the panic threshold to keep ejected hosts out, at the ' +
      'price of 503s when none is left; or cap maxEjectionPercent below the panic point.',
    evidence,
    path: policyPath(ctx, c.service, c.version, 'outlierDetection', 'maxEjectionPercent'),
  }
}

function noPanic(ctx: InsightContext, c: ClusterRef, baseMs: number, intervalMs: number): Insight {
  const edges = edgesInto(ctx, c.service)
  const uh = edges.reduce((n, e) => n + e.fates.no_healthy_upstream, 0)
  return {
    code: 'OUTLIER_003',
    severity: uh > 0 ? 'error' : 'warning',
    title: `${c.name}: every host can be ejected and panic routing is off — 503 no healthy upstream`,
    explanation:
      'With outlier detection configured Istio sets healthy_panic_threshold to minHealthPercent, default 0 %: panic routing is ' +
      `off. max_ejection_percent lets all ${c.hosts} hosts be ejected; then Envoy has no host to pick and answers 503 ` +
      `"no healthy upstream" (UH) at once, until the first ejection ends — ${fmtMs(baseMs)} or more (baseEjectionTime × ejections, ` +
      `rounded up to the ${fmtMs(intervalMs)} interval), even when the hosts recovered long before. Envoy's own default (50 %) would ` +
      'balance over the ejected hosts instead (envoy#2671). Set minHealthPercent, or cap maxEjectionPercent below 100 %.',
    evidence: edges.map((e) => `${e.from} → ${e.to}: ${e.fates.no_healthy_upstream} requests failed with no healthy upstream`),
    path: policyPath(ctx, c.service, c.version, 'outlierDetection', 'maxEjectionPercent'),
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10
}

/** The panic-routing analyser. */
export const panicRoutingAnalyser: InsightAnalyser = {
  kind: 'panic_routing',
  label: 'Ejections meeting the panic threshold',
  analyse,
}
