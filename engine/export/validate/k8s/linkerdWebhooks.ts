/**
 * Linkerd's admission rules the CRD schemas do not carry (linkerd2 `controller/sp-validator`,
 * `policy-controller` admission), plus reference checks across the exported resources.
 *
 * - Server: `proxyProtocol` ∈ unknown, HTTP/1, HTTP/2, gRPC, opaque, TLS; `accessPolicy` a
 *   known default policy; port 1–65535 or a port name.
 * - ServiceProfile: durations are Go durations; every request match sets exactly one of
 *   all/any/method/pathRegex (and never `not`: the CRD types `condition.not` as an array,
 *   Linkerd's validator as an object, so no `not` passes both); regexes are RE2;
 *   response-class statuses 100–599 with min ≤ max; retry budget ttl 1–60 s, ratio 0–1000.
 * - HTTPRoute (both API groups): the `retry.linkerd.io/*` and `timeout.linkerd.io/*`
 *   annotations parse; backend weights are not negative.
 * - MeshTLSAuthentication identities are `*`, `*.<ns>.serviceaccount.identity.linkerd.<domain>`
 *   or DNS names; AuthorizationPolicy targets and authentications exist in the export.
 */
import type { FileFinding } from '../../types'
import { isGoDuration, isIntIn, isRecord, namespaceOf, nameOf, re2Problem, rec, records } from './checks'
import type { RuleFinding } from './celRules'
import type { CrossCheck, WebhookChecks } from './validator'

/** Values of a Server's `proxyProtocol`. */
export const LINKERD_PROXY_PROTOCOLS = new Set(['unknown', 'HTTP/1', 'HTTP/2', 'gRPC', 'opaque', 'TLS'])
/** Values of a Server's `accessPolicy` (Linkerd's default policies). */
export const LINKERD_ACCESS_POLICIES = new Set(['deny', 'audit', 'all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated'])

type Found = RuleFinding[]

function server(s: Record<string, unknown>): Found {
  const found: Found = []
  const spec = rec(s, 'spec')
  if (!LINKERD_PROXY_PROTOCOLS.has(String(spec.proxyProtocol))) {
    found.push({ field: 'spec.proxyProtocol', message: `'${String(spec.proxyProtocol)}' is not one of ${[...LINKERD_PROXY_PROTOCOLS].join(', ')}` })
  }
  if (!LINKERD_ACCESS_POLICIES.has(String(spec.accessPolicy))) {
    found.push({ field: 'spec.accessPolicy', message: `'${String(spec.accessPolicy)}' is not one of ${[...LINKERD_ACCESS_POLICIES].join(', ')}` })
  }
  const port = spec.port
  const portOk = typeof port === 'number' ? isIntIn(port, 1, 65535) : typeof port === 'string' && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(port) && port.length <= 15
  if (!portOk) found.push({ field: 'spec.port', message: `port ${JSON.stringify(port)} must be 1–65535 or a port name` })
  return found
}

const REQUEST_MATCH_KEYS = ['all', 'any', 'not', 'method', 'pathRegex'] as const

function requestMatch(m: unknown, path: string, found: Found): void {
  if (!isRecord(m)) {
    found.push({ field: path, message: 'a request match must be a mapping' })
    return
  }
  const set = REQUEST_MATCH_KEYS.filter((k) => m[k] !== undefined)
  if (set.length !== 1) found.push({ field: path, message: `a request match sets exactly one of all, any, method, pathRegex (found: ${set.join(', ') || 'none'})` })
  if (m.not !== undefined) found.push({ field: `${path}.not`, message: "'not' is typed as an array by the CRD and as an object by Linkerd's validator: use any/all instead" })
  for (const k of Object.keys(m)) if (!(REQUEST_MATCH_KEYS as readonly string[]).includes(k)) found.push({ field: `${path}.${k}`, message: `unknown field "${k}"` })
  if (typeof m.pathRegex === 'string') {
    const problem = re2Problem(m.pathRegex)
    if (problem) found.push({ field: `${path}.pathRegex`, message: `not a valid RE2 regex: ${problem}` })
  }
  if (m.method !== undefined && (typeof m.method !== 'string' || m.method === '')) found.push({ field: `${path}.method`, message: 'method must be a non-empty string' })
  for (const k of ['all', 'any'] as const) {
    if (m[k] === undefined) continue
    if (!Array.isArray(m[k])) found.push({ field: `${path}.${k}`, message: 'must be a list of request matches' })
    else (m[k] as unknown[]).forEach((x, i) => requestMatch(x, `${path}.${k}[${i}]`, found))
  }
}

