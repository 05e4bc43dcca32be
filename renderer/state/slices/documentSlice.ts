/**
 * The document slice: the open scenario, its text and diagnostics, the problems of the last
 * refused edit, and the actions that replace or rewrite the whole document.
 */
import type { StateCreator } from 'zustand'
import type { DocPath } from '../../../engine/index'
import { EMPTY_DOCUMENT, commitScenario, computeDocument } from '../document'
import type { FieldIssue, TopologyDocument } from '../document'
import { createEmptyScenario, setField } from '../edits/scenario'
import { EMPTY_HISTORY, pushHistory } from '../history'
import { EMPTY_SELECTION, pruneSelection } from '../selection'
import type { TopologyState } from '../topologyStore'
import { createApplyEdit } from './commit'

export interface DocumentSlice {
  readonly document: TopologyDocument
  /** Schema problems of the last refused model edit, by model path; cleared by the next good edit. */
  readonly fieldIssues: readonly FieldIssue[]
  /** The text of the document as last opened or saved: the document is dirty when it differs. */
  readonly savedText: string
  /** Where the document lives (the platform's path or id), or null until it is saved. */
  readonly filePath: string | null
  /** Parses `text` and makes it the open document (a fresh history); `unsaved` marks restored work as dirty. */
  readonly openScenario: (text: string, file: string, path?: string | null, unsaved?: boolean) => void
  /** Opens a blank document with no services. */
  readonly newScenario: (file?: string) => void
  /** Replaces the text (the YAML editor); keeps it as typed even when it does not parse. */
  readonly editText: (text: string) => void
  /** Sets one model field by path (the inspector's plain fields); undefined removes it. */
  readonly setField: (path: DocPath, value: unknown, label?: string) => boolean
  /** Records that the document was saved (as `file` at `path`) with its current text. */
  /** `text` (default: the document's text now) was written to `path`: it is the saved text. */
  readonly markSaved: (file?: string, path?: string, text?: string) => void
}

/** Initial content: a document, or the text of a scenario file. */
export type TopologyInit = { readonly document: TopologyDocument } | { readonly text: string; readonly file: string }

export const UNTITLED_FILE = 'untitled.scenario.yaml'

export function createDocumentSlice(initial: TopologyInit): StateCreator<TopologyState, [], [], DocumentSlice> {
  return (set, get) => {
    const apply = createApplyEdit(set, get)
    const document = 'document' in initial ? initial.document : computeDocument(initial.text, initial.file)
    return {
      document,
      fieldIssues: [],
      savedText: document.text,
      filePath: null,
      openScenario: (text, file, path = null, unsaved = false) => {
        const opened = computeDocument(text, file)
        set({ document: opened, savedText: unsaved ? '' : text, filePath: path, fieldIssues: [], history: EMPTY_HISTORY, selection: EMPTY_SELECTION })
      },
      newScenario: (file = UNTITLED_FILE) => {
        const blank = commitScenario({ ...EMPTY_DOCUMENT, file }, createEmptyScenario())
        set({ document: blank, savedText: blank.text, filePath: null, fieldIssues: [], history: EMPTY_HISTORY, selection: EMPTY_SELECTION })
      },
      editText: (text) => {
        const { document: current, history, selection } = get()
        if (text === current.text) return
        const next = computeDocument(text, current.file, current.scenario)
        set({
          document: next,
          fieldIssues: [],
          history: pushHistory(history, current, 'Edit YAML'),
          selection: pruneSelection(selection, next.scenario),
        })
      },
      setField: (path, value, label = 'Edit field') => apply(label, (s) => setField(s, path, value)),
      markSaved: (file, path, text) => {
        const { document: doc, filePath } = get()
        set({ savedText: text ?? doc.text, filePath: path ?? filePath, document: file && file !== doc.file ? { ...doc, file } : doc })
      },
    }
  }
}
