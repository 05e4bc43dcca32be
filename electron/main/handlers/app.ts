/**
 * App-level channels: version, revealing a file or export folder in the file manager, the
 * window's document status (title, edited marker, macOS proxy icon), files to open at
 * launch, and autosave drafts.
 */
import { Channel } from '../../contract'
import type { DocumentStatus } from '../../contract'
import type { AccessList } from '../accessList'
import type { Autosave } from '../autosave'
import type { Handle } from '../ipc'
import type { LaunchQueue } from '../launchArgs'
import { fail, ok } from '../results'
import { autosaveDraftSchema, documentStatusSchema, pathSchema } from '../schemas'
import type { Watcher } from '../watcher'

/** What the app channels need. */
export interface AppDeps {
  readonly appVersion: string
  readonly access: AccessList
  readonly autosave: Autosave
  readonly watcher: Watcher
  readonly launch: LaunchQueue
  /** shell.showItemInFolder. */
  readonly showItemInFolder: (path: string) => void
  /** Shows the document in the window (title etc.); the app passes the main window's setters. */
  readonly showDocumentStatus: (status: DocumentStatus) => void
}

/** The window title for a document: the name, an edited marker, the app. */
export function windowTitle(status: DocumentStatus): string {
  const name = status.name || 'Untitled'
  return `${status.dirty ? '● ' : ''}${name} — meshsim`
}

/** Registers the app, reveal, document-status and autosave channels. */
export function registerAppHandlers(handle: Handle, deps: AppDeps): void {
  handle(Channel.appGetVersion, {}, async () => ok(deps.appVersion))

  handle(Channel.folderReveal, { path: pathSchema }, async ({ path }) => {
    if (!deps.access.isGranted(path)) return fail('not_permitted', `${path} is not a file or folder the app opened, saved or exported.`)
    deps.showItemInFolder(path)
    return ok(null)
  })

  handle(Channel.documentSetStatus, { status: documentStatusSchema }, async ({ status }) => {
    deps.showDocumentStatus(status)
    // Only the open document is watched for outside changes.
    deps.watcher.retain(status.path && deps.access.isGranted(status.path) ? [status.path] : [])
    return ok(null)
  })

  handle(Channel.launchTakeFiles, {}, async () => ok(deps.launch.take()))

  handle(Channel.autosaveWrite, { draft: autosaveDraftSchema }, async ({ draft }) => {
    deps.autosave.update(draft)
    return ok(null)
  })

  handle(Channel.autosaveRestore, {}, async () => ok(await deps.autosave.list()))

  handle(Channel.autosaveClear, { key: autosaveDraftSchema.shape.key }, async ({ key }) => {
    await deps.autosave.clear(key)
    return ok(null)
  })
}
