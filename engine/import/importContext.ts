/**
 * Shared state and helpers of the Istio + Kubernetes importer: the diagnostics (codes
 * `IMPORT_ISTIO_NNN`, each naming the input file and the field in its document), duration
 * parsing, and host → service resolution.
 *
 * | code | severity | meaning |
 * |---|---|---|
 * | IMPORT_ISTIO_001 | error | YAML syntax error, or a document that is not a resource |
 * | IMPORT_ISTIO_002 | warning | a kind the importer does not read (ignored) |
 * | IMPORT_ISTIO_003 | warning | a field the scenario format does not model (ignored) |
 * | IMPORT_ISTIO_004 | warning | a host that is no imported Service (resource skipped) |
 * | IMPORT_ISTIO_005 | warning | a route destination or mirror on another service (skipped) |
 * | IMPORT_ISTIO_006 | warning | weights that do not total 100 (scaled to 100) |
 * | IMPORT_ISTIO_007 | warning | a destination without subset on a multi-version service (split by replicas) |
 * | IMPORT_ISTIO_008 | warning | a Deployment without an `app` or `version` label (name / `v1` used) |
 * | IMPORT_ISTIO_009 | warning | a Service without Deployments (one version `v1`, one replica) |
 * | IMPORT_ISTIO_010 | warning | a gateway-bound VirtualService became a traffic source with a placeholder load |
 * | IMPORT_ISTIO_011 | warning | several ports or hosts where the scenario has one (the first is used) |
 * | IMPORT_ISTIO_012 | warning | a subset that is no version of the service (or selects by other labels) |
 * | IMPORT_ISTIO_013 | warning | a fault without percentage (Istio injects it into no request) |
 * | IMPORT_ISTIO_014 | error | no Service or Deployment found: nothing to build a scenario from |
 * | IMPORT_ISTIO_015 | warning | a Deployment without a Service (a service was created for it) |
 * | IMPORT_ISTIO_016 | warning | a value that cannot be read (bad duration, unknown retry condition) |
 */
import type { Diagnostic, Severity } from '../model/diagnostics'

/** One parsed input resource. */
export interface InputDoc {
  readonly file: string
  readonly index: number
  readonly resource: Record<string, unknown>
}

/** Collected diagnostics of one import. */
export interface ImportContext {
  readonly notes: Diagnostic[]
}

/** Adds a diagnostic about `doc` at `path` inside its document. */
export function report(ctx: ImportContext, doc: InputDoc | undefined, code: string, message: string, path = '', severity: Severity = 'warning'): void {
  const where = doc ? `${String(doc.resource.kind)} ${nameOf(doc)}: ` : ''
  ctx.notes.push({ code, severity, message: `${where}${message}`, path, file: doc?.file })
}

/** True for a plain object. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** `v[key]` as a record ({} otherwise). */
export function rec(v: unknown, key: string): Record<string, unknown> {
  const x = isRecord(v) ? v[key] : undefined
  return isRecord(x) ? x : {}
}

/** `v` as a list of records. */
export function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isRecord) : []
}

/** The resource's metadata.name ('' when missing). */
export function nameOf(doc: InputDoc): string {
  const n = rec(doc.resource, 'metadata').name
  return typeof n === 'string' ? n : ''
}

/** The resource's namespace (`default` when unset). */
export function namespaceOf(doc: InputDoc): string {
  const n = rec(doc.resource, 'metadata').namespace
  return typeof n === 'string' && n !== '' ? n : 'default'
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** Parses a Go or protobuf duration (`2s`, `0.5s`, `1m30s`, `250ms`) to ms; undefined if invalid. */
export function parseDurationMs(text: unknown): number | undefined {
  if (typeof text !== 'string' || !/^((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$/.test(text)) return undefined
  let total = 0
  for (const m of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!
  return Math.round(total * 1e6) / 1e6
}

/** Reads a duration field, reporting an unreadable one. */
export function durationField(ctx: ImportContext, doc: InputDoc, value: unknown, path: string): number | undefined {
  if (value === undefined) return undefined
  const ms = parseDurationMs(value)
  if (ms === undefined) report(ctx, doc, 'IMPORT_ISTIO_016', `'${String(value)}' is not a duration; ignored`, path)
  return ms
}

/** Reports every key of `obj` that is not in `known` as not modelled. */
export function unmapped(ctx: ImportContext, doc: InputDoc, obj: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const k of Object.keys(obj)) {
    if (!known.includes(k)) report(ctx, doc, 'IMPORT_ISTIO_003', `'${k}' is not modelled by meshsim; ignored`, path === '' ? k : `${path}.${k}`)
  }
}

/** Resolves a host as Istio does from `namespace` (`reviews`, `reviews.default`, FQDN) to `name.namespace`. */
export function hostKey(host: string, namespace: string): string {
  const parts = host.split('.')
  if (parts.length === 1) return `${host}.${namespace}`
  if (parts.length === 2 || host.endsWith('.svc.cluster.local') || host.endsWith('.svc')) return `${parts[0]}.${parts[1]}`
  return host
}