function responseMatch(m: Record<string, unknown>, path: string, found: Found): void {
  const status = rec(m, 'status')
  const min = status.min ?? 100
  const max = status.max ?? 599
  if (!isIntIn(min, 100, 599) || !isIntIn(max, 100, 599) || (min as number) > (max as number)) {
    found.push({ field: `${path}.status`, message: 'status range must be within 100–599 with min ≤ max' })
  }
  if (m.not !== undefined) found.push({ field: `${path}.not`, message: "do not use 'not': Linkerd's validator and the CRD disagree on its type" })
}

function serviceProfile(sp: Record<string, unknown>): Found {
  const found: Found = []
  const spec = rec(sp, 'spec')
  const names = new Set<string>()
  records(spec.routes).forEach((r, i) => {
    const p = `spec.routes[${i}]`
    if (typeof r.name !== 'string' || r.name === '') found.push({ field: `${p}.name`, message: 'a route needs a name' })
    else if (names.has(r.name)) found.push({ field: `${p}.name`, message: `duplicate route name '${r.name}'` })
    names.add(String(r.name))
    requestMatch(r.condition, `${p}.condition`, found)
    if (r.timeout !== undefined && !isGoDuration(r.timeout)) found.push({ field: `${p}.timeout`, message: `'${String(r.timeout)}' is not a Go duration` })
    records(r.responseClasses).forEach((c, j) => responseMatch(rec(c, 'condition'), `${p}.responseClasses[${j}].condition`, found))
  })
  const budget = rec(spec, 'retryBudget')
  if (budget.ttl !== undefined) {
    const seconds = goDurationSeconds(budget.ttl)
    if (seconds === undefined) found.push({ field: 'spec.retryBudget.ttl', message: `'${String(budget.ttl)}' is not a Go duration` })
    else if (seconds < 1 || seconds > 60) found.push({ field: 'spec.retryBudget.ttl', message: 'ttl must be between 1s and 60s' })
  }
  if (typeof budget.retryRatio === 'number' && (budget.retryRatio < 0 || budget.retryRatio > 1000)) found.push({ field: 'spec.retryBudget.retryRatio', message: 'retryRatio must be in 0–1000' })
  records(spec.dstOverrides).forEach((d, i) => {
    if (typeof d.authority !== 'string' || d.authority === '') found.push({ field: `spec.dstOverrides[${i}].authority`, message: 'authority is required' })
    const w = typeof d.weight === 'string' ? Number.parseFloat(d.weight) : d.weight
    if (typeof w !== 'number' || Number.isNaN(w) || w < 0) found.push({ field: `spec.dstOverrides[${i}].weight`, message: 'weight must be a non-negative quantity' })
  })
  return found
}

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, μs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 }

