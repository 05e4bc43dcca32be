/**
 * Cross-reference checks: what a schema cannot say. Every service, version, zone and
 * replica a scenario names must exist; split weights sum to 100; calls form no cycle.
 * Returns every problem at once, each with its document path.
 */
import { diagnostic } from './diagnostics'
import type { Diagnostic, DocPath } from './diagnostics'
import type { Call, Scenario, Service } from './types'

type Found = Diagnostic & { docPath: DocPath; key?: string }

/**
 * Checks references across the whole scenario. The model is normally schema-valid; with
 * `lenient` it may be the raw document of a file with schema errors, and checks that need
 * decoded values (times, sizes) are skipped.
 */
export function checkReferences(s: Scenario, opts: { lenient?: boolean } = {}): Found[] {
  if (opts.lenient) s = sanitize(s)
  const out: Found[] = []
  const services = new Map<string, Service>()
  s.services.forEach((svc, i) => {
    if (services.has(svc.name)) out.push(diagnostic('REF_001', `duplicate service name '${svc.name}'`, ['services', i, 'name']))
    else services.set(svc.name, svc)
    const seen = new Set<string>()
    svc.versions.forEach((v, j) => {
      if (seen.has(v.name)) out.push(diagnostic('REF_001', `duplicate version '${v.name}' in service '${svc.name}'`, ['services', i, 'versions', j, 'name']))
      seen.add(v.name)
    })
  })
  const ctx: Ctx = { s, services, out }
  checkServices(ctx)
  checkCycles(ctx)
  checkTraffic(ctx)
  checkRoutes(ctx)
  checkDestinations(ctx)
  checkOperations(ctx)
  checkReachability(ctx)
  return out
}

interface Ctx {
  readonly s: Scenario
  readonly services: ReadonlyMap<string, Service>
  readonly out: Found[]
}

function knownService(ctx: Ctx, name: string, path: DocPath): Service | undefined {
  const svc = ctx.services.get(name)
  if (!svc) ctx.out.push(diagnostic('REF_002', `unknown service '${name}'${suggest(name, [...ctx.services.keys()])}`, path))
  return svc
}

function knownVersion(ctx: Ctx, svc: Service | undefined, version: string | undefined, path: DocPath): void {
  if (!svc || version === undefined) return
  if (!svc.versions.some((v) => v.name === version)) {
    const names = svc.versions.map((v) => v.name)
    ctx.out.push(diagnostic('REF_003', `service '${svc.name}' has no version '${version}' (it has ${names.join(', ')})`, path))
  }
}

function knownZone(ctx: Ctx, zone: string, path: DocPath): void {
  if (ctx.s.zones && !ctx.s.zones.includes(zone)) {
    ctx.out.push(diagnostic('REF_006', `unknown zone '${zone}' (declared zones: ${ctx.s.zones.join(', ')})`, path))
  }
}

function checkServices(ctx: Ctx): void {
  ctx.s.services.forEach((svc, i) => {
    const checkCalls = (calls: readonly Call[] | undefined, base: DocPath) =>
      calls?.forEach((c, k) => knownService(ctx, c.to, [...base, k, 'to']))
    checkCalls(svc.calls, ['services', i, 'calls'])
    svc.versions.forEach((v, j) => {
      const at: DocPath = ['services', i, 'versions', j]
      checkCalls(v.calls, [...at, 'calls'])
      v.zones?.forEach((z, k) => knownZone(ctx, z, [...at, 'zones', k]))
      const st = v.serviceTime
      if (st?.kind === 'lognormal' && !(st.p99 > st.p50)) {
        ctx.out.push(diagnostic('REF_009', 'lognormal p99 must be greater than p50', [...at, 'serviceTime', 'p99']))
      }
    })
  })
}

