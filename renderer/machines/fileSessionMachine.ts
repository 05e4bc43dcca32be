/**
 * The file session's modes:
 *
 *   clean ⇄ dirty          (doc.edited / doc.reverted: the document's text differs from / equals the saved text)
 *   clean | dirty → saving → clean                  (saved)
 *                          → dirty | clean          (failed or cancelled: back to what the document is)
 *   clean | dirty → opening → clean                 (opened)
 *                           → dirty | clean         (failed or cancelled)
 *
 * `saving` invokes `saveFile` (over the open file) or `saveFileAs` (a Save dialog; also what
 * `file.save` does when the document has no file yet, see the guard `hasFilePath`); `opening`
 * invokes `openFile` (an Open dialog), `openPath` or `openDroppedFile`. While a save or an
 * open is under way, other file commands are ignored, so a second Save is not sent twice.
 *
 * Every effect is named and supplied with `.provide()` (../app/wireActors.ts): the actors
 * call the platform, the actions write the store (`markSaved`, `loadDocument`,
 * `newDocument`) and the status bar (`notify`, `reportError`). The context holds whether
 * the document has unsaved edits (as last reported by `doc.*` events) and the last error,
 * never the document.
 */
import { assign, fromPromise, setup } from 'xstate'
import type { PromiseActorLogic } from 'xstate'

/** A file written by a save or read by an open: its path, base name and the text in it. */
export interface FileRef {
  readonly path: string
  readonly name: string
  readonly text: string
}

/** A file written by a save: `text` is what was written (edits typed meanwhile are not in it). */
export type SavedFileRef = FileRef

/** A file read by an open. */
export type OpenedFileRef = FileRef

export interface FileSessionContext {
  /** Whether the document differs from its saved text, as the `doc.*` events last said. */
  readonly unsaved: boolean
  /** The message of the last failed save or open, until the next one starts. */
  readonly error: string | undefined
}

export type FileSessionEvent =
  | { readonly type: 'doc.edited' }
  | { readonly type: 'doc.reverted' }
  | { readonly type: 'file.new' }
  | { readonly type: 'file.open' }
  | { readonly type: 'file.openPath'; readonly path: string }
  | { readonly type: 'file.openDropped'; readonly file: File }
  | { readonly type: 'file.save' }
  | { readonly type: 'file.saveAs' }

/** The mode of a file session snapshot. */
export type FileMode = 'clean' | 'dirty' | 'saving' | 'opening'

const notProvided = (name: string) => () => Promise.reject(new Error(`${name} is not provided`))

/** The message of an invoked actor's error. */
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error))

/** File commands, accepted while the session is clean or dirty (and ignored while busy). */
const FILE_COMMANDS = {
  'file.new': { target: 'clean', actions: ['newDocument', 'markReverted', 'clearError'] },
  'file.open': { target: 'opening.fromDialog' },
  'file.openPath': { target: 'opening.fromPath' },
  'file.openDropped': { target: 'opening.fromDrop' },
  'file.save': [{ guard: 'hasFilePath', target: 'saving.toFile' }, { target: 'saving.toNewFile' }],
  'file.saveAs': { target: 'saving.toNewFile' },
} as const

/** A done event; a dialog's output is null when cancelled, which `CANCELLED` takes first. */
type Done<T> = { readonly event: { readonly output: T | null } }

/** A save or an open failed: report it and go back to clean or dirty. */
const FAILED = {
  target: '#fileSession.settling',
  actions: [
    { type: 'recordError', params: ({ event }: { event: { error: unknown } }) => ({ message: messageOf(event.error) }) },
    { type: 'reportError', params: ({ event }: { event: { error: unknown } }) => ({ message: messageOf(event.error) }) },
  ],
} as const

/** A save or an open the user cancelled (a dialog's null): back to clean or dirty, silently. */
const CANCELLED = { guard: ({ event }: Done<unknown>) => event.output === null, target: '#fileSession.settling' } as const

/**
 * Saved: the app records the written text as the saved text. Whether the document is now
 * clean is the store's to say (a `doc.reverted` it sends as it records it, or none when the
 * user typed while the file was being written), so the save settles by the last report.
 */
const SAVED = {
  target: '#fileSession.settling',
  actions: [
    { type: 'markSaved', params: ({ event }: Done<SavedFileRef>) => event.output! },
    { type: 'notify', params: ({ event }: Done<SavedFileRef>) => ({ message: `Saved ${event.output!.name}.` }) },
  ],
} as const

const OPENED = {
  target: '#fileSession.clean',
  actions: [
    { type: 'loadDocument', params: ({ event }: Done<OpenedFileRef>) => event.output! },
    'markReverted',
    { type: 'notify', params: ({ event }: Done<OpenedFileRef>) => ({ message: `Opened ${event.output!.name}.` }) },
  ],
} as const

