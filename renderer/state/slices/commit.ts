/**
 * The one path every model edit takes: apply a pure edit to the scenario, refuse it (and
 * report its problems at the fields) if it would leave the schema, else commit it — new
 * text and diagnostics, the old document onto the undo history, a pruned selection.
 */
import type { Scenario } from '../../../engine/index'
import { commitScenario, validateScenario } from '../document'
import { pushHistory } from '../history'
import { pruneSelection } from '../selection'
import type { TopologyState } from '../topologyStore'

type Set = (partial: Partial<TopologyState>) => void
type Get = () => TopologyState

/** Applies `edit` under `label`; `after` adds state changes (e.g. a selection). True when committed. */
export type ApplyEdit = (label: string, edit: (s: Scenario) => Scenario, after?: (s: Scenario) => Partial<TopologyState>) => boolean

export function createApplyEdit(set: Set, get: Get): ApplyEdit {
  return (label, edit, after) => {
    const state = get()
    const current = state.document.scenario
    if (!current) return false
    const next = edit(current)
    if (next === current) return false
    const issues = validateScenario(next)
    if (issues.length > 0) {
      set({ fieldIssues: issues })
      return false
    }
    const extra = after?.(next) ?? {}
    set({
      document: commitScenario(state.document, next),
      fieldIssues: [],
      history: pushHistory(state.history, state.document, label),
      selection: pruneSelection(extra.selection ?? state.selection, next),
      ...withoutSelection(extra),
    })
    return true
  }
}

function withoutSelection(extra: Partial<TopologyState>): Partial<TopologyState> {
  const { selection: _selection, ...rest } = extra
  return rest
}
