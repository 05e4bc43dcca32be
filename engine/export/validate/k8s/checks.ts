/**
 * Small predicates the admission-webhook checks share: Go durations, RE2 regexes, DNS host
 * names, and safe accessors over schema-valid (but still `unknown`) resources.
 */
import { RE2JS } from 're2js'

/** Go's `time.ParseDuration` syntax (`300ms`, `1.5h`, `2h45m`); `0` alone is allowed. */
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/

/** Tests Go duration syntax, as Linkerd parses ServiceProfile and annotation durations. */
export function isGoDuration(s: unknown): boolean {
  return typeof s === 'string' && GO_DURATION.test(s)
}

/** Undefined when `pattern` compiles as RE2 (Go regexp, Envoy's safe_regex); else the reason. */
export function re2Problem(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern)
    return undefined
  } catch (err) {
    return (err as Error).message
  }
}

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

/**
 * A host name as Istio's `ValidateWildcardDomain` accepts it: DNS-1123 labels, optionally
 * starting with `*.`, or `*` alone; at most 255 characters.
 */
export function isWildcardHost(host: string): boolean {
  if (host === '*') return true
  if (host.length === 0 || host.length > 255) return false
  const rest = host.startsWith('*.') ? host.slice(2) : host
  return rest.split('.').every((l) => l.length <= 63 && LABEL.test(l))
}

/** True for a plain object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** `v` as a list of records (anything else: empty). */
export function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isRecord) : []
}

/** `v[key]` as a record (anything else: empty). */
export function rec(v: unknown, key: string): Record<string, unknown> {
  if (!isRecord(v)) return {}
  const x = v[key]
  return isRecord(x) ? x : {}
}

/** The resource's namespace, `default` when unset. */
export function namespaceOf(resource: Record<string, unknown>): string {
  const ns = rec(resource, 'metadata').namespace
  return typeof ns === 'string' && ns !== '' ? ns : 'default'
}

/** The resource's name ('' when unset). */
export function nameOf(resource: Record<string, unknown>): string {
  const n = rec(resource, 'metadata').name
  return typeof n === 'string' ? n : ''
}

/**
 * A service host as Istio resolves it from a resource in `namespace`: `reviews` and
 * `reviews.default` become `reviews.default.svc.cluster.local`; other names stay.
 */
export function fqdn(host: string, namespace: string): string {
  const parts = host.split('.')
  if (parts.length === 1) return `${host}.${namespace}.svc.cluster.local`
  if (parts.length === 2) return `${host}.svc.cluster.local`
  return host
}

/** True for a whole number in the range. */
export function isIntIn(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
}
