/** The history slice: undo and redo of every document change. */
import type { StateCreator } from 'zustand'
import { EMPTY_HISTORY, stepBack, stepForward } from '../history'
import type { History } from '../history'
import { pruneSelection } from '../selection'
import type { TopologyState } from '../topologyStore'

export interface HistorySlice {
  readonly history: History
  readonly undo: () => void
  readonly redo: () => void
}

export const createHistorySlice: StateCreator<TopologyState, [], [], HistorySlice> = (set, get) => {
  const go = (step: typeof stepBack) => {
    const { history, document, selection } = get()
    const moved = step(history, document)
    if (!moved) return
    set({ ...moved, fieldIssues: [], selection: pruneSelection(selection, moved.document.scenario) })
  }
  return {
    history: EMPTY_HISTORY,
    undo: () => go(stepBack),
    redo: () => go(stepForward),
  }
}
