/**
 * The desktop bridge contract: every capability the renderer has on the desktop, the IPC
 * channel names that carry them, and the plain data they exchange. Types and constants
 * only — this is the one file both sides import (the renderer with `import type`, apart
 * from the channel constants, which only the preload and main use).
 *
 * Every method returns a `Result` rather than throwing: an error thrown across
 * `ipcRenderer.invoke` keeps only its message, so failures travel as data with a stable
 * `code` the renderer can act on and a `message` it can show as is.
 */
import type { OutFile } from '../engine/index'

/** Success with a value, or a failure the user can be shown. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError }

/** A failure: `code` is for the program, `message` is a full sentence for the user. */
export interface AppError {
  readonly code: ErrorCode
  readonly message: string
}

/**
 * Stable failure codes.
 * - `invalid_argument`: an IPC argument failed validation (the message names it).
 * - `forbidden_sender`: the call came from a frame that is not the app's own page.
 * - `not_permitted`: the path was not chosen by the user (dialog, recent list, drop, argv).
 * - `too_large` / `not_a_scenario`: the file was refused; nothing was read into the app or overwritten.
 * - `not_found`, `io`: the file system said no.
 * - `conflict`: the file changed on disk since it was opened; resolve that first.
 * - `unsupported`: this host cannot do it (e.g. reveal in folder in a browser).
 * - `internal`: a bug; the message says what happened.
 */
export type ErrorCode =
  | 'invalid_argument'
  | 'forbidden_sender'
  | 'not_permitted'
  | 'too_large'
  | 'not_a_scenario'
  | 'not_found'
  | 'io'
  | 'conflict'
  | 'unsupported'
  | 'internal'

/** A scenario file as read from disk. `path` is absolute on the desktop, an opaque id in a browser. */
export interface ScenarioFile {
  readonly path: string
  /** The file's base name, e.g. `bookinfo.scenario.yaml`. */
  readonly name: string
  readonly text: string
}

/** Save `text` over the document at `path` (a path the app opened or saved before). */
export interface SaveRequest {
  readonly path: string
  readonly text: string
}

/** Save `text` to a file the user picks; `suggestedName` pre-fills the dialog. */
export interface SaveAsRequest {
  readonly text: string
  readonly suggestedName: string
}

/** Where a document now lives after a save. */
export interface SavedFile {
  readonly path: string
  readonly name: string
}

/** One entry of the recent-documents list, newest first. */
export interface RecentFile {
  readonly path: string
  readonly name: string
  /** ISO 8601 time it was last opened or saved. */
  readonly openedAt: string
}

/** Exporter output to write into a folder the user picks (paths relative, `/`-separated). */
export interface ExportRequest {
  readonly files: readonly OutFile[]
  /** Sub-folder created inside the chosen folder, e.g. `bookinfo-istio`; empty writes straight into it. */
  readonly folderName: string
}

/** What an export wrote. */
export interface ExportWritten {
  /** Absolute folder the files went into (on the desktop). */
  readonly folder: string
  /** The relative paths written, in request order. */
  readonly files: readonly string[]
}

/**
 * Unsaved work, kept so a crash or kill loses nothing (an editor's hot exit). `key`
 * identifies the document: its path, or an `untitled:<id>` the renderer makes up.
 */
export interface AutosaveDraft {
  readonly key: string
  /** The file the draft belongs to, or null for a never-saved document. */
  readonly path: string | null
  readonly name: string
  readonly text: string
  /** ISO 8601 time of the edit. */
  readonly editedAt: string
}

/** Another program changed or deleted an open document on disk. */
export interface ExternalChange {
  readonly kind: 'modified' | 'deleted'
  readonly path: string
}

/** The user's answer to an external change: load the disk version, or keep editing theirs. */
export type ExternalChangeChoice = 'reload' | 'keep_mine'

/** Answer to one `ExternalChange`. */
export interface ExternalChangeResolution {
  readonly path: string
  readonly choice: ExternalChangeChoice
}

/** The open document as the window shows it: title, edited dot, macOS proxy icon. */
export interface DocumentStatus {
  readonly path: string | null
  readonly name: string
  readonly dirty: boolean
}

/**
 * Commands from the application menu (and its shortcuts), for the renderer to carry out.
 * `open_path` comes from Open Recent, a file association, a second launch or macOS
 * `open-file`: the path is already granted, so `openPath(path)` will read it.
 */
export type MenuCommand =
  | { readonly kind: 'new' }
  | { readonly kind: 'open' }
  | { readonly kind: 'open_path'; readonly path: string }
  | { readonly kind: 'save' }
  | { readonly kind: 'save_as' }
  | { readonly kind: 'export' }
  | { readonly kind: 'undo' }
  | { readonly kind: 'redo' }
  | { readonly kind: 'run_start' }
  | { readonly kind: 'run_pause' }
  | { readonly kind: 'run_stop' }

