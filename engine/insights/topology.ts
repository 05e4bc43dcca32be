/**
 * Read-only queries over a resolved scenario that several analysers share: route rules and
 * the clusters they send traffic to (with their document paths), which rule a request
 * class meets, the calls a service makes, and the run's edges into a service.
 * Pure. Lookups are memoised per resolved scenario (a run resolves once and may be summarised
 * many times), so a 1 000-service topology costs O(topology) per analysis, not O(n²).
 */
import { matchRoute } from '../mesh/pipeline/routeMatch'
import type { RequestAttributes } from '../mesh/pipeline/routeMatch'
import type { ResolvedClusterPolicy } from '../model/profiles'
import type { ResolvedCall, ResolvedRule, ResolvedScenario, ResolvedVersion } from '../model/resolve'
import type { EdgeSummary } from '../sim/summary'
import type { InsightContext } from './types'

/** A route rule of a service, located in the document. */
export interface RuleRef {
  readonly service: string
  readonly rule: ResolvedRule
  /** `routes[i].rules[j]`, or `services[k]` for the implicit rule (the profile's defaults). */
  readonly path: string
  /** False for the implicit rule of a service without a route. */
  readonly explicit: boolean
}

/** An upstream cluster some rule sends traffic to: a whole service or one version subset. */
export interface ClusterRef {
  readonly service: string
  /** undefined: the whole service. */
  readonly version: string | undefined
  /** `service` or `service/version`, as the run names clusters. */
  readonly name: string
  readonly policy: ResolvedClusterPolicy
  readonly versions: readonly ResolvedVersion[]
  /** Endpoints (replicas) in the cluster. */
  readonly hosts: number
}

interface Memo {
  readonly serviceIndex: Map<string, number>
  readonly routeIndex: Map<string, number>
  readonly rules: Map<string, RuleRef[]>
  readonly calls: Map<string, ResolvedCall[]>
  used?: ClusterRef[]
}

const memos = new WeakMap<ResolvedScenario, Memo>()

function memoOf(ctx: InsightContext): Memo {
  let m = memos.get(ctx.resolved)
  if (!m) {
    m = {
      serviceIndex: new Map(ctx.scenario.services.map((s, i) => [s.name, i])),
      routeIndex: new Map((ctx.scenario.routes ?? []).map((r, i) => [r.service, i])),
      rules: new Map(), calls: new Map(),
    }
    memos.set(ctx.resolved, m)
  }
  return m
}

/** Index of a service in the document (−1 when unknown). */
export function serviceIndex(ctx: InsightContext, name: string): number {
  return memoOf(ctx).serviceIndex.get(name) ?? -1
}

/** The rules of `service`, in match order. */
export function rulesOf(ctx: InsightContext, service: string): RuleRef[] {
  const memo = memoOf(ctx)
  const known = memo.rules.get(service)
  if (known) return known
  const ri = memo.routeIndex.get(service) ?? -1
  const refs = (ctx.resolved.routes[service] ?? []).map((rule, j) => ({
    service, rule,
    path: ri >= 0 ? `routes[${ri}].rules[${j}]` : `services[${serviceIndex(ctx, service)}]`,
    explicit: ri >= 0,
  }))
  memo.rules.set(service, refs)
  return refs
}

/** Every rule of every service. */
export function allRules(ctx: InsightContext): RuleRef[] {
  return ctx.resolved.services.flatMap((s) => rulesOf(ctx, s.name))
}

/** The rule a request to `service` meets, or undefined (no route matches: 404). */
export function ruleFor(ctx: InsightContext, service: string, req: RequestAttributes): RuleRef | undefined {
  const i = matchRoute(ctx.resolved.routes[service] ?? [], req)
  return i < 0 ? undefined : rulesOf(ctx, service)[i]
}

