/**
 * Faults drawn on the timeline: a drag from t0 to t1 on the track becomes a fault of the
 * chosen kind on the chosen target, starting at the earlier time and lasting until the
 * later (a click, with no length, gets a default length). Times are rounded to 100 ms.
 */
import type { FaultEvent } from '../../engine/index'

export type DrawableFault = 'crash' | 'latency' | 'error_burst' | 'partition' | 'slow_replica'

export const DRAWABLE: Readonly<Record<DrawableFault, string>> = {
  crash: 'Crash a replica',
  latency: 'Add latency',
  error_burst: 'Error burst',
  partition: 'Partition two zones',
  slow_replica: 'Slow replica',
}

/** What a fault drawn without a length lasts, ms. */
export const DEFAULT_FAULT_MS = 10_000

export interface FaultTarget {
  readonly service: string | undefined
  readonly version: string | undefined
  /** The scenario's zones (a partition cuts the first two apart). */
  readonly zones: readonly string[]
}

const round = (ms: number) => Math.round(ms / 100) * 100

/** The fault for a drag from `t0Ms` to `t1Ms`, or why it cannot be made. */
export function computeDrawnFault(kind: DrawableFault, t0Ms: number, t1Ms: number, target: FaultTarget): FaultEvent | string {
  const at = round(Math.min(t0Ms, t1Ms))
  const dragged = round(Math.abs(t1Ms - t0Ms))
  const length = dragged >= 500 ? dragged : DEFAULT_FAULT_MS
  if (kind === 'partition') {
    if (target.zones.length < 2) return 'A partition needs two zones: list them in the scenario (Zones) first.'
    return { kind, at, for: length, zones: [target.zones[0]!, target.zones[1]!] }
  }
  const service = target.service
  if (!service) return 'Choose the service the fault hits.'
  const on = { service, ...(target.version ? { version: target.version } : {}) }
  switch (kind) {
    case 'crash':
      // A click crashes it for good; a drag restarts it at the end of the drag.
      return { kind, at, ...on, replica: 0, ...(dragged >= 500 ? { restartAfter: dragged } : {}) }
    case 'latency':
      return { kind, at, for: length, ...on, add: 200 }
    case 'error_burst':
      return { kind, at, for: length, ...on, rate: 50 }
    case 'slow_replica':
      return { kind, at, for: length, ...on, replica: 0, factor: 5 }
  }
}

/** Where a fault's bar runs, ms (a crash without restart runs to the end of the run). */
export function computeFaultSpan(f: FaultEvent, durationMs: number): { start: number; end: number } {
  if ('for' in f) return { start: f.at, end: f.at + f.for }
  if (f.kind === 'crash') return { start: f.at, end: f.restartAfter !== undefined ? f.at + f.restartAfter : durationMs }
  return { start: f.at, end: f.at + (f.restartTime ?? 10_000) }
}

/** `Crash reviews v1 replica 0 at 20 s, restarts after 10 s` — the bar's accessible name. */
export function describeFault(f: FaultEvent): string {
  const at = `at ${f.at / 1000} s`
  if (f.kind === 'partition') return `Partition ${f.zones[0]} / ${f.zones[1]} ${at} for ${f.for / 1000} s`
  const target = `${f.service}${f.version ? ` ${f.version}` : ''}`
  switch (f.kind) {
    case 'crash':
      return `Crash ${target} replica ${f.replica ?? 0} ${at}${f.restartAfter !== undefined ? `, restarts after ${f.restartAfter / 1000} s` : ', stays down'}`
    case 'latency':
      return `Latency +${f.add} ms on ${target} ${at} for ${f.for / 1000} s`
    case 'error_burst':
      return `Errors ${f.rate}% on ${target} ${at} for ${f.for / 1000} s`
    case 'slow_replica':
      return `Slow ${target} replica ×${f.factor} ${at} for ${f.for / 1000} s`
    case 'rolling_deploy':
      return `Rolling deploy of ${target} ${at}`
  }
}
