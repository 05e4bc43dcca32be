/**
 * The application menu, as a template (a plain value, tested without Electron). Document
 * and run commands are sent to the renderer, which owns the document; clipboard, zoom and
 * window items use Electron's roles so they behave natively.
 *
 * Undo and Redo are sent to the renderer too rather than using the `undo` role: the
 * document has its own history, and the renderer passes the command to a focused text
 * field instead when one has focus.
 */
import { basename } from 'node:path'
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand, RecentFile } from '../contract'

/** What the menu depends on: platform, build, recent files, and where commands go. */
export interface MenuOptions {
  readonly isMac: boolean
  /** Development builds get Reload and the developer tools. */
  readonly isDev: boolean
  readonly recent: readonly RecentFile[]
  readonly send: (command: MenuCommand) => void
  readonly clearRecent: () => void
}

function command(label: string, cmd: MenuCommand, send: MenuOptions['send'], accelerator?: string): MenuItemConstructorOptions {
  return { label, accelerator, click: () => send(cmd) }
}

function recentMenu({ recent, send, clearRecent }: MenuOptions): MenuItemConstructorOptions {
  const items: MenuItemConstructorOptions[] = recent.map((f) => command(f.name || basename(f.path), { kind: 'open_path', path: f.path }, send))
  return {
    label: 'Open Recent',
    submenu: [
      ...(items.length ? items : [{ label: 'No Recent Documents', enabled: false }]),
      { type: 'separator' },
      { label: 'Clear Recently Opened', enabled: items.length > 0, click: clearRecent },
    ],
  }
}

function fileMenu(o: MenuOptions): MenuItemConstructorOptions {
  const { send, isMac } = o
  return {
    label: 'File',
    submenu: [
      command('New', { kind: 'new' }, send, 'CmdOrCtrl+N'),
      command('Open…', { kind: 'open' }, send, 'CmdOrCtrl+O'),
      recentMenu(o),
      { type: 'separator' },
      command('Save', { kind: 'save' }, send, 'CmdOrCtrl+S'),
      command('Save As…', { kind: 'save_as' }, send, 'Shift+CmdOrCtrl+S'),
      command('Export…', { kind: 'export' }, send, 'CmdOrCtrl+E'),
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  }
}

function editMenu({ send, isMac }: MenuOptions): MenuItemConstructorOptions {
  return {
    label: 'Edit',
    submenu: [
      command('Undo', { kind: 'undo' }, send, 'CmdOrCtrl+Z'),
      command('Redo', { kind: 'redo' }, send, isMac ? 'Shift+CmdOrCtrl+Z' : 'CmdOrCtrl+Y'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  }
}

function viewMenu({ isDev }: MenuOptions): MenuItemConstructorOptions {
  const dev: MenuItemConstructorOptions[] = isDev ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] : []
  return {
    label: 'View',
    submenu: [...dev, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }],
  }
}

function runMenu({ send }: MenuOptions): MenuItemConstructorOptions {
  return {
    label: 'Run',
    submenu: [
      command('Run', { kind: 'run_start' }, send, 'F5'),
      command('Pause', { kind: 'run_pause' }, send, 'F6'),
      command('Stop', { kind: 'run_stop' }, send, 'Shift+F5'),
    ],
  }
}

/** The whole menu bar. */
export function buildMenuTemplate(o: MenuOptions): MenuItemConstructorOptions[] {
  return [
    ...(o.isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    fileMenu(o),
    editMenu(o),
    viewMenu(o),
    runMenu(o),
    { role: 'windowMenu' },
  ]
}
