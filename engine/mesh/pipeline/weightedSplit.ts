/**
 * Stage 2 — weighted split: choose the cluster (version subset) of a request.
 *
 * Envoy weighted_clusters: v = R mod Σw, clusters laid out in config order as half-open
 * ranges [0, w₁), [w₁, w₁+w₂), …; the range containing v wins, so a weight-0 entry is never
 * chosen. Chosen once per request; retries reuse it.
 * NOTE(model): R is a 32-bit draw from the route's stream, not Envoy's 64-bit stream id;
 * the split is equally uniform.
 * Complexity: O(entries) per request (entries are few).
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto#config-route-v3-weightedcluster
 */
import type { Rng } from '../../kernel/rng'
import type { RuleRt } from './types'

/** Sets a rule's split (cluster ids and integer weights, in config order). */
export function setSplit(rule: RuleRt, clusters: readonly number[], weights: readonly number[]): void {
  const cumulative = new Float64Array(weights.length)
  let total = 0
  weights.forEach((w, i) => {
    total += Math.max(0, w)
    cumulative[i] = total
  })
  rule.splitClusters = Int32Array.from(clusters)
  rule.splitCumulative = cumulative
  rule.splitTotal = total
}

/** The cluster id for one request, or -1 when every weight is 0. */
export function pickCluster(rule: RuleRt, rng: Rng): number {
  const n = rule.splitClusters.length
  if (rule.splitTotal <= 0) return -1
  if (n === 1) return rule.splitClusters[0]!
  const v = rng.below(rule.splitTotal)
  const cum = rule.splitCumulative
  for (let i = 0; i < n; i++) if (v < cum[i]!) return rule.splitClusters[i]!
  return rule.splitClusters[n - 1]!
}

/** The weighted-split stage. */
export const weightedSplitStage = {
  kind: 'weighted_split',
  label: 'Weighted split',
  pickCluster,
  setSplit,
} as const
