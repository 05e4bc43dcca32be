/**
 * What every Envoy builder reads: the scenario, export options, the mesh profile's
 * defaults and the diagnostics collected so far (deduplicated by code and path, since the
 * same destination appears in several sidecars).
 */
import type { Diagnostic } from '../../model/diagnostics'
import type { MeshProfileDefaults } from '../../model/profiles'
import type { Scenario } from '../../model/types'
import type { ExportOptions } from '../types'
import { exportNote } from '../facts/scenarioFacts'

/** Shared state of one Envoy export. */
export interface EnvoyContext {
  readonly scenario: Scenario
  readonly options: ExportOptions
  readonly profile: MeshProfileDefaults
  readonly notes: Map<string, Diagnostic>
}

/** Records an `EXPORT_ENVOY_NNN` warning once per code and path. */
export function noteEnvoy(ctx: EnvoyContext, code: number, message: string, path: string): void {
  const id = `EXPORT_ENVOY_${String(code).padStart(3, '0')}`
  if (!ctx.notes.has(`${id} ${path}`)) ctx.notes.set(`${id} ${path}`, exportNote(id, message, path))
}

/** An integer percent for a UInt32Value field; notes the rounding when `pct` had a fraction. */
export function wholePercent(ctx: EnvoyContext, pct: number, path: string): number {
  const n = Math.round(pct)
  if (n !== pct) noteEnvoy(ctx, 8, `Envoy takes a whole percent here; ${pct}% exported as ${n}%`, path)
  return n
}
