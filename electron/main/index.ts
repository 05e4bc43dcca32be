/**
 * The Electron main process: wires the plain modules beside it to Electron. One window shows
 * the built renderer from `app://meshsim/` (appProtocol.ts) under the security rules of
 * security.ts; every IPC channel goes through ipc.ts; files go through fileStore, autosave
 * and watcher. A second launch hands its files to the first (single-instance lock).
 */
import * as fsp from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserWindow, Menu, app, protocol, session, shell } from 'electron'
import { EventChannel } from '../contract'
import type { FileSystem } from './atomicWrite'
import { createAccessList } from './accessList'
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, createAppProtocolHandler } from './appProtocol'
import { createAutosave } from './autosave'
import type { Autosave } from './autosave'
import { createFileStore } from './fileStore'
import { registerAppHandlers } from './handlers/app'
import { registerExportHandlers } from './handlers/export'
import { registerFileHandlers } from './handlers/file'
import { registerRecentHandlers } from './handlers/recent'
import { createIpc, isAppUrl, loadIpcMain, sendEvent } from './ipc'
import { createLaunchQueue, scenarioPathsFromArgv } from './launchArgs'
import { buildMenuTemplate } from './menu'
import { loadRecentList } from './recent'
import type { RecentList } from './recent'
import { lockDownContents, secureSession } from './security'
import { createWatcher, watchFolder } from './watcher'
import { createDialogs, createMainWindow, showDocumentStatus } from './window'

// Built to dist/electron/main.js, beside preload.cjs and the renderer in ../renderer.
const here = dirname(fileURLToPath(import.meta.url))
const RENDERER_DIR = join(here, '..', 'renderer')
const PRELOAD = join(here, 'preload.cjs')
const isDev = !app.isPackaged
/** `npm run web`'s dev server, for live reload in development only; never in a packaged app. */
const devUrl = isDev ? process.env.MESHSIM_RENDERER_URL : undefined
const devOrigin = devUrl ? new URL(devUrl).origin : undefined
const fs: FileSystem = fsp
// A clean profile for end-to-end tests (test/e2e/electron.spec.ts); development builds only.
if (isDev && process.env.MESHSIM_USER_DATA) app.setPath('userData', process.env.MESHSIM_USER_DATA)

let win: BrowserWindow | undefined
const access = createAccessList()
const launch = createLaunchQueue((path) => sendEvent(win?.webContents, EventChannel.menuCommand, { kind: 'open_path', path }))

/** A file the OS or a second launch asked us to open: the user chose it, so it is granted. */
function requestOpen(path: string): void {
  access.grant(path)
  launch.push(path)
  if (win && !win.isDestroyed()) {
    if (win.isMinimized()) win.restore()
    win.focus()
  }
}

// Must precede `ready`: the scheme gets a real origin, secure context, and fetch for workers.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }])
app.enableSandbox()

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  for (const path of scenarioPathsFromArgv(process.argv, process.cwd())) requestOpen(path)
  app.on('second-instance', (_event, argv, cwd) => {
    for (const path of scenarioPathsFromArgv(argv, cwd)) requestOpen(path)
    if (win && !win.isDestroyed()) win.focus()
  })
  // macOS opens files (Finder, Dock, file association) by event, possibly before `ready`.
  app.on('will-finish-launching', () => {
    app.on('open-file', (event, path) => {
      event.preventDefault()
      requestOpen(path)
    })
  })
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, (url) => void shell.openExternal(url)))
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  void app.whenReady().then(start)
}

function rebuildMenu(recent: RecentList): void {
  const template = buildMenuTemplate({
    isMac: process.platform === 'darwin',
    isDev,
    recent: recent.list(),
    send: (command) => sendEvent(win?.webContents, EventChannel.menuCommand, command),
    clearRecent: () => void recent.clear(),
  })
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

/** Hot exit: pending drafts reach the disk before the app quits. */
function flushBeforeQuit(autosave: Autosave): void {
  let flushed = false
  app.on('before-quit', (event) => {
    if (flushed) return
    event.preventDefault()
    void autosave.stop().finally(() => {
      flushed = true
      app.quit()
    })
  })
}

/** A crashed page is reloaded, and restores its work from autosave; at most once per 10 s, so a crash loop stops. */
function reloadAfterCrash(window: BrowserWindow): void {
  let lastReload = 0
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || Date.now() - lastReload < 10_000) return
    lastReload = Date.now()
    window.reload()
  })
}

async function start(): Promise<void> {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: RENDERER_DIR, readFile: (path) => fsp.readFile(path) }))
  secureSession(session.defaultSession, (url) => devOrigin !== undefined && url.startsWith(devOrigin))
  const userData = app.getPath('userData')
  const files = createFileStore(fs)
  const recent = await loadRecentList({
    file: join(userData, 'recent.json'),
    fs,
    onChange: (list) => {
      rebuildMenu(recent)
      // The Dock's and Jump List's recent documents; Linux desktops have no such list.
      if (process.platform === 'linux') return
      app.clearRecentDocuments()
      for (const f of [...list].reverse()) app.addRecentDocument(f.path)
    },
  })
  // The user chose each of these before; they stay reachable from Open Recent.
  for (const f of recent.list()) access.grant(f.path)
  const watcher = createWatcher({ watch: watchFolder, hashOnDisk: files.hashOnDisk, onChange: (change) => sendEvent(win?.webContents, EventChannel.changeDetect, change) })
  const autosave = createAutosave({ dir: join(userData, 'autosave'), fs, onError: (err) => console.warn('autosave:', err) })
  const dialogs = createDialogs(() => win, app.getPath('documents'))
  const origins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]
  const { handle } = createIpc(await loadIpcMain(), { isTrustedUrl: (url) => isAppUrl(url, origins), log: (m) => console.warn(m) })

  registerFileHandlers(handle, { fs, files, access, recent, watcher, autosave, dialogs })
  registerExportHandlers(handle, { fs, access, chooseExportFolder: dialogs.chooseExportFolder })
  registerRecentHandlers(handle, { recent })
  registerAppHandlers(handle, {
    appVersion: app.getVersion(),
    access,
    autosave,
    watcher,
    launch,
    showItemInFolder: (path) => shell.showItemInFolder(path),
    showDocumentStatus: (status) => showDocumentStatus(win, status),
  })
  rebuildMenu(recent)
  flushBeforeQuit(autosave)

  const openWindow = async (): Promise<void> => {
    win = await createMainWindow({ preload: PRELOAD, url: devUrl ?? APP_ENTRY_URL, fs, stateFile: join(userData, 'window-state.json') })
    reloadAfterCrash(win)
  }
  await openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow()
  })
}
