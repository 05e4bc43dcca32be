/**
 * What every Istio resource builder shares: the scenario, the options, the diagnostics
 * collected so far, host names and Istio's duration format.
 */
import type { Diagnostic, Severity } from '../../model/diagnostics'
import type { Scenario, Service } from '../../model/types'
import { findService, namespaceOf } from '../facts/scenarioFacts'
import type { ExportOptions } from '../types'

/** State of one Istio export. */
export interface IstioContext {
  readonly scenario: Scenario
  readonly options: ExportOptions
  readonly notes: Diagnostic[]
}

/** Records a diagnostic naming the model field (`path`) and what was exported instead. */
export function note(ctx: IstioContext, code: string, message: string, path: string, severity: Severity = 'warning'): void {
  ctx.notes.push({ code, severity, message, path })
}

/** The namespace of the service called `name` (export option or `default` when unknown). */
export function nsOf(ctx: IstioContext, name: string): string {
  const svc = findService(ctx.scenario, name)
  return svc ? namespaceOf(svc, ctx.options) : (ctx.options.namespace ?? 'default')
}

/** `<svc>.<ns>.svc.cluster.local`: hosts are fully qualified so namespaces never matter. */
export function hostOf(ctx: IstioContext, name: string): string {
  return `${name}.${nsOf(ctx, name)}.svc.cluster.local`
}

/** The service called `name` (references were checked by the parser). */
export function serviceNamed(ctx: IstioContext, name: string): Service | undefined {
  return findService(ctx.scenario, name)
}

/**
 * Milliseconds as a protobuf JSON duration (`2s`, `0.5s`, `0.00025s`): what Istio's
 * config conversion accepts, and Go's time.ParseDuration (the CRD's CEL `duration()`) too.
 */
export function protoDuration(ms: number): string {
  const seconds = (Math.round(ms * 1e6) / 1e9).toFixed(9).replace(/\.?0+$/, '')
  return `${seconds}s`
}

/** A DNS-1123 label made from free text (`Bookinfo demo!` → `bookinfo-demo`), `fallback` if none is left. */
export function dnsSlug(text: string, fallback: string, max = 40): string {
  const slug = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').slice(0, max).replace(/^-+|-+$/g, '')
  return slug === '' ? fallback : slug
}
