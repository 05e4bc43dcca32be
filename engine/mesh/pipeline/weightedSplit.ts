/**
 * Stage 2 — weighted split: choose the cluster (version subset) of a request.
 *
 * Envoy weighted_clusters: v = R mod Σw, clusters laid out in config order as half-open
 * ranges [0, w₁), [w₁, w₁+w₂), …; the range containing v wins, so a weight-0 entry is never
 * chosen. Chosen once per request; retries reuse it.
 * Linkerd (`RandomAvailable`, linkerd/distribute random.rs, mesh-algorithms.md §14.5): sample
 * a backend with probability weight / Σweight; if it has no ready endpoint, give it weight 0
 * for this request and sample again; none ready → no backend. A single backend is used
 * directly (its balancer then finds no endpoint).
 * NOTE(model): R is a 32-bit draw from the route's stream, not Envoy's 64-bit stream id;
 * the split is equally uniform. Linkerd would wait for a backend to become ready (fail-fast
 * after 3 s); here the request fails at once. Splits over more than 30 backends use Envoy's
 * selection (the excluded set is a 30-bit mask).
 * Complexity: O(entries) per request (entries are few); RandomAvailable O(entries²) worst case.
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

/**
 * Linkerd's RandomAvailable: the cluster id for one request, resampling without backends
 * that `isReady` rejects; -1 when every weight is 0 or no backend is ready.
 */
export function pickAvailableCluster(rule: RuleRt, rng: Rng, isReady: (cluster: number) => boolean): number {
  const n = rule.splitClusters.length
  if (n === 1 || n > 30) return pickCluster(rule, rng)
  const cum = rule.splitCumulative
  let total = rule.splitTotal
  let excluded = 0
  while (total > 0) {
    let v = rng.below(total)
    for (let i = 0; i < n; i++) {
      if ((excluded & (1 << i)) !== 0) continue
      const weight = cum[i]! - (i === 0 ? 0 : cum[i - 1]!)
      if (v >= weight) {
        v -= weight
        continue
      }
      const cluster = rule.splitClusters[i]!
      if (isReady(cluster)) return cluster
      excluded |= 1 << i
      total -= weight
      break
    }
  }
  return -1
}

/** The weighted-split stage. */
export const weightedSplitStage = {
  kind: 'weighted_split',
  label: 'Weighted split',
  pickCluster,
  pickAvailableCluster,
  setSplit,
} as const