function goDurationSeconds(v: unknown): number | undefined {
  if (!isGoDuration(v)) return undefined
  let total = 0
  for (const m of String(v).matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(m[1]) * UNIT_SECONDS[m[2]!]!
  return total
}

/** GEP-2257 durations, which both HTTPRoute flavours use for `timeouts`. */
const GATEWAY_DURATION = /^([0-9]{1,5}(h|m|s|ms)){1,4}$/
const RETRY_HTTP_ITEM = /^(5xx|gateway-error|[1-5]\d\d|[1-5]\d\d-[1-5]\d\d)$/

function httpRoute(route: Record<string, unknown>): Found {
  const found: Found = []
  const annotations = rec(rec(route, 'metadata'), 'annotations')
  for (const [key, value] of Object.entries(annotations)) {
    const field = `metadata.annotations.${key}`
    const v = String(value)
    if (key === 'retry.linkerd.io/limit' && !/^\d+$/.test(v)) found.push({ field, message: 'retry limit must be a non-negative integer' })
    if ((key === 'retry.linkerd.io/timeout' || key.startsWith('timeout.linkerd.io/')) && !isGoDuration(v)) found.push({ field, message: `'${v}' is not a Go duration` })
    if (key === 'retry.linkerd.io/http' && !v.split(',').every((t) => RETRY_HTTP_ITEM.test(t.trim()))) found.push({ field, message: `'${v}' is not a list of 5xx, gateway-error, status codes or ranges` })
  }
  records(rec(route, 'spec').rules).forEach((r, i) => {
    for (const [key, value] of Object.entries(rec(r, 'timeouts'))) {
      if (typeof value !== 'string' || !GATEWAY_DURATION.test(value)) found.push({ field: `spec.rules[${i}].timeouts.${key}`, message: `'${String(value)}' is not a Gateway API duration (e.g. 500ms, 2s, 1m30s)` })
    }
    records(r.backendRefs).forEach((b, j) => {
      if (typeof b.weight === 'number' && b.weight < 0) found.push({ field: `spec.rules[${i}].backendRefs[${j}].weight`, message: 'weight must not be negative' })
    })
  })
  return found
}

const IDENTITY = /^(\*|(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)$/

function meshTls(m: Record<string, unknown>): Found {
  const ids = rec(m, 'spec').identities
  const found: Found = []
  if (Array.isArray(ids)) ids.forEach((id, i) => {
    if (typeof id !== 'string' || !IDENTITY.test(id)) found.push({ field: `spec.identities[${i}]`, message: `'${String(id)}' is not a Linkerd identity` })
  })
  return found
}

const TARGET_KINDS = new Set(['Server', 'HTTPRoute', 'GRPCRoute', 'Namespace'])
const AUTHN_KINDS = new Set(['MeshTLSAuthentication', 'NetworkAuthentication', 'ServiceAccount'])

function authorizationPolicy(ap: Record<string, unknown>): Found {
  const spec = rec(ap, 'spec')
  const found: Found = []
  if (!TARGET_KINDS.has(String(rec(spec, 'targetRef').kind))) found.push({ field: 'spec.targetRef.kind', message: `target kind must be one of ${[...TARGET_KINDS].join(', ')}` })
  records(spec.requiredAuthenticationRefs).forEach((r, i) => {
    if (!AUTHN_KINDS.has(String(r.kind))) found.push({ field: `spec.requiredAuthenticationRefs[${i}].kind`, message: `kind must be one of ${[...AUTHN_KINDS].join(', ')}` })
  })
  return found
}

/** Linkerd's admission checks, keyed by `group/Kind`. */
export const linkerdWebhooks: WebhookChecks = {
  'policy.linkerd.io/Server': server,
  'linkerd.io/ServiceProfile': serviceProfile,
  'policy.linkerd.io/HTTPRoute': httpRoute,
  'gateway.networking.k8s.io/HTTPRoute': httpRoute,
  'policy.linkerd.io/MeshTLSAuthentication': meshTls,
  'policy.linkerd.io/AuthorizationPolicy': authorizationPolicy,
}

/** AuthorizationPolicy targets (Server, HTTPRoute) and MeshTLSAuthentication refs must exist in the export. */
export const linkerdReferencesExist: CrossCheck = (documents) => {
  const present = new Set<string>()
  for (const d of documents) if (isRecord(d.resource)) present.add(`${String(d.resource.kind)}/${namespaceOf(d.resource)}/${nameOf(d.resource)}`)
  const found: FileFinding[] = []
  for (const d of documents) {
    const r = d.resource
    if (!isRecord(r) || r.kind !== 'AuthorizationPolicy' || r.apiVersion !== 'policy.linkerd.io/v1alpha1') continue
    const ns = namespaceOf(r)
    const spec = rec(r, 'spec')
    const target = rec(spec, 'targetRef')
    if ((target.kind === 'Server' || target.kind === 'HTTPRoute') && !present.has(`${String(target.kind)}/${ns}/${String(target.name)}`)) {
      found.push({ file: d.file, field: 'spec.targetRef', message: `${String(target.kind)} '${String(target.name)}' is not part of the export` })
    }
    records(spec.requiredAuthenticationRefs).forEach((a, i) => {
      if (a.kind !== 'MeshTLSAuthentication') return
      const aNs = typeof a.namespace === 'string' ? a.namespace : ns
      if (!present.has(`MeshTLSAuthentication/${aNs}/${String(a.name)}`)) {
        found.push({ file: d.file, field: `spec.requiredAuthenticationRefs[${i}]`, message: `MeshTLSAuthentication '${String(a.name)}' is not part of the export` })
      }
    })
  }
  return found
}
