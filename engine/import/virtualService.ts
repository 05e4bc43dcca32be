/**
 * A mesh VirtualService → a route: each `http` entry a rule (matches, weighted subsets =
 * versions, timeout, retries, fault, mirror), `tcp` entries a weight-only rule. Two adjacent
 * entries that differ only by a fault and extra header conditions on the faulted one (what
 * the Istio exporter writes for a fault limited to some headers) merge back into one rule
 * with `fault.headers`.
 */
import { RETRY_ON } from '../model/schema/routes'
import type { Route, RouteRule, Service } from '../model/types'
import { durationField, hostKey, isRecord, namespaceOf, rec, records, report, unmapped } from './importContext'
import type { ImportContext, InputDoc } from './importContext'

type Obj = Record<string, unknown>
type Match = NonNullable<RouteRule['match']>[number]
type StringMatch = NonNullable<Match['path']>
type Retries = NonNullable<RouteRule['retries']>

const ISTIO_DEFAULT_RETRY_ON = ['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes']

function stringMatch(ctx: ImportContext, doc: InputDoc, m: unknown, path: string): StringMatch | undefined {
  if (!isRecord(m)) return undefined
  for (const k of ['exact', 'prefix', 'regex'] as const) if (typeof m[k] === 'string') return { [k]: m[k] } as StringMatch
  report(ctx, doc, 'IMPORT_ISTIO_003', 'a string match without exact, prefix or regex; ignored', path)
  return undefined
}

function match(ctx: ImportContext, doc: InputDoc, m: Obj, path: string): Match {
  unmapped(ctx, doc, m, ['uri', 'method', 'headers', 'name'], path)
  const out: Match = {}
  if (m.uri !== undefined) out.path = stringMatch(ctx, doc, m.uri, `${path}.uri`)
  const method = rec(m, 'method')
  if (typeof method.exact === 'string') out.method = method.exact
  else if (m.method !== undefined) report(ctx, doc, 'IMPORT_ISTIO_003', 'only exact method matches are modelled; ignored', `${path}.method`)
  const headers = Object.entries(rec(m, 'headers'))
  if (headers.length) {
    out.headers = {}
    for (const [k, v] of headers) {
      const sm = stringMatch(ctx, doc, v, `${path}.headers.${k}`)
      if (sm) out.headers[k] = sm
    }
  }
  return out
}

