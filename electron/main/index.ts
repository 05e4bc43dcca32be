/**
 * The Electron main process: one window showing the built renderer (dist/renderer), locked
 * down as the Electron security checklist asks: context isolation, a sandboxed renderer,
 * no Node in the page, no navigation away from the app, no new windows (http(s) links open
 * in the system browser instead). The page's CSP is the meta tag in renderer/index.html.
 */
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BrowserWindow, app, shell } from 'electron'
import type { WebContents } from 'electron'

// Built to dist/electron/main.js, beside preload.cjs and the renderer in ../renderer.
const here = dirname(fileURLToPath(import.meta.url))
const RENDERER_HTML = join(here, '..', 'renderer', 'index.html')
const PRELOAD = join(here, 'preload.cjs')

function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

function createMainWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 800,
    minHeight: 500,
    title: 'meshsim',
    backgroundColor: '#f8fafc',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadFile(RENDERER_HTML)
  return win
}

/**
 * The app is one page: navigating away, opening windows or attaching webviews is a bug or
 * an attack, so all are refused. Links to http(s) pages open in the system browser.
 */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

// Applied to every webContents as it is created, before it can load anything.
app.on('web-contents-created', (_event, contents) => lockDown(contents))

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

void app.whenReady().then(() => {
  createMainWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow()
  })
})
