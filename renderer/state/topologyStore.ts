/**
 * The topology store: the open document (scenario, YAML text, diagnostics), what is
 * selected, how it is viewed, and the undo history. Built by a factory and provided through
 * React context, so every canvas and every test gets its own store (zustand's "initialize
 * state with props" pattern). Slices are combined once, here.
 *
 * Actions are verbs next to the state; model logic lives in pure functions (./edits and the
 * engine), and every change of the document goes through one path (slices/commit.ts).
 */
import { createContext, useContext } from 'react'
import { createStore, useStore } from 'zustand'
import type { StoreApi } from 'zustand'
import { EMPTY_DOCUMENT } from './document'
import { createDocumentSlice } from './slices/documentSlice'
import type { DocumentSlice, TopologyInit } from './slices/documentSlice'
import { createHistorySlice } from './slices/historySlice'
import type { HistorySlice } from './slices/historySlice'
import { createModelActions } from './slices/modelActions'
import type { ModelActions } from './slices/modelActions'
import { createPolicyActions } from './slices/policyActions'
import type { PolicyActions } from './slices/policyActions'
import { createSelectionSlice } from './slices/selectionSlice'
import type { SelectionSlice } from './slices/selectionSlice'
import { createViewSlice } from './slices/viewSlice'
import type { ViewSlice } from './slices/viewSlice'

export type TopologyState = DocumentSlice & SelectionSlice & ViewSlice & HistorySlice & ModelActions & PolicyActions
export type TopologyStore = StoreApi<TopologyState>
export type { TopologyInit }
export { EMPTY_DOCUMENT, computeDocument } from './document'
export type { TopologyDocument } from './document'

/** Creates a fresh store holding `initial` (a blank, unreadable document by default). */
export function createTopologyStore(initial: TopologyInit = { document: EMPTY_DOCUMENT }): TopologyStore {
  return createStore<TopologyState>()((...a) => ({
    ...createDocumentSlice(initial)(...a),
    ...createSelectionSlice(...a),
    ...createViewSlice(...a),
    ...createHistorySlice(...a),
    ...createModelActions(...a),
    ...createPolicyActions(...a),
  }))
}

/** Provides the store to the component tree: `<TopologyStoreContext value={store}>`. */
export const TopologyStoreContext = createContext<TopologyStore | null>(null)

/** The store of the nearest provider (throws outside one: a wiring bug, not a user error). */
export function useTopologyStore(): TopologyStore {
  const store = useContext(TopologyStoreContext)
  if (!store) throw new Error('useTopologyStore: no TopologyStoreContext provider above this component')
  return store
}

/** Subscribes to a slice of the store. Selectors must return primitives or stable references. */
export function useTopology<T>(selector: (state: TopologyState) => T): T {
  return useStore(useTopologyStore(), selector)
}