/** A call cycle makes a request recurse forever: report the first edge that closes each. */
function checkCycles(ctx: Ctx): void {
  const edges = new Map<string, { to: string; path: DocPath }[]>()
  ctx.s.services.forEach((svc, i) => {
    const list: { to: string; path: DocPath }[] = []
    svc.calls?.forEach((c, k) => list.push({ to: c.to, path: ['services', i, 'calls', k, 'to'] }))
    svc.versions.forEach((v, j) => v.calls?.forEach((c, k) => list.push({ to: c.to, path: ['services', i, 'versions', j, 'calls', k, 'to'] })))
    if (!edges.has(svc.name)) edges.set(svc.name, list)
  })
  const state = new Map<string, 'active' | 'done'>()
  const visit = (name: string, trail: string[]): void => {
    state.set(name, 'active')
    for (const e of edges.get(name) ?? []) {
      if (state.get(e.to) === 'active') {
        const loop = [...trail.slice(trail.indexOf(e.to)), e.to].join(' → ')
        ctx.out.push(diagnostic('REF_005', `calls form a cycle: ${loop}`, e.path))
      } else if (!state.has(e.to) && edges.has(e.to)) visit(e.to, [...trail, e.to])
    }
    state.set(name, 'done')
  }
  for (const name of edges.keys()) if (!state.has(name)) visit(name, [name])
}

function checkTraffic(ctx: Ctx): void {
  ctx.s.traffic?.forEach((t, i) => {
    knownService(ctx, t.to, ['traffic', i, 'to'])
    if (t.from !== undefined && t.from !== 'ingress') knownService(ctx, t.from, ['traffic', i, 'from'])
    if (t.zone !== undefined) knownZone(ctx, t.zone, ['traffic', i, 'zone'])
    if (t.start !== undefined && t.stop !== undefined && t.stop <= t.start) {
      ctx.out.push(diagnostic('REF_009', 'stop must come after start', ['traffic', i, 'stop']))
    }
  })
}

function checkRoutes(ctx: Ctx): void {
  const routed = new Set<string>()
  ctx.s.routes?.forEach((r, i) => {
    if (routed.has(r.service)) ctx.out.push(diagnostic('REF_001', `a second route for service '${r.service}'; merge its rules into the first`, ['routes', i, 'service']))
    routed.add(r.service)
    const svc = knownService(ctx, r.service, ['routes', i, 'service'])
    r.rules.forEach((rule, j) => {
      const at: DocPath = ['routes', i, 'rules', j]
      rule.split.forEach((sp, k) => knownVersion(ctx, svc, sp.version, [...at, 'split', k, 'version']))
      const total = rule.split.reduce((sum, sp) => sum + sp.weight, 0)
      if (rule.split.length > 1 && total !== 100) {
        ctx.out.push(diagnostic('REF_004', `split weights sum to ${total}; they must sum to 100`, [...at, 'split'], 'error', true))
      }
      if (rule.mirror) knownVersion(ctx, svc, rule.mirror.version, [...at, 'mirror', 'version'])
      const per = rule.retries?.perTryTimeout
      // Envoy ignores a per-try timeout at or above a non-zero route timeout (router.cc
      // FilterUtility::finalTimeout), so a slow try is never retried (istio#21137).
      if (per !== undefined && rule.timeout !== undefined && rule.timeout > 0 && per >= rule.timeout) {
        ctx.out.push(diagnostic('REF_009', `perTryTimeout (${per}ms) is not below the route timeout (${rule.timeout}ms): Envoy ignores it, so a slow try is never retried`, [...at, 'retries', 'perTryTimeout'], 'warning'))
      }
    })
  })
}

function checkDestinations(ctx: Ctx): void {
  const seen = new Set<string>()
  ctx.s.destinations?.forEach((d, i) => {
    if (seen.has(d.service)) ctx.out.push(diagnostic('REF_001', `a second destination policy for '${d.service}'`, ['destinations', i, 'service']))
    seen.add(d.service)
    const svc = knownService(ctx, d.service, ['destinations', i, 'service'])
    d.versions?.forEach((v, j) => knownVersion(ctx, svc, v.name, ['destinations', i, 'versions', j, 'name']))
  })
}

