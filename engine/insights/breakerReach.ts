/**
 * Analyser `breaker_reach` (BREAKER_001): connection-pool limits (Envoy circuit breakers)
 * that the traffic can never reach, so the breaker never opens. Limits are per client
 * sidecar, not per service: a caller replica can hold at most (its workers × the calls to
 * the service one of its requests makes at once) requests to it; a closed-loop source at
 * most its users. The breaker can trip only if that bound exceeds max_requests, or (HTTP/1.1,
 * one request per connection) max_connections + max_pending_requests; the retries breaker
 * only if it exceeds max_retries. With an open-loop source calling the service there is no
 * bound and the analyser says nothing.
 * Complexity: O(clusters × versions × calls).
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/circuit_breaking
 */
import type { ResolvedVersion } from '../model/resolve'
import { policyPath, usedClusters } from './topology'
import type { ClusterRef } from './topology'
import type { Insight, InsightAnalyser, InsightContext } from './types'

type Bound = { bound: number; who: string }

/** Most requests one replica of `v` can have in flight to each service it calls: workers × calls in its largest parallel group. */
function perReplicaBounds(v: ResolvedVersion): Map<string, number> {
  const groups = new Map<string, number>()
  const out = new Map<string, number>()
  v.calls.forEach((c, i) => {
    const key = `${c.to}\u0000${c.parallel ?? `#${i}`}`
    const n = (groups.get(key) ?? 0) + 1
    groups.set(key, n)
    out.set(c.to, Math.max(out.get(c.to) ?? 0, v.concurrency * n))
  })
  return out
}

/** Per callee, the largest per-sidecar bound over every caller; null when an open-loop source calls it (unbounded). */
function callerBounds(ctx: InsightContext): Map<string, Bound | null> {
  const out = new Map<string, Bound | null>()
  const offer = (service: string, b: Bound): void => {
    const prev = out.get(service)
    if (prev !== null && (prev === undefined || b.bound > prev.bound)) out.set(service, b)
  }
  for (const src of ctx.resolved.sources) {
    if (src.load.kind !== 'closed_loop') out.set(src.to, null)
    else offer(src.to, { bound: src.load.users, who: `${src.name} (${src.load.users} closed-loop users)` })
  }
  for (const s of ctx.resolved.services) {
    for (const v of s.versions) {
      for (const [to, bound] of perReplicaBounds(v)) {
        const k = bound / v.concurrency
        offer(to, { bound, who: `${s.name}/${v.name} (${v.concurrency} workers × ${k} concurrent call${k > 1 ? 's' : ''})` })
      }
    }
  }
  return out
}

function analyse(ctx: InsightContext): Insight[] {
  const out: Insight[] = []
  const bounds = callerBounds(ctx)
  for (const c of usedClusters(ctx)) {
    const pool = c.policy.connectionPool
    const path = policyPath(ctx, c.service, c.version, 'connectionPool')
    if (pool === null || !path.endsWith('connectionPool')) continue
    const set = configuredLimits(ctx, c)
    if (set.length === 0) continue
    const caller = bounds.get(c.service)
    if (!caller) continue
    const protocol = ctx.resolved.services.find((s) => s.name === c.service)?.protocol
    const http1 = protocol === 'http' || protocol === 'tcp'
    const b = caller.bound
    const reachable =
      b > pool.maxRequests ||
      (http1 && b > pool.maxConnections + pool.maxPendingRequests) ||
      (!pool.retryBudget && b > pool.maxRetries && set.includes('maxRetries'))
    if (reachable) continue
    const opened = ctx.metrics?.breakers.intervals.filter((i) => i.cluster === c.name).length
    out.push({
      code: 'BREAKER_001',
      severity: 'info',
      title: `${c.name}: the circuit breaker can never open (${set.map((k) => `${k} ${(pool as unknown as Record<string, number>)[k]}`).join(', ')})`,
      explanation:
        `Envoy's connection-pool limits apply per client sidecar, and the busiest caller, ${caller.who}, can hold at most ${b} ` +
        `requests to ${c.service} at once: never more than max_requests${http1 ? ', nor max_connections + max_pending_requests' : ''}` +
        `${set.includes('maxRetries') ? ', nor max_retries' : ''}. The limits never shed load. To protect ${c.service}, size them below ` +
        'what one caller can send (limits per caller replica), or limit the callers\' concurrency instead.',
      evidence: opened === undefined ? [] : [`${c.name}: breaker opened ${opened} times in this run`],
      path,
    })
  }
  return out
}

/** The connection-pool limits the document sets for a cluster (version override first). */
function configuredLimits(ctx: InsightContext, c: ClusterRef): string[] {
  const dest = ctx.scenario.destinations?.find((d) => d.service === c.service)
  const override = c.version === undefined ? undefined : dest?.versions?.find((v) => v.name === c.version)?.connectionPool
  const cp = override ?? dest?.connectionPool
  if (!cp) return []
  return (['maxConnections', 'maxPendingRequests', 'maxRequests', 'maxRetries'] as const).filter((k) => cp[k] !== undefined && cp[k] > 0)
}

/** The breaker-reach analyser. */
export const breakerReachAnalyser: InsightAnalyser = {
  kind: 'breaker_reach',
  label: 'Circuit breakers that can never trip',
  analyse,
}