/** Scales integer weights to total 100 (largest remainder), reporting when they did not. */
function normalise(ctx: ImportContext, doc: InputDoc, split: { version: string; weight: number }[], path: string): RouteRule['split'] {
  const total = split.reduce((a, s) => a + s.weight, 0)
  if (total === 100 || total === 0) return split
  report(ctx, doc, 'IMPORT_ISTIO_006', `weights total ${total}: scaled to 100`, path)
  const exact = split.map((s) => (s.weight * 100) / total)
  const out = split.map((s, i) => ({ version: s.version, weight: Math.floor(exact[i]!) }))
  const order = exact.map((e, i) => ({ i, r: e - Math.floor(e) })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (let k = 0; k < 100 - out.reduce((a, s) => a + s.weight, 0); k++) out[order[k]!.i]!.weight++
  return out
}

function split(ctx: ImportContext, doc: InputDoc, svc: Service, key: string, route: Obj[], path: string): RouteRule['split'] {
  const parts: { version: string; weight: number }[] = []
  route.forEach((r, i) => {
    const dest = rec(r, 'destination')
    if (typeof dest.host !== 'string' || hostKey(dest.host, namespaceOf(doc)) !== key) {
      report(ctx, doc, 'IMPORT_ISTIO_005', `destination ${String(dest.host)} is another service: routing across services is not modelled; skipped`, `${path}[${i}].destination.host`)
      return
    }
    unmapped(ctx, doc, r, ['destination', 'weight'], `${path}[${i}]`)
    const weight = route.length === 1 ? 100 : typeof r.weight === 'number' ? r.weight : 0
    if (typeof dest.subset === 'string') {
      parts.push({ version: dest.subset, weight })
      return
    }
    if (svc.versions.length > 1) report(ctx, doc, 'IMPORT_ISTIO_007', 'no subset: split over all versions by replicas, as Kubernetes balances pods', `${path}[${i}].destination`)
    const replicas = svc.versions.reduce((a, v) => a + (v.replicas ?? 1), 0) || 1
    for (const v of svc.versions) parts.push({ version: v.name, weight: (weight * (v.replicas ?? 1)) / replicas })
  })
  const merged = new Map<string, number>()
  for (const p of parts) merged.set(p.version, (merged.get(p.version) ?? 0) + p.weight)
  const rounded = [...merged].map(([version, weight]) => ({ version, weight: Math.round(weight) }))
  return normalise(ctx, doc, rounded, path)
}

function retries(ctx: ImportContext, doc: InputDoc, r: Obj, path: string): Retries {
  unmapped(ctx, doc, r, ['attempts', 'perTryTimeout', 'retryOn', 'backoff', 'retryIgnorePreviousHosts'], path)
  const out: Retries = { attempts: typeof r.attempts === 'number' ? r.attempts : 2 }
  out.perTryTimeout = durationField(ctx, doc, r.perTryTimeout, `${path}.perTryTimeout`)
  if (typeof r.retryOn === 'string') {
    const tokens = r.retryOn.split(',').map((t) => t.trim()).filter((t) => t !== '')
    const codes = tokens.filter((t) => /^\d+$/.test(t)).map(Number)
    const names = tokens.filter((t) => !/^\d+$/.test(t))
    for (const n of names) if (!(RETRY_ON as readonly string[]).includes(n)) report(ctx, doc, 'IMPORT_ISTIO_016', `retry condition '${n}' is not modelled; ignored`, `${path}.retryOn`)
    const known = names.filter((n): n is (typeof RETRY_ON)[number] => (RETRY_ON as readonly string[]).includes(n))
    // Istio's default conditions plus codes is how the exporter writes "codes only".
    const isDefault = codes.length > 0 && known.length === ISTIO_DEFAULT_RETRY_ON.length && known.every((n, i) => n === ISTIO_DEFAULT_RETRY_ON[i])
    if (known.length && !isDefault) out.retryOn = known
    if (codes.length) out.retriableStatusCodes = codes
  }
  const base = durationField(ctx, doc, r.backoff, `${path}.backoff`)
  if (base !== undefined) out.backoff = { base }
  if (typeof r.retryIgnorePreviousHosts === 'boolean') out.retryIgnorePreviousHosts = r.retryIgnorePreviousHosts
  return out
}

function percentOf(ctx: ImportContext, doc: InputDoc, f: Obj, path: string): number {
  const value = rec(f, 'percentage').value
  if (typeof value === 'number') return value
  if (typeof f.percent === 'number') return f.percent
  report(ctx, doc, 'IMPORT_ISTIO_013', 'no percentage: Istio injects this fault into no request (imported as 0%)', path)
  return 0
}

function fault(ctx: ImportContext, doc: InputDoc, f: Obj, path: string): RouteRule['fault'] {
  unmapped(ctx, doc, f, ['delay', 'abort'], path)
  const out: NonNullable<RouteRule['fault']> = {}
  const delay = rec(f, 'delay')
  if (Object.keys(delay).length) {
    unmapped(ctx, doc, delay, ['fixedDelay', 'percentage', 'percent'], `${path}.delay`)
    const fixed = durationField(ctx, doc, delay.fixedDelay, `${path}.delay.fixedDelay`)
    if (fixed !== undefined) out.delay = { percent: percentOf(ctx, doc, delay, `${path}.delay`), fixed }
  }
  const abort = rec(f, 'abort')
  if (Object.keys(abort).length) {
    unmapped(ctx, doc, abort, ['httpStatus', 'percentage', 'percent'], `${path}.abort`)
    if (typeof abort.httpStatus === 'number') out.abort = { percent: percentOf(ctx, doc, abort, `${path}.abort`), httpStatus: abort.httpStatus }
  }
  return out.delay || out.abort ? out : undefined
}

function mirror(ctx: ImportContext, doc: InputDoc, svc: Service, key: string, h: Obj, path: string): RouteRule['mirror'] {
  const m = isRecord(h.mirror) ? h.mirror : rec(records(h.mirrors)[0], 'destination')
  if (Object.keys(m).length === 0) return undefined
  if (records(h.mirrors).length > 1) report(ctx, doc, 'IMPORT_ISTIO_011', 'several mirrors: the first is imported', `${path}.mirrors`)
  if (typeof m.host !== 'string' || hostKey(m.host, namespaceOf(doc)) !== key) {
    report(ctx, doc, 'IMPORT_ISTIO_005', 'mirroring to another service is not modelled; skipped', `${path}.mirror`)
    return undefined
  }
  const version = typeof m.subset === 'string' ? m.subset : svc.versions.length === 1 ? svc.versions[0]!.name : undefined
  if (!version) {
    report(ctx, doc, 'IMPORT_ISTIO_007', 'a mirror without subset on a multi-version service is not modelled; skipped', `${path}.mirror`)
    return undefined
  }
  const pct = isRecord(h.mirrorPercentage) ? h.mirrorPercentage.value : rec(records(h.mirrors)[0], 'percentage').value ?? h.mirrorPercent ?? h.mirror_percent
  return { version, percent: typeof pct === 'number' ? pct : undefined }
}

const HTTP_KEYS = ['name', 'match', 'route', 'timeout', 'retries', 'fault', 'mirror', 'mirrors', 'mirrorPercentage', 'mirrorPercent', 'mirror_percent']

function rule(ctx: ImportContext, doc: InputDoc, svc: Service, key: string, h: Obj, path: string): RouteRule {
  unmapped(ctx, doc, h, HTTP_KEYS, path)
  const out: RouteRule = { split: split(ctx, doc, svc, key, records(h.route), `${path}.route`) }
  if (typeof h.name === 'string') out.name = h.name
  const matches = records(h.match)
  if (matches.length) out.match = matches.map((m, i) => match(ctx, doc, m, `${path}.match[${i}]`))
  out.timeout = durationField(ctx, doc, h.timeout, `${path}.timeout`)
  if (isRecord(h.retries)) out.retries = retries(ctx, doc, h.retries, `${path}.retries`)
  if (isRecord(h.fault)) out.fault = fault(ctx, doc, h.fault, `${path}.fault`)
  out.mirror = mirror(ctx, doc, svc, key, h, path)
  return out
}

/** The extra headers of `faulted` over `plain`, if `faulted` is `plain` plus a fault and those headers. */
function faultHeaders(faulted: RouteRule, plain: RouteRule): Record<string, StringMatch> | undefined {
  const { fault, match: fm = [], name: fname, ...restF } = faulted
  const { fault: pfault, match: pm = [{}], name: pname, ...restP } = plain
  if (!fault || pfault || fm.length !== pm.length) return undefined
  if (fname !== (pname === undefined ? undefined : `${pname}-fault`) || JSON.stringify(restF) !== JSON.stringify(restP)) return undefined
  let extra: Record<string, StringMatch> | undefined
  for (let i = 0; i < fm.length; i++) {
    const { headers: fh = {}, ...f } = fm[i]!
    const { headers: ph = {}, ...p } = pm[i]!
    if (JSON.stringify(f) !== JSON.stringify(p)) return undefined
    if (Object.entries(ph).some(([k, v]) => JSON.stringify(fh[k]) !== JSON.stringify(v))) return undefined
    const added = Object.fromEntries(Object.entries(fh).filter(([k]) => !(k in ph)))
    if (extra !== undefined && JSON.stringify(added) !== JSON.stringify(extra)) return undefined
    extra = added
  }
  return extra && Object.keys(extra).length ? extra : undefined
}

function mergeFaultPairs(rules: RouteRule[]): RouteRule[] {
  const out: RouteRule[] = []
  for (let i = 0; i < rules.length; i++) {
    const next = rules[i + 1]
    const headers = next ? faultHeaders(rules[i]!, next) : undefined
    if (headers && next) {
      out.push({ ...next, fault: { ...rules[i]!.fault, headers } })
      i++
    } else out.push(rules[i]!)
  }
  return out
}

/** The route a mesh VirtualService describes for the service keyed `key` (`name.namespace`). */
export function importVirtualService(ctx: ImportContext, doc: InputDoc, svc: Service, key: string): Route {
  const spec = rec(doc.resource, 'spec')
  unmapped(ctx, doc, spec, ['hosts', 'http', 'tcp', 'gateways', 'exportTo'], 'spec')
  const http = records(spec.http).map((h, i) => rule(ctx, doc, svc, key, h, `spec.http[${i}]`))
  const tcp = records(spec.tcp).map((t, i) => {
    unmapped(ctx, doc, t, ['route'], `spec.tcp[${i}]`)
    return { split: split(ctx, doc, svc, key, records(t.route), `spec.tcp[${i}].route`) }
  })
  const rules = mergeFaultPairs([...http, ...tcp]).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as RouteRule)
  return { service: svc.name, rules: rules.filter((r) => r.split.length > 0) }
}
