/**
 * What every Linkerd resource builder shares: the scenario, options, diagnostics, names,
 * identities and Linkerd's duration format.
 */
import type { Diagnostic, Severity } from '../../model/diagnostics'
import type { Scenario } from '../../model/types'
import { findService, namespaceOf } from '../facts/scenarioFacts'
import type { ExportOptions } from '../types'
import { LINKERD_CODES } from './linkerdCodes'

/** State of one Linkerd export. */
export interface LinkerdContext {
  readonly scenario: Scenario
  readonly options: ExportOptions
  readonly notes: Diagnostic[]
}

/** Records a diagnostic naming the model field and what was exported instead. */
export function note(ctx: LinkerdContext, code: string, message: string, path: string, severity: Severity = 'warning'): void {
  ctx.notes.push({ code, severity, message, path })
}

/** Namespace of the service called `name`. */
export function nsOf(ctx: LinkerdContext, name: string): string {
  const svc = findService(ctx.scenario, name)
  return svc ? namespaceOf(svc, ctx.options) : (ctx.options.namespace ?? 'default')
}

/** Linkerd's mTLS identity of a service's pods (ServiceAccount named after the service). */
export function identityOf(ctx: LinkerdContext, name: string): string {
  return `${name}.${nsOf(ctx, name)}.serviceaccount.identity.linkerd.cluster.local`
}

/**
 * Milliseconds as a Gateway API duration (`2s`, `500ms`, `1m30s`: GEP-2257, whole
 * milliseconds), which is also a Go duration, so every Linkerd field and annotation takes it.
 * Below 1 ms rounds up to `1ms` with a diagnostic.
 */
export function linkerdDuration(ctx: LinkerdContext, ms: number, path: string): string {
  let rest = Math.round(ms)
  if (rest !== ms) {
    rest = Math.max(1, rest)
    note(ctx, LINKERD_CODES.subMillisecond, `Linkerd durations are whole milliseconds: ${ms}ms exported as ${rest}ms`, path)
  }
  if (rest === 0) return '0s'
  const parts: string[] = []
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size)
    if (n > 0) parts.push(`${n}${unit}`)
    rest -= n * size
  }
  return parts.join('')
}

/** Escapes text for use inside a regular expression. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
