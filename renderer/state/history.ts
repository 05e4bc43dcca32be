/**
 * Undo history: a bounded list of earlier documents (and later ones, after an undo). Every
 * edit pushes the document it replaced, labelled with what the edit did, so the UI can say
 * "Undo Add service". Documents are immutable, so an entry costs only what the edit changed.
 */
import type { TopologyDocument } from './document'

/** How many edits can be undone. */
export const HISTORY_LIMIT = 200

export interface HistoryEntry {
  readonly document: TopologyDocument
  /** What the edit that left this document did, e.g. `Add service`. */
  readonly label: string
}

export interface History {
  readonly past: readonly HistoryEntry[]
  readonly future: readonly HistoryEntry[]
}

export const EMPTY_HISTORY: History = { past: [], future: [] }

/** The history after an edit away from `previous`: the redo list is dropped. */
export function pushHistory(history: History, previous: TopologyDocument, label: string): History {
  const past = [...history.past, { document: previous, label }]
  return { past: past.length > HISTORY_LIMIT ? past.slice(past.length - HISTORY_LIMIT) : past, future: [] }
}

/** One step back: the document to show and the new history, or undefined when there is none. */
export function stepBack(history: History, current: TopologyDocument): { document: TopologyDocument; history: History } | undefined {
  const entry = history.past[history.past.length - 1]
  if (!entry) return undefined
  return {
    document: entry.document,
    history: { past: history.past.slice(0, -1), future: [{ document: current, label: entry.label }, ...history.future] },
  }
}

/** One step forward (after an undo), or undefined. */
export function stepForward(history: History, current: TopologyDocument): { document: TopologyDocument; history: History } | undefined {
  const entry = history.future[0]
  if (!entry) return undefined
  return {
    document: entry.document,
    history: { past: [...history.past, { document: current, label: entry.label }], future: history.future.slice(1) },
  }
}
