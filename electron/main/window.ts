/**
 * The main window and the native dialogs that belong to it. Electron-bound glue only: the
 * decisions (window state, security rules, file checks) live in plain modules.
 */
import { BrowserWindow, dialog, screen } from 'electron'
import type { FileFilter } from 'electron'
import { dirname, join } from 'node:path'
import type { DocumentStatus } from '../contract'
import type { FileSystem } from './atomicWrite'
import type { FileDialogs } from './handlers/file'
import { windowTitle } from './handlers/app'
import { MIN_WINDOW_SIZE, loadWindowState, trackWindowState } from './windowState'

const SCENARIO_FILTERS: FileFilter[] = [
  { name: 'meshsim scenario', extensions: ['yaml', 'yml', 'json'] },
  { name: 'All files', extensions: ['*'] },
]

/** What the main window loads and where it remembers its bounds. */
export interface MainWindowOptions {
  readonly preload: string
  readonly url: string
  readonly fs: FileSystem
  /** Where the window's size and position are remembered. */
  readonly stateFile: string
}

/** Creates the window, restored to its last size and place, and starts loading the app. */
export async function createMainWindow(options: MainWindowOptions): Promise<BrowserWindow> {
  const state = await loadWindowState(options.fs, options.stateFile, screen.getAllDisplays().map((d) => d.workArea))
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'meshsim',
    backgroundColor: '#f8fafc',
    show: false,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  })
  if (state.isMaximized) win.maximize()
  trackWindowState(win, options.fs, options.stateFile)
  win.once('ready-to-show', () => win.show())
  void win.loadURL(options.url)
  return win
}

/** Shows the open document in the title bar (and, on macOS, the edited dot and proxy icon). */
export function showDocumentStatus(win: BrowserWindow | undefined, status: DocumentStatus): void {
  if (!win || win.isDestroyed()) return
  win.setTitle(windowTitle(status))
  if (process.platform === 'darwin') {
    win.setDocumentEdited(status.dirty)
    win.setRepresentedFilename(status.path ?? '')
  }
}

/** The native dialogs, parented to the main window, starting in the folder last used. */
export function createDialogs(getWindow: () => BrowserWindow | undefined, defaultDir: string): FileDialogs & { chooseExportFolder(): Promise<string | null> } {
  let lastDir = defaultDir
  const remember = (path: string | undefined, isFolder = false): string | null => {
    if (!path) return null
    lastDir = isFolder ? path : dirname(path)
    return path
  }
  const parent = (): BrowserWindow | undefined => {
    const win = getWindow()
    return win && !win.isDestroyed() ? win : undefined
  }
  const open = (opts: Electron.OpenDialogOptions) => {
    const win = parent()
    return win ? dialog.showOpenDialog(win, opts) : dialog.showOpenDialog(opts)
  }
  return {
    async chooseScenarioToOpen() {
      const r = await open({ title: 'Open scenario', defaultPath: lastDir, properties: ['openFile'], filters: SCENARIO_FILTERS })
      return r.canceled ? null : remember(r.filePaths[0])
    },
    async chooseScenarioToSave(suggestedName) {
      const opts: Electron.SaveDialogOptions = { title: 'Save scenario', defaultPath: join(lastDir, suggestedName), filters: SCENARIO_FILTERS, properties: ['createDirectory', 'showOverwriteConfirmation'] }
      const win = parent()
      const r = await (win ? dialog.showSaveDialog(win, opts) : dialog.showSaveDialog(opts))
      return r.canceled ? null : remember(r.filePath)
    },
    async chooseExportFolder() {
      const r = await open({ title: 'Export to folder', buttonLabel: 'Export here', defaultPath: lastDir, properties: ['openDirectory', 'createDirectory'] })
      return r.canceled ? null : remember(r.filePaths[0], true)
    },
  }
}