/** Constant facts about the host, known without a round trip. */
export interface HostInfo {
  readonly kind: 'desktop' | 'browser'
  /** The app's version on the desktop; undefined in a browser. */
  readonly appVersion: string | undefined
  /** For shortcut labels (⌘ or Ctrl). */
  readonly os: 'darwin' | 'win32' | 'linux' | 'web'
}

/**
 * Everything the renderer may ask of its host. The desktop implements it in the preload
 * (one IPC call per method); the browser adapter implements it with web APIs.
 */
export interface DesktopApi {
  readonly host: HostInfo
  /** The app's version from the main process. */
  getAppVersion(): Promise<Result<string>>
  /** Shows an Open dialog; null when the user cancels. */
  openScenario(): Promise<Result<ScenarioFile | null>>
  /** Reads a path the user already chose (recent list, menu `open_path`). */
  openPath(path: string): Promise<Result<ScenarioFile>>
  /** Reads a file dropped on the window (the desktop resolves its path; a browser reads it). */
  openDroppedFile(file: File): Promise<Result<ScenarioFile>>
  /** Saves over an open document: atomic, previous version kept as `<file>.bak`. */
  saveScenario(request: SaveRequest): Promise<Result<SavedFile>>
  /** Shows a Save dialog and saves there; null when the user cancels. */
  saveScenarioAs(request: SaveAsRequest): Promise<Result<SavedFile | null>>
  /** Recent documents, newest first. */
  listRecent(): Promise<Result<readonly RecentFile[]>>
  /** Asks for a folder and writes the exporter's files into it; null when the user cancels. */
  writeExport(request: ExportRequest): Promise<Result<ExportWritten | null>>
  /** Shows a document or export folder in the system file manager. */
  revealInFolder(path: string): Promise<Result<null>>
  /** Tells the window which document is open and whether it has unsaved edits. */
  setDocumentStatus(status: DocumentStatus): Promise<Result<null>>
  /** Records unsaved work; the host writes it to disk every few seconds. Call on every edit. */
  writeAutosave(draft: AutosaveDraft): Promise<Result<null>>
  /** Drafts a previous session left behind (crash, kill, or closed with unsaved edits). */
  restoreAutosave(): Promise<Result<readonly AutosaveDraft[]>>
  /** Forgets a draft once its work is saved or deliberately discarded. */
  clearAutosave(key: string): Promise<Result<null>>
  /** Answers an external change; `reload` returns the disk version, `keep_mine` returns null. */
  resolveExternalChange(resolution: ExternalChangeResolution): Promise<Result<ScenarioFile | null>>
  /**
   * Files the app was asked to open at launch (command line, file association, macOS
   * open-file) before the page could listen. Call once at start-up, after `onMenu`:
   * later requests arrive as menu `open_path` commands. Open each with `openPath`.
   */
  takeLaunchFiles(): Promise<Result<readonly string[]>>
  /**
   * Subscribes to menu commands; returns the unsubscribe function. For `undo`/`redo`, pass
   * the command to a focused text field (`document.execCommand`) when one has focus.
   */
  onMenu(listener: (command: MenuCommand) => void): () => void
  /** Subscribes to external changes of open documents; returns the unsubscribe function. */
  onExternalChange(listener: (change: ExternalChange) => void): () => void
}

/**
 * Invoke channels, renderer → main, `noun:verb`: one per `DesktopApi` method (`host` is a
 * constant and the two `on*` methods listen on `EventChannel`).
 */
export const Channel = {
  appGetVersion: 'app:getVersion',
  scenarioOpen: 'scenario:open',
  scenarioOpenPath: 'scenario:openPath',
  scenarioOpenDropped: 'scenario:openDropped',
  scenarioSave: 'scenario:save',
  scenarioSaveAs: 'scenario:saveAs',
  recentList: 'recent:list',
  exportWrite: 'export:write',
  folderReveal: 'folder:reveal',
  documentSetStatus: 'document:setStatus',
  autosaveWrite: 'autosave:write',
  autosaveRestore: 'autosave:restore',
  autosaveClear: 'autosave:clear',
  changeResolve: 'change:resolve',
  launchTakeFiles: 'launch:takeFiles',
} as const

/** Event channels, main → renderer, `noun:verb`. */
export const EventChannel = {
  menuCommand: 'menu:command',
  changeDetect: 'change:detect',
} as const

/** A renderer → main channel name. */
export type InvokeChannel = (typeof Channel)[keyof typeof Channel]
/** A main → renderer channel name. */
export type PushChannel = (typeof EventChannel)[keyof typeof EventChannel]

/** Payload of each event channel. */
export interface EventPayloads {
  readonly 'menu:command': MenuCommand
  readonly 'change:detect': ExternalChange
}
