/**
 * The browser adapter: `DesktopApi` for the renderer as a plain web page (workshops, no
 * install). Files open and save through the File System Access API where the browser has
 * it, else through `<input type=file>` and downloads; recent files and autosave drafts live
 * in localStorage; keyboard shortcuts stand in for the application menu.
 */
import type { AutosaveDraft, DesktopApi, ErrorCode, Result, ScenarioFile } from '../../electron/contract'
import { MAX_SCENARIO_BYTES } from '../../engine/index'
import { downloadText, pickFileToOpen, pickFileToSave, writeFilesToFolder, writeToHandle } from './browserFiles'
import { listenForShortcuts } from './browserShortcuts'
import { createBrowserStore } from './browserStorage'
import type { BrowserStore, KeyValueStorage } from './browserStorage'

/** How often pending drafts go to localStorage: often enough to lose little, rarely enough to stay cheap. */
export const BROWSER_AUTOSAVE_INTERVAL_MS = 3000

/** What the adapter needs from the page; tests pass fakes. */
export interface BrowserDeps {
  readonly win: Window
  readonly store: BrowserStore
}

const ok = <T>(value: T): Result<T> => ({ ok: true, value })
const fail = <T>(code: ErrorCode, message: string): Result<T> => ({ ok: false, error: { code, message } })

/** Runs `fn`, turning anything thrown into a failed Result, as the desktop bridge does. */
async function attempt<T>(doing: string, fn: () => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await fn()
  } catch (err) {
    return fail('io', `${doing}: ${err instanceof Error ? err.message : String(err)}`)
  }
}

function checkSize(name: string, text: string): Result<null> {
  const bytes = new TextEncoder().encode(text).length
  return bytes > MAX_SCENARIO_BYTES
    ? fail('too_large', `${name} is ${bytes} bytes; scenarios are limited to ${MAX_SCENARIO_BYTES} bytes, so it was not opened.`)
    : ok(null)
}

/** localStorage, or a stand-in that forgets on reload where the browser refuses storage (privacy modes). */
function pageStorage(win: Window): KeyValueStorage {
  try {
    return win.localStorage
  } catch {
    const memory = new Map<string, string>()
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v), removeItem: (k) => void memory.delete(k) }
  }
}

/** Creates the adapter. Without arguments it uses the page's window and localStorage. */
export function createBrowserApi(deps: BrowserDeps = { win: window, store: createBrowserStore(pageStorage(window)) }): DesktopApi {
  const { win, store } = deps
  const handles = new Map<string, FileSystemFileHandle>()
  const pending = new Map<string, AutosaveDraft | null>(store.listDrafts().map((d) => [d.key, d]))
  let seq = 0
  let dirty = false

  function remember(name: string, text: string, handle?: FileSystemFileHandle): ScenarioFile {
    // Paths are ids: a web page never learns where a file lives.
    const path = `browser:${Date.now().toString(36)}-${++seq}/${name}`
    if (handle) handles.set(path, handle)
    const file = { path, name, text }
    store.addRecent(file)
    return file
  }

  function flushDrafts(): void {
    if (!dirty) return
    const drafts = [...pending.values()].filter((d): d is AutosaveDraft => d !== null)
    if (store.putDrafts(drafts)) dirty = false
  }
  win.setInterval(flushDrafts, BROWSER_AUTOSAVE_INTERVAL_MS)
  // pagehide fires on close, reload and navigation, including on mobile where unload does not.
  win.addEventListener('pagehide', flushDrafts)

  return {
    host: Object.freeze({ kind: 'browser', appVersion: undefined, os: 'web' }),
    getAppVersion: async () => fail('unsupported', 'The web version has no app version.'),
    openScenario: () =>
      attempt('Could not open the file', async () => {
        const picked = await pickFileToOpen(win)
        if (!picked) return ok(null)
        const size = checkSize(picked.name, picked.text)
        return size.ok ? ok(remember(picked.name, picked.text, picked.handle)) : size
      }),
    openPath: (path) =>
      attempt('Could not open the file', async () => {
        const handle = handles.get(path)
        const name = path.slice(path.indexOf('/') + 1)
        if (handle) return ok({ path, name, text: await (await handle.getFile()).text() })
        const text = store.getRecentText(path)
        if (text === undefined) return fail('not_found', `${name} is no longer available: a web page can only reopen files it kept a copy of. Open it again.`)
        return ok({ path, name, text })
      }),
    openDroppedFile: (file) =>
      attempt(`Could not read ${file.name}`, async () => {
        const text = await file.text()
        const size = checkSize(file.name, text)
        return size.ok ? ok(remember(file.name, text)) : size
      }),
    saveScenario: ({ path, text }) =>
      attempt('Could not save', async () => {
        const name = path.slice(path.indexOf('/') + 1)
        const handle = handles.get(path)
        if (handle) await writeToHandle(handle, text)
        else downloadText(win, name, text)
        return ok({ path, name })
      }),
    saveScenarioAs: ({ text, suggestedName }) =>
      attempt('Could not save', async () => {
        const handle = await pickFileToSave(win, suggestedName)
        if (handle === null) return ok(null)
        if (handle) await writeToHandle(handle, text)
        else downloadText(win, suggestedName, text)
        const file = remember(handle?.name ?? suggestedName, text, handle)
        return ok({ path: file.path, name: file.name })
      }),
    listRecent: async () => ok(store.listRecent()),
    writeExport: ({ files, folderName }) =>
      attempt('Could not export', async () => {
        const folder = await writeFilesToFolder(win, files, folderName)
        return ok(folder === null ? null : { folder, files: files.map((f) => f.path) })
      }),
    revealInFolder: async () => fail('unsupported', 'A web page cannot show files in the file manager.'),
    setDocumentStatus: async ({ name, dirty: edited }) => {
      win.document.title = `${edited ? '● ' : ''}${name} — meshsim`
      return ok(null)
    },
    writeAutosave: async (draft) => {
      pending.set(draft.key, draft)
      dirty = true
      return ok(null)
    },
    restoreAutosave: async () => ok([...pending.values()].filter((d): d is AutosaveDraft => d !== null)),
    clearAutosave: async (key) => {
      pending.delete(key)
      dirty = true
      flushDrafts()
      return ok(null)
    },
    // A web page is not told when another program changes a file.
    resolveExternalChange: async () => ok(null),
    // A web page is opened by its URL, never with files.
    takeLaunchFiles: async () => ok([]),
    onMenu: (listener) => listenForShortcuts(win, listener),
    onExternalChange: () => () => {},
  }
}
