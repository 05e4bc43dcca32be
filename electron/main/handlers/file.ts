/**
 * Scenario file channels: open (dialog, granted path, dropped file), save, save as, and the
 * answer to an external change. Every file the renderer gets has passed the size and shape
 * checks; every save is atomic with a backup and refuses to overwrite a file that another
 * program changed until the user has chosen what to do about it.
 */
import { basename, dirname } from 'node:path'
import { Channel } from '../../contract'
import type { Result, SavedFile, ScenarioFile } from '../../contract'
import type { AccessList } from '../accessList'
import type { Autosave } from '../autosave'
import { sweepTempFiles } from '../atomicWrite'
import type { FileSystem } from '../atomicWrite'
import { hashContent } from '../fileStore'
import type { FileStore } from '../fileStore'
import type { Handle } from '../ipc'
import type { RecentList } from '../recent'
import { fail, ok } from '../results'
import { changeResolutionSchema, pathSchema, saveAsRequestSchema, saveRequestSchema } from '../schemas'
import type { Watcher } from '../watcher'

/** Native file dialogs; null when the user cancels. */
export interface FileDialogs {
  chooseScenarioToOpen(): Promise<string | null>
  chooseScenarioToSave(suggestedName: string): Promise<string | null>
}

/** What the file channels need. */
export interface FileDeps {
  readonly fs: FileSystem
  readonly files: FileStore
  readonly access: AccessList
  readonly recent: RecentList
  readonly watcher: Watcher
  readonly autosave: Autosave
  readonly dialogs: FileDialogs
}

/** Opening and saving, shared with the app's own open requests (argv, file association). */
export interface FileActions {
  /** Reads a path the user chose, grants it, watches it and adds it to the recent list. */
  load(path: string): Promise<Result<ScenarioFile>>
  /** Saves `text` to a granted path, refusing if another program changed it first. */
  save(path: string, text: string, options?: { readonly checkConflict?: boolean }): Promise<Result<SavedFile>>
}

/** Creates the file actions over their dependencies. */
export function createFileActions(deps: FileDeps): FileActions {
  const { fs, files, access, recent, watcher, autosave } = deps
  return {
    async load(path) {
      const read = await files.read(path)
      if (!read.ok) {
        if (read.error.code === 'not_found') await recent.remove(path)
        return read
      }
      access.grant(path)
      watcher.track(path, read.value.hash)
      await recent.add(path)
      // A save killed mid-way in this folder left a temporary file; tidy it now.
      void sweepTempFiles(fs, dirname(path))
      const { hash: _hash, ...file } = read.value
      return ok(file)
    },

    async save(path, text, { checkConflict = true } = {}) {
      const baseline = watcher.baselineOf(path)
      if (checkConflict && baseline !== undefined) {
        const disk = await files.hashOnDisk(path)
        // A deleted file is simply written again; a changed one needs the user's decision.
        if (disk !== null && disk !== baseline) {
          return fail('conflict', `${basename(path)} was changed by another program since it was opened. Reload it or keep your version first; nothing was written.`)
        }
      }
      const expected = watcher.expectWrite(path, hashContent(text))
      const saved = await files.save(path, text)
      if (!saved.ok) {
        expected.abort()
        return saved
      }
      expected.commit()
      access.grant(path)
      await recent.add(path)
      await autosave.clear(path)
      return ok({ path, name: basename(path) })
    },
  }
}

function notGranted(path: string): Result<never> {
  return fail('not_permitted', `${path} was not chosen by the user (in a dialog, by dropping it, or from the recent list), so the app may not use it.`)
}

/** Registers the file channels. */
export function registerFileHandlers(handle: Handle, deps: FileDeps, actions: FileActions = createFileActions(deps)): FileActions {
  const { access, watcher, dialogs } = deps

  handle(Channel.scenarioOpen, {}, async () => {
    const path = await dialogs.chooseScenarioToOpen()
    return path === null ? ok(null) : actions.load(path)
  })

  handle(Channel.scenarioOpenPath, { path: pathSchema }, async ({ path }) =>
    access.isGranted(path) ? actions.load(path) : notGranted(path))

  // Only the preload calls this, with the path of a File the user dropped (webUtils).
  handle(Channel.scenarioOpenDropped, { path: pathSchema }, ({ path }) => actions.load(path))

  handle(Channel.scenarioSave, { request: saveRequestSchema }, async ({ request }) =>
    access.isGranted(request.path) ? actions.save(request.path, request.text) : notGranted(request.path))

  handle(Channel.scenarioSaveAs, { request: saveAsRequestSchema }, async ({ request }) => {
    const path = await dialogs.chooseScenarioToSave(request.suggestedName)
    if (path === null) return ok(null)
    access.grant(path)
    // The save dialog already asked before replacing an existing file.
    return actions.save(path, request.text, { checkConflict: false })
  })

  handle(Channel.changeResolve, { resolution: changeResolutionSchema }, async ({ resolution }) => {
    const { path, choice } = resolution
    if (!access.isGranted(path)) return notGranted(path)
    if (choice === 'reload') return actions.load(path)
    await watcher.acceptDisk(path)
    return ok(null)
  })

  return actions
}
