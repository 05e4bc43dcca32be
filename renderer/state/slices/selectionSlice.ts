/** The selection slice: selected nodes, edges and timeline fault (see ../selection.ts). */
import type { StateCreator } from 'zustand'
import { EMPTY_SELECTION } from '../selection'
import type { Selection } from '../selection'
import type { TopologyState } from '../topologyStore'

/** A selection change React Flow reports (`NodeChange`/`EdgeChange` of type `select`). */
export interface SelectChange {
  readonly id: string
  readonly selected: boolean
}

export interface SelectionSlice {
  readonly selection: Selection
  /** Selects exactly these nodes and edges (and no fault). */
  readonly select: (nodes: readonly string[], edges?: readonly string[]) => void
  /** Applies React Flow's select changes to the nodes or the edges. */
  readonly applySelectChanges: (kind: 'nodes' | 'edges', changes: readonly SelectChange[]) => void
  /** Selects every node (services and traffic sources). */
  readonly selectAll: () => void
  readonly clearSelection: () => void
  readonly selectFault: (index: number | undefined) => void
}

export const createSelectionSlice: StateCreator<TopologyState, [], [], SelectionSlice> = (set, get) => ({
  selection: EMPTY_SELECTION,
  select: (nodes, edges = []) => set({ selection: { nodes: [...nodes], edges: [...edges], fault: undefined } }),
  applySelectChanges: (kind, changes) => {
    if (changes.length === 0) return
    const { selection } = get()
    const ids = new Set(selection[kind])
    for (const c of changes) {
      if (c.selected) ids.add(c.id)
      else ids.delete(c.id)
    }
    const next = [...ids]
    if (next.length === selection[kind].length && next.every((id, i) => id === selection[kind][i])) return
    set({ selection: { ...selection, [kind]: next, fault: undefined } })
  },
  selectAll: () => {
    const s = get().document.scenario
    if (!s) return
    const nodes = [...s.services.map((x) => `service:${x.name}`), ...(s.traffic ?? []).map((t) => `traffic:${t.name}`)]
    set({ selection: { nodes, edges: [], fault: undefined } })
  },
  clearSelection: () => {
    if (get().selection !== EMPTY_SELECTION) set({ selection: EMPTY_SELECTION })
  },
  selectFault: (index) => set({ selection: { nodes: [], edges: [], fault: index } }),
})
