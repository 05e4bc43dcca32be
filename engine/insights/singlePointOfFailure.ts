/**
 * Analyser `single_point_of_failure` (SPOF_001): a cluster with one replica on a required
 * path of user traffic (a traffic source's service, then every `required` call below it).
 * When that pod restarts or is evicted, the requests routed to it fail. With Envoy a
 * weighted split does not move traffic between its clusters, so a one-replica canary subset
 * fails its share; Linkerd's RandomAvailable moves it to the other backends, so there only
 * the whole rule's replica count matters. One insight lists every such service.
 * Complexity: O(services + calls).
 */
import { callsOf, clustersOf, entryHops, ruleFor, serviceIndex } from './topology'
import type { RuleRef } from './topology'
import type { Insight, InsightAnalyser, InsightContext } from './types'

interface Finding { readonly service: string; readonly cluster: string; readonly version: string | undefined; readonly sharePct: number }

function singleReplicaClusters(ctx: InsightContext, ref: RuleRef): Finding[] {
  const clusters = clustersOf(ctx, ref)
  const total = ref.rule.split.reduce((n, x) => n + Math.max(0, x.weight), 0)
  if (ctx.resolved.mesh === 'linkerd') {
    const hosts = clusters.reduce((n, c) => n + c.hosts, 0)
    return hosts === 1 ? clusters.filter((c) => c.hosts === 1).map((c) => ({ service: ref.service, cluster: c.name, version: c.version, sharePct: 100 })) : []
  }
  return clusters.filter((c) => c.hosts === 1).map((c) => ({
    service: ref.service, cluster: c.name, version: c.version,
    sharePct: total > 0 ? Math.round((100 * (ref.rule.split.find((x) => x.version === c.version)?.weight ?? 0)) / total) : 0,
  }))
}

function analyse(ctx: InsightContext): Insight[] {
  const found = new Map<string, Finding>()
  const visited = new Set<string>()
  const visit = (ref: RuleRef, depth: number): void => {
    if (visited.has(ref.path) || depth > 64) return
    visited.add(ref.path)
    for (const f of singleReplicaClusters(ctx, ref)) {
      const prev = found.get(f.cluster)
      if (!prev || prev.sharePct < f.sharePct) found.set(f.cluster, f)
    }
    for (const c of callsOf(ctx, ref.service)) {
      if (!c.required || c.probability <= 0) continue
      const next = ruleFor(ctx, c.to, c)
      if (next) visit(next, depth + 1)
    }
  }
  for (const h of entryHops(ctx)) visit(h.ref, 0)
  const list = [...found.values()]
  if (list.length === 0) return []
  const first = list[0]!
  const si = serviceIndex(ctx, first.service)
  const vi = ctx.scenario.services[si]!.versions.findIndex((v) => first.version === undefined || v.name === first.version)
  const replicasSet = ctx.scenario.services[si]!.versions[vi]?.replicas !== undefined
  const names = list.map((f) => f.cluster)
  return [{
    code: 'SPOF_001',
    severity: list.some((f) => f.sharePct >= 50) ? 'warning' : 'info',
    title: `${list.length === 1 ? 'one cluster runs' : `${list.length} clusters run`} a single replica on a required path: ${names.slice(0, 6).join(', ')}${names.length > 6 ? ', …' : ''}`,
    explanation:
      'A required call fails its caller when it fails, so every user request routed through these clusters depends on one pod: ' +
      'a restart, an eviction or a rolling deploy fails them (503 no healthy upstream once the endpoint is gone, resets and ' +
      'connect failures before). With Envoy a weighted split does not move traffic to another subset when one is empty. ' +
      'Run at least two replicas (in different zones), or make the call optional (required: false) if the caller can do without it.',
    evidence: list.map((f) => {
      const reached = ctx.metrics?.services[f.service]?.requests
      return `${f.cluster}: 1 replica carrying ${f.sharePct} % of the rule's traffic${reached === undefined ? '' : `; ${reached} requests reached ${f.service} in this run`}`
    }),
    path: `services[${si}].versions[${vi}]${replicasSet ? '.replicas' : ''}`,
  }]
}

/** The single-point-of-failure analyser. */
export const singlePointOfFailureAnalyser: InsightAnalyser = {
  kind: 'single_point_of_failure',
  label: 'Single replicas on required paths',
  analyse,
}