function checkOperations(ctx: Ctx): void {
  const { s } = ctx
  s.security?.authorization?.forEach((a, i) => {
    knownService(ctx, a.service, ['security', 'authorization', i, 'service'])
    a.from.forEach((f, k) => {
      if (f !== '*' && f !== 'ingress') knownService(ctx, f, ['security', 'authorization', i, 'from', k])
    })
  })
  for (const name of Object.keys(s.security?.mtls?.services ?? {})) knownService(ctx, name, ['security', 'mtls', 'services', name])
  s.faults?.forEach((f, i) => {
    const at: DocPath = ['faults', i]
    if (f.at > s.duration) ctx.out.push(diagnostic('REF_008', `the fault starts at ${f.at}ms, after the run ends (${s.duration}ms)`, [...at, 'at'], 'warning'))
    if (f.kind === 'partition') return f.zones.forEach((z, k) => knownZone(ctx, z, [...at, 'zones', k]))
    const svc = knownService(ctx, f.service, [...at, 'service'])
    knownVersion(ctx, svc, f.version, [...at, 'version'])
    if ((f.kind === 'crash' || f.kind === 'slow_replica' || f.kind === 'error_burst' || f.kind === 'latency') && svc && f.replica !== undefined) {
      const versions = f.version ? svc.versions.filter((v) => v.name === f.version) : svc.versions
      const replicas = versions.reduce((n, v) => n + (v.replicas ?? 1), 0)
      if (f.replica >= replicas) ctx.out.push(diagnostic('REF_007', `replica ${f.replica} does not exist (there are ${replicas})`, [...at, 'replica']))
    }
  })
  s.rollouts?.forEach((r, i) => {
    const svc = knownService(ctx, r.service, ['rollouts', i, 'service'])
    knownVersion(ctx, svc, r.from, ['rollouts', i, 'from'])
    knownVersion(ctx, svc, r.to, ['rollouts', i, 'to'])
  })
  s.slos?.forEach((slo, i) => knownService(ctx, slo.service, ['slos', i, 'service']))
}

/** Warn about services that neither a traffic source nor a call can reach. */
function checkReachability(ctx: Ctx): void {
  const { s } = ctx
  if (!s.traffic?.length) return
  const reached = new Set<string>()
  const stack = s.traffic.map((t) => t.to)
  while (stack.length) {
    const name = stack.pop()!
    if (reached.has(name)) continue
    reached.add(name)
    const svc = ctx.services.get(name)
    svc?.calls?.forEach((c) => stack.push(c.to))
    svc?.versions.forEach((v) => v.calls?.forEach((c) => stack.push(c.to)))
  }
  s.services.forEach((svc, i) => {
    if (!reached.has(svc.name)) ctx.out.push(diagnostic('REF_010', `no traffic reaches service '${svc.name}'`, ['services', i, 'name'], 'warning'))
  })
}

/** ` (did you mean 'x'?)` for the closest known name within two edits, else nothing. */
function suggest(name: string, known: readonly string[]): string {
  let best: string | undefined
  let bestDistance = 3
  for (const k of known) {
    const d = editDistance(name, k)
    if (d < bestDistance) [best, bestDistance] = [k, d]
  }
  return best ? ` (did you mean '${best}'?)` : ''
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    prev = row
  }
  return prev[b.length]!
}

/** Keeps only the shapes the name checks read, so a raw document cannot crash them. */
function sanitize(raw: Scenario): Scenario {
  const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v.filter((x) => x !== null && typeof x === 'object') as T[]) : [])
  const r = raw as unknown as Record<string, unknown>
  const services = arr<Service>(r.services).map((svc) => ({
    ...svc,
    calls: arr<Call>(svc.calls),
    versions: arr<Service['versions'][number]>(svc.versions).map((v) => ({ ...v, calls: arr<Call>(v.calls), serviceTime: undefined, zones: undefined })),
  }))
  return {
    ...raw,
    duration: Number.POSITIVE_INFINITY,
    zones: undefined,
    services,
    traffic: arr<NonNullable<Scenario['traffic']>[number]>(r.traffic).map((t) => ({ ...t, start: undefined, stop: undefined, zone: undefined })),
    routes: arr<NonNullable<Scenario['routes']>[number]>(r.routes).map((rt) => ({
      ...rt,
      rules: arr<NonNullable<Scenario['routes']>[number]['rules'][number]>(rt.rules).map((rule) => ({ ...rule, split: arr(rule.split), retries: undefined, timeout: undefined })),
    })),
    destinations: arr<NonNullable<Scenario['destinations']>[number]>(r.destinations).map((d) => ({ ...d, versions: arr(d.versions) })),
    security: undefined,
    faults: arr<NonNullable<Scenario['faults']>[number]>(r.faults).filter((f) => typeof f.at === 'number'),
    rollouts: arr(r.rollouts),
    slos: arr(r.slos),
  }
}
