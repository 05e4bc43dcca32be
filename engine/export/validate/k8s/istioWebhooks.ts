/**
 * Istio's admission-webhook rules that the CRD schemas do not carry (istio/istio
 * `pkg/config/validation`), plus one check Istio itself does not make: every subset a
 * VirtualService routes to must exist in a DestinationRule for that host (Istio accepts a
 * missing one and answers 503 at run time).
 *
 * Rules: hosts are DNS names (`*.` wildcard allowed; `*` alone not for mesh-bound
 * VirtualServices), ports 1–65535, weights ≥ 0 with a non-zero total, regexes are RE2,
 * `retryOn` names are Envoy's (or HTTP status codes), percentages 0–100, abort statuses
 * 200–599, header names lower case, maglev table sizes prime, MUTUAL TLS has certificates.
 */
import type { FileFinding } from '../../types'
import { fqdn, isIntIn, isRecord, isWildcardHost, namespaceOf, re2Problem, rec, records } from './checks'
import type { RuleFinding } from './celRules'
import type { CrossCheck, WebhookChecks } from './validator'

/** `retryOn` condition names Istio accepts (Envoy's router `retry_on`, HTTP and gRPC). */
export const ISTIO_RETRY_ON = new Set([
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'retriable-4xx', 'refused-stream',
  'retriable-status-codes', 'retriable-headers', 'envoy-ratelimited', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
])

type Found = RuleFinding[]

function checkStringMatch(m: unknown, path: string, found: Found): void {
  if (isRecord(m) && typeof m.regex === 'string') {
    const problem = re2Problem(m.regex)
    if (problem) found.push({ field: `${path}.regex`, message: `not a valid RE2 regex: ${problem}` })
  }
}

function checkPercent(v: unknown, path: string, found: Found): void {
  const value = isRecord(v) ? v.value : undefined
  if (typeof value === 'number' && (value < 0 || value > 100)) found.push({ field: `${path}.value`, message: `percentage must be in [0, 100], got ${value}` })
}

function checkDestination(d: Record<string, unknown>, path: string, found: Found): void {
  if (typeof d.host !== 'string' || !isWildcardHost(d.host)) found.push({ field: `${path}.host`, message: `invalid host '${String(d.host)}': must be a DNS name` })
  const port = rec(d, 'port').number
  if (port !== undefined && !isIntIn(port, 1, 65535)) found.push({ field: `${path}.port.number`, message: `port number ${String(port)} must be in 1–65535` })
}

function checkRetries(r: Record<string, unknown>, path: string, found: Found): void {
  if (typeof r.attempts === 'number' && r.attempts < 0) found.push({ field: `${path}.attempts`, message: 'attempts cannot be negative' })
  if (typeof r.retryOn !== 'string') return
  for (const token of r.retryOn.split(',').map((t) => t.trim())) {
    if (/^\d+$/.test(token) ? !isIntIn(Number(token), 100, 599) : !ISTIO_RETRY_ON.has(token)) {
      found.push({ field: `${path}.retryOn`, message: `'${token}' is not a valid retryOn policy (an Envoy retry_on name or an HTTP status code)` })
    }
  }
}

function checkHttpRoute(h: Record<string, unknown>, path: string, found: Found): void {
  records(h.match).forEach((m, i) => {
    const mp = `${path}.match[${i}]`
    for (const key of ['uri', 'scheme', 'method', 'authority']) if (m[key] !== undefined) checkStringMatch(m[key], `${mp}.${key}`, found)
    for (const key of ['headers', 'queryParams', 'withoutHeaders']) {
      for (const [name, sm] of Object.entries(rec(m, key))) {
        if (key !== 'queryParams' && name !== name.toLowerCase()) found.push({ field: `${mp}.${key}.${name}`, message: 'header names must be lower case' })
        checkStringMatch(sm, `${mp}.${key}.${name}`, found)
      }
    }
  })
  const route = records(h.route)
  let total = 0
  route.forEach((r, i) => {
    const weight = r.weight
    if (typeof weight === 'number') {
      if (weight < 0) found.push({ field: `${path}.route[${i}].weight`, message: `weight ${weight} must not be negative` })
      total += weight
    }
    checkDestination(rec(r, 'destination'), `${path}.route[${i}].destination`, found)
  })
  if (route.length > 1 && total <= 0) found.push({ field: `${path}.route`, message: 'total destination weight must be greater than 0' })
  if (isRecord(h.retries)) checkRetries(h.retries, `${path}.retries`, found)
  const fault = rec(h, 'fault')
  if (isRecord(fault.delay)) checkPercent(fault.delay.percentage, `${path}.fault.delay.percentage`, found)
  if (isRecord(fault.abort)) {
    checkPercent(fault.abort.percentage, `${path}.fault.abort.percentage`, found)
    const status = fault.abort.httpStatus
    if (status !== undefined && !isIntIn(status, 200, 599)) found.push({ field: `${path}.fault.abort.httpStatus`, message: `httpStatus ${String(status)} must be in 200–599` })
  }
  if (isRecord(h.mirror)) checkDestination(h.mirror, `${path}.mirror`, found)
  checkPercent(h.mirrorPercentage, `${path}.mirrorPercentage`, found)
}

