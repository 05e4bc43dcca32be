/**
 * The topology store: the open document (the parsed scenario, its source file name and its
 * diagnostics). Built by a factory and provided through React context, so every canvas and
 * every test gets its own store (zustand's "initialize state with props" pattern).
 *
 * Model logic stays in the engine: actions only call its pure functions and store results.
 */
import { createContext, useContext } from 'react'
import { createStore, useStore } from 'zustand'
import type { StoreApi } from 'zustand'
import { parseScenario } from '../../engine/index'
import type { Diagnostic, Scenario } from '../../engine/index'

/** The open document. `scenario` is absent when the file could not be read as a scenario. */
export interface TopologyDocument {
  /** File name shown to the user and in diagnostics, e.g. `bookinfo.scenario.yaml`. */
  readonly file: string
  readonly scenario: Scenario | undefined
  readonly diagnostics: readonly Diagnostic[]
}

export interface TopologyState {
  readonly document: TopologyDocument
  /** Parses `text` and makes it the open document, replacing the previous one. */
  readonly openScenario: (text: string, file: string) => void
}

export type TopologyStore = StoreApi<TopologyState>

/** What a store starts with: a document, or the text of a scenario file to parse. */
export type TopologyInit = { readonly document: TopologyDocument } | { readonly text: string; readonly file: string }

/** An empty document, for tests and for the moment before anything is opened. */
export const EMPTY_DOCUMENT: TopologyDocument = { file: '', scenario: undefined, diagnostics: [] }

/** Parses scenario text into a document (never throws: problems become diagnostics). */
export function computeDocument(text: string, file: string): TopologyDocument {
  const result = parseScenario(text, { file })
  return { file, scenario: result.scenario, diagnostics: result.diagnostics }
}

/** Creates a fresh store. */
export function createTopologyStore(initial: TopologyInit = { document: EMPTY_DOCUMENT }): TopologyStore {
  const document = 'document' in initial ? initial.document : computeDocument(initial.text, initial.file)
  return createStore<TopologyState>()((set) => ({
    document,
    openScenario: (text, file) => set({ document: computeDocument(text, file) }),
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
