/**
 * Fault-timeline edits. A fault keeps its index while it is moved or edited (the timeline and
 * the inspector select faults by index); times are clamped to the run (0 … duration) and
 * rounded to whole milliseconds.
 */
import type { FaultEvent, Scenario } from '../../../engine/index'

/** Adds a fault at the end of the list; returns the scenario and the fault's index. */
export function addFault(s: Scenario, fault: FaultEvent): { scenario: Scenario; index: number } {
  const clamped = clampFault(s, fault)
  const faults = [...(s.faults ?? []), clamped]
  return { scenario: { ...s, faults }, index: faults.length - 1 }
}

/** Moves fault `index` to start at `atMs` (and, for faults that last, to last `forMs`). */
export function moveFault(s: Scenario, index: number, atMs: number, forMs?: number): Scenario {
  const fault = s.faults?.[index]
  if (!fault) return s
  const moved = 'for' in fault && forMs !== undefined ? { ...fault, at: atMs, for: forMs } : { ...fault, at: atMs }
  return updateFault(s, index, moved)
}

/** Replaces fault `index`. */
export function updateFault(s: Scenario, index: number, fault: FaultEvent): Scenario {
  if (!s.faults?.[index]) return s
  const faults = s.faults.map((f, i) => (i === index ? clampFault(s, fault) : f))
  return { ...s, faults }
}

/** Removes fault `index`. */
export function removeFault(s: Scenario, index: number): Scenario {
  if (!s.faults?.[index]) return s
  const faults = s.faults.filter((_, i) => i !== index)
  const { faults: _gone, ...rest } = s
  return faults.length ? { ...s, faults } : rest
}

function clampFault(s: Scenario, fault: FaultEvent): FaultEvent {
  const at = Math.round(Math.min(Math.max(0, fault.at), s.duration))
  if (!('for' in fault)) return { ...fault, at }
  return { ...fault, at, for: Math.max(1, Math.round(Math.min(fault.for, s.duration - at || 1))) }
}