function virtualService(vs: Record<string, unknown>): Found {
  const found: Found = []
  const spec = rec(vs, 'spec')
  const gateways = Array.isArray(spec.gateways) ? spec.gateways : []
  const mesh = gateways.length === 0 || gateways.includes('mesh')
  const hosts = Array.isArray(spec.hosts) ? spec.hosts : []
  if (hosts.length === 0) found.push({ field: 'spec.hosts', message: 'a VirtualService must have at least one host' })
  hosts.forEach((h, i) => {
    if (typeof h !== 'string' || !isWildcardHost(h)) found.push({ field: `spec.hosts[${i}]`, message: `invalid host '${String(h)}'` })
    else if (h === '*' && mesh) found.push({ field: `spec.hosts[${i}]`, message: "wildcard host '*' is not allowed for VirtualServices bound to the mesh gateway" })
  })
  gateways.forEach((g, i) => {
    const name = typeof g === 'string' ? g.split('/').pop()! : ''
    if (g !== 'mesh' && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(name)) found.push({ field: `spec.gateways[${i}]`, message: `invalid gateway reference '${String(g)}'` })
  })
  records(spec.http).forEach((h, i) => checkHttpRoute(h, `spec.http[${i}]`, found))
  return found
}

function isPrime(n: number): boolean {
  if (n < 2) return false
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false
  return true
}

function checkTrafficPolicy(tp: Record<string, unknown>, path: string, found: Found): void {
  const od = rec(tp, 'outlierDetection')
  for (const key of ['maxEjectionPercent', 'minHealthPercent']) {
    if (od[key] !== undefined && !isIntIn(od[key], 0, 100)) found.push({ field: `${path}.outlierDetection.${key}`, message: `${key} must be in 0–100` })
  }
  const pool = rec(tp, 'connectionPool')
  for (const [group, fields] of [['tcp', ['maxConnections']], ['http', ['http1MaxPendingRequests', 'http2MaxRequests', 'maxRequestsPerConnection', 'maxRetries']]] as const) {
    for (const f of fields) {
      const v = rec(pool, group)[f]
      if (typeof v === 'number' && v < 0) found.push({ field: `${path}.connectionPool.${group}.${f}`, message: `${f} must not be negative` })
    }
  }
  const lb = rec(tp, 'loadBalancer')
  const table = rec(rec(lb, 'consistentHash'), 'maglev').tableSize
  if (typeof table === 'number' && !isPrime(table)) found.push({ field: `${path}.loadBalancer.consistentHash.maglev.tableSize`, message: `maglev tableSize ${table} must be a prime number` })
  const aggression = rec(lb, 'warmup').aggression
  if (typeof aggression === 'number' && aggression < 1) found.push({ field: `${path}.loadBalancer.warmup.aggression`, message: 'aggression must be at least 1' })
  const tls = rec(tp, 'tls')
  if (tls.mode === 'MUTUAL' && !tls.credentialName && (!tls.clientCertificate || !tls.privateKey)) {
    found.push({ field: `${path}.tls`, message: 'MUTUAL TLS needs credentialName, or clientCertificate and privateKey' })
  }
}

function destinationRule(dr: Record<string, unknown>): Found {
  const found: Found = []
  const spec = rec(dr, 'spec')
  if (typeof spec.host !== 'string' || !isWildcardHost(spec.host)) found.push({ field: 'spec.host', message: `invalid host '${String(spec.host)}'` })
  if (isRecord(spec.trafficPolicy)) checkTrafficPolicy(spec.trafficPolicy, 'spec.trafficPolicy', found)
  const seen = new Set<string>()
  records(spec.subsets).forEach((s, i) => {
    const name = String(s.name)
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) found.push({ field: `spec.subsets[${i}].name`, message: `subset name '${name}' must be a DNS-1123 label` })
    if (seen.has(name)) found.push({ field: `spec.subsets[${i}].name`, message: `duplicate subset '${name}'` })
    seen.add(name)
    if (isRecord(s.trafficPolicy)) checkTrafficPolicy(s.trafficPolicy, `spec.subsets[${i}].trafficPolicy`, found)
  })
  return found
}