type FileSessionActors = {
  saveFile: PromiseActorLogic<SavedFileRef>
  saveFileAs: PromiseActorLogic<SavedFileRef | null>
  openFile: PromiseActorLogic<OpenedFileRef | null>
  openPath: PromiseActorLogic<OpenedFileRef, { readonly path: string }>
  openDroppedFile: PromiseActorLogic<OpenedFileRef, { readonly file: File }>
}

export const fileSessionMachine = setup({
  types: {
    context: {} as FileSessionContext,
    events: {} as FileSessionEvent,
    input: {} as { readonly unsaved?: boolean } | undefined,
  },
  actors: {
    /** Saves the document over its file. */
    saveFile: fromPromise(notProvided('saveFile')),
    /** Shows a Save dialog and saves there; null when the user cancels. */
    saveFileAs: fromPromise(notProvided('saveFileAs')),
    /** Shows an Open dialog and reads the chosen file; null when the user cancels. */
    openFile: fromPromise(notProvided('openFile')),
    /** Reads a path the user already chose (recent list, menu, launch files). */
    openPath: fromPromise(notProvided('openPath')),
    /** Reads a file dropped on the window. */
    openDroppedFile: fromPromise(notProvided('openDroppedFile')),
  } as FileSessionActors,
  actions: {
    /** The document was written to `path`: `text` is now the saved text. */
    markSaved: (_, _params: SavedFileRef) => {},
    /** Replaces the document with an opened file. */
    loadDocument: (_, _params: OpenedFileRef) => {},
    /** Replaces the document with a new, untitled one. */
    newDocument: () => {},
    /** Tells the user something went well (the status-bar notice). */
    notify: (_, _params: { readonly message: string }) => {},
    /** Tells the user a save or an open failed (the status-bar notice). */
    reportError: (_, _params: { readonly message: string }) => {},
    recordError: assign((_, params: { readonly message: string }) => ({ error: params.message })),
    clearError: assign({ error: undefined }),
    markEdited: assign({ unsaved: true }),
    markReverted: assign({ unsaved: false }),
  },
  guards: {
    /** Whether the document has a file to save over; supplied by the app. */
    hasFilePath: () => false,
    hasUnsavedEdits: ({ context }) => context.unsaved,
  },
}).createMachine({
  id: 'fileSession',
  initial: 'settling',
  context: ({ input }) => ({ unsaved: input?.unsaved ?? false, error: undefined }),
  // Edits are reported in every mode; after a save or an open `settling` goes by the last report.
  on: {
    'doc.edited': { actions: 'markEdited' },
    'doc.reverted': { actions: 'markReverted' },
  },
  states: {
    /** Transient: clean or dirty, whichever the document is. */
    settling: {
      always: [{ guard: 'hasUnsavedEdits', target: 'dirty' }, { target: 'clean' }],
    },
    clean: {
      on: { ...FILE_COMMANDS, 'doc.edited': { target: 'dirty', actions: 'markEdited' } },
    },
    dirty: {
      on: { ...FILE_COMMANDS, 'doc.reverted': { target: 'clean', actions: 'markReverted' } },
    },
    saving: {
      entry: 'clearError',
      initial: 'toFile',
      states: {
        toFile: { invoke: { src: 'saveFile', onDone: SAVED, onError: FAILED } },
        toNewFile: { invoke: { src: 'saveFileAs', onDone: [CANCELLED, SAVED], onError: FAILED } },
      },
    },
    opening: {
      entry: 'clearError',
      initial: 'fromDialog',
      states: {
        fromDialog: { invoke: { src: 'openFile', onDone: [CANCELLED, OPENED], onError: FAILED } },
        fromPath: {
          invoke: {
            src: 'openPath',
            input: ({ event }) => ({ path: event.type === 'file.openPath' ? event.path : '' }),
            onDone: OPENED,
            onError: FAILED,
          },
        },
        fromDrop: {
          invoke: {
            src: 'openDroppedFile',
            input: ({ event }) => {
              if (event.type !== 'file.openDropped') throw new Error(`openDroppedFile started by ${event.type}`)
              return { file: event.file }
            },
            onDone: OPENED,
            onError: FAILED,
          },
        },
      },
    },
  },
})

/** The mode of a file session snapshot: `saving` and `opening` have child states of their own. */
export function getFileMode(snapshot: { readonly value: unknown }): FileMode {
  const value = snapshot.value
  return (typeof value === 'string' ? value : Object.keys(value as object)[0]) as FileMode
}