/** The clusters `rule` sends traffic to (split entries of weight > 0). */
export function clustersOf(ctx: InsightContext, ref: RuleRef): ClusterRef[] {
  const svc = ctx.resolved.services.find((s) => s.name === ref.service)
  const policies = ctx.resolved.clusters[ref.service]
  if (!svc || !policies) return []
  return ref.rule.split.filter((x) => x.weight > 0).map((x) => {
    const versions = x.version === undefined ? svc.versions : svc.versions.filter((v) => v.name === x.version)
    return {
      service: ref.service, version: x.version,
      name: x.version === undefined ? ref.service : `${ref.service}/${x.version}`,
      policy: x.version === undefined ? policies.all : policies.versions[x.version]!,
      versions, hosts: versions.reduce((n, v) => n + v.replicas, 0),
    }
  })
}

/** Every cluster some rule sends traffic to, once each, in service order. */
export function usedClusters(ctx: InsightContext): ClusterRef[] {
  const memo = memoOf(ctx)
  if (memo.used) return memo.used
  const seen = new Map<string, ClusterRef>()
  for (const ref of allRules(ctx)) for (const c of clustersOf(ctx, ref)) if (!seen.has(c.name)) seen.set(c.name, c)
  return (memo.used = [...seen.values()])
}

/**
 * Path of the policy field `field` of a cluster (and of its key `sub` when the document
 * sets it): the version override's when it sets the field, else the destination's, else
 * the service (the profile's default applies).
 */
export function policyPath(ctx: InsightContext, service: string, version: string | undefined, field: string, sub?: string): string {
  const di = ctx.scenario.destinations?.findIndex((d) => d.service === service) ?? -1
  const dest = di >= 0 ? ctx.scenario.destinations![di]! : undefined
  const vi = version === undefined ? -1 : (dest?.versions?.findIndex((v) => v.name === version) ?? -1)
  const get = (o: object | undefined): unknown => (o === undefined ? undefined : (o as Record<string, unknown>)[field])
  const at = (prefix: string, value: unknown): string =>
    sub !== undefined && typeof value === 'object' && value !== null && (value as Record<string, unknown>)[sub] !== undefined
      ? `${prefix}.${field}.${sub}` : `${prefix}.${field}`
  if (vi >= 0 && get(dest!.versions![vi]) !== undefined) return at(`destinations[${di}].versions[${vi}]`, get(dest!.versions![vi]))
  if (get(dest) !== undefined) return at(`destinations[${di}]`, get(dest))
  return `services[${serviceIndex(ctx, service)}]`
}

/** The distinct downstream calls of a service (over all its versions). */
export function callsOf(ctx: InsightContext, service: string): ResolvedCall[] {
  const memo = memoOf(ctx)
  const known = memo.calls.get(service)
  if (known) return known
  const svc = ctx.resolved.services[serviceIndex(ctx, service)]
  if (!svc) return []
  const seen = new Set<string>()
  const out: ResolvedCall[] = []
  for (const v of svc.versions) {
    for (const c of v.calls) {
      const key = `${c.to}\u0000${c.path}\u0000${c.method}\u0000${JSON.stringify(c.headers)}`
      if (seen.has(key)) continue
      seen.add(key)
      out.push(c)
    }
  }
  memo.calls.set(service, out)
  return out
}

/** The first hops of user traffic: each source's request classes and the rule each meets. */
export function entryHops(ctx: InsightContext): { from: string; to: string; ref: RuleRef }[] {
  const out: { from: string; to: string; ref: RuleRef }[] = []
  for (const src of ctx.resolved.sources) {
    for (const m of src.mix) {
      const ref = ruleFor(ctx, src.to, m)
      if (ref && !out.some((h) => h.from === src.from && h.ref.path === ref.path && h.to === src.to)) out.push({ from: src.from, to: src.to, ref })
    }
  }
  return out
}

/** The run's edges into `service` (none without a run). */
export function edgesInto(ctx: InsightContext, service: string): EdgeSummary[] {
  return ctx.metrics ? ctx.metrics.edges.filter((e) => e.to === service) : []
}