const GATEWAY_PROTOCOLS = new Set(['HTTP', 'HTTPS', 'GRPC', 'GRPC-WEB', 'HTTP2', 'MONGO', 'TCP', 'TLS'])

function gateway(gw: Record<string, unknown>): Found {
  const found: Found = []
  records(rec(gw, 'spec').servers).forEach((s, i) => {
    const port = rec(s, 'port')
    if (!isIntIn(port.number, 1, 65535)) found.push({ field: `spec.servers[${i}].port.number`, message: 'port number must be in 1–65535' })
    if (typeof port.protocol !== 'string' || !GATEWAY_PROTOCOLS.has(port.protocol.toUpperCase())) found.push({ field: `spec.servers[${i}].port.protocol`, message: `unknown protocol '${String(port.protocol)}'` })
    const hosts = Array.isArray(s.hosts) ? s.hosts : []
    if (hosts.length === 0) found.push({ field: `spec.servers[${i}].hosts`, message: 'a server needs at least one host' })
    hosts.forEach((h, j) => {
      const host = typeof h === 'string' ? h.split('/').pop()! : ''
      if (!isWildcardHost(host)) found.push({ field: `spec.servers[${i}].hosts[${j}]`, message: `invalid host '${String(h)}'` })
    })
  })
  return found
}

function authorizationPolicy(ap: Record<string, unknown>): Found {
  const found: Found = []
  records(rec(ap, 'spec').rules).forEach((r, i) => {
    records(r.from).forEach((f, j) => {
      const principals = rec(f, 'source').principals
      if (Array.isArray(principals)) principals.forEach((p, k) => {
        if (typeof p !== 'string' || p === '') found.push({ field: `spec.rules[${i}].from[${j}].source.principals[${k}]`, message: 'empty principal' })
      })
    })
    records(r.to).forEach((t, j) => {
      const paths = rec(t, 'operation').paths
      if (Array.isArray(paths)) paths.forEach((p, k) => {
        if (typeof p !== 'string' || !(p.startsWith('/') || p.startsWith('*') || p.endsWith('*'))) found.push({ field: `spec.rules[${i}].to[${j}].operation.paths[${k}]`, message: `path '${String(p)}' must start with '/' or be a '*' pattern` })
      })
    })
  })
  return found
}

/** Istio's webhook checks, keyed by `group/Kind`. */
export const istioWebhooks: WebhookChecks = {
  'networking.istio.io/VirtualService': virtualService,
  'networking.istio.io/DestinationRule': destinationRule,
  'networking.istio.io/Gateway': gateway,
  'security.istio.io/AuthorizationPolicy': authorizationPolicy,
}

/** Every subset a VirtualService names (routes and mirrors) must exist in a DestinationRule for its host. */
export const istioSubsetsExist: CrossCheck = (documents) => {
  const subsets = new Map<string, Set<string>>()
  for (const d of documents) {
    const r = d.resource
    if (!isRecord(r) || r.kind !== 'DestinationRule' || typeof r.apiVersion !== 'string' || !r.apiVersion.startsWith('networking.istio.io/')) continue
    const spec = rec(r, 'spec')
    if (typeof spec.host !== 'string') continue
    const host = fqdn(spec.host, namespaceOf(r))
    const set = subsets.get(host) ?? new Set<string>()
    for (const s of records(spec.subsets)) if (typeof s.name === 'string') set.add(s.name)
    subsets.set(host, set)
  }
  const found: FileFinding[] = []
  for (const d of documents) {
    const r = d.resource
    if (!isRecord(r) || r.kind !== 'VirtualService') continue
    const check = (dest: Record<string, unknown>, field: string): void => {
      if (typeof dest.subset !== 'string' || typeof dest.host !== 'string') return
      const host = fqdn(dest.host, namespaceOf(r))
      if (!subsets.get(host)?.has(dest.subset)) {
        found.push({ file: d.file, field, message: `subset '${dest.subset}' is not defined in any DestinationRule for ${host} (Istio would answer 503)` })
      }
    }
    records(rec(r, 'spec').http).forEach((h, i) => {
      records(h.route).forEach((rt, j) => check(rec(rt, 'destination'), `spec.http[${i}].route[${j}].destination.subset`))
      if (isRecord(h.mirror)) check(h.mirror, `spec.http[${i}].mirror.subset`)
    })
  }
  return found
}
