/** Whole-scenario edits: a new document, generic field updates and auto-layout positions. */
import type { DocPath, Scenario } from '../../../engine/index'
import { setIn } from './immutable'

/** A new, empty document: no services yet (the canvas starts blank). */
export function createEmptyScenario(name = 'untitled'): Scenario {
  return { formatVersion: 1, name, mesh: 'istio', duration: 60_000, services: [] }
}

/**
 * Sets the value at `path` (keys and indices from the scenario root; undefined removes an
 * optional field). Used by the inspector's plain fields, whose paths are the model's own.
 */
export function setField(s: Scenario, path: DocPath, value: unknown): Scenario {
  return setIn(s, path, value)
}
