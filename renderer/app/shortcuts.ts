/**
 * Keyboard shortcuts: one plain list, read by the key handler (useShortcuts.ts) and by the
 * help overlay, so what the overlay lists is exactly what the keys do. `mod` is Ctrl, or ⌘
 * on a Mac. Shortcuts do not fire while a text field has focus (it keeps its own undo,
 * copy and paste), except those marked `inFields`.
 */
import type { CommandId } from './commands'

export interface Shortcut {
  readonly command: CommandId
  /** Shown in the help overlay, e.g. `Ctrl+Shift+Z`. */
  readonly keys: string
  readonly group: 'Canvas' | 'Edit' | 'Run' | 'File' | 'View'
  readonly match: (e: KeyMatch) => boolean
  readonly inFields?: boolean
  /**
   * Handled by the host's menu (the desktop menu's accelerators, the browser adapter's key
   * listener), which sends a menu command: listed here for the help overlay only.
   */
  readonly viaHost?: boolean
}

/** The parts of a KeyboardEvent a shortcut looks at. */
export interface KeyMatch {
  readonly key: string
  readonly mod: boolean
  readonly shift: boolean
  readonly alt: boolean
}

const plain = (key: string) => (e: KeyMatch) => !e.mod && !e.alt && !e.shift && e.key.toLowerCase() === key
const withMod = (key: string, shift = false) => (e: KeyMatch) => e.mod && !e.alt && e.shift === shift && e.key.toLowerCase() === key

export const shortcuts: readonly Shortcut[] = [
  { command: 'service.add', keys: 'N', group: 'Canvas', match: plain('n') },
  { command: 'traffic.add', keys: 'T', group: 'Canvas', match: plain('t') },
  { command: 'version.add', keys: 'V', group: 'Canvas', match: plain('v') },
  { command: 'connect.start', keys: 'C', group: 'Canvas', match: plain('c') },
  { command: 'selection.delete', keys: 'Delete', group: 'Canvas', match: (e) => !e.mod && (e.key === 'Delete' || e.key === 'Backspace') },
  { command: 'selection.all', keys: 'Ctrl+A', group: 'Canvas', match: withMod('a') },
  { command: 'selection.clear', keys: 'Escape', group: 'Canvas', match: (e) => e.key === 'Escape' },
  { command: 'selection.nudgeLeft', keys: '←', group: 'Canvas', match: (e) => !e.mod && e.key === 'ArrowLeft' },
  { command: 'selection.nudgeRight', keys: '→', group: 'Canvas', match: (e) => !e.mod && e.key === 'ArrowRight' },
  { command: 'selection.nudgeUp', keys: '↑', group: 'Canvas', match: (e) => !e.mod && e.key === 'ArrowUp' },
  { command: 'selection.nudgeDown', keys: '↓', group: 'Canvas', match: (e) => !e.mod && e.key === 'ArrowDown' },
  { command: 'canvas.layout', keys: 'L', group: 'Canvas', match: plain('l') },
  { command: 'canvas.fit', keys: 'F', group: 'View', match: plain('f') },
  { command: 'canvas.zoomIn', keys: '+', group: 'View', match: (e) => !e.mod && (e.key === '+' || e.key === '=') },
  { command: 'canvas.zoomOut', keys: '−', group: 'View', match: (e) => !e.mod && e.key === '-' },
  { command: 'canvas.snap', keys: 'G', group: 'View', match: plain('g') },
  { command: 'canvas.minimap', keys: 'M', group: 'View', match: plain('m') },
  { command: 'view.yaml', keys: 'Y', group: 'View', match: plain('y') },
  { command: 'view.help', keys: '?', group: 'View', match: (e) => e.key === '?' },
  { command: 'edit.undo', keys: 'Ctrl+Z', group: 'Edit', match: withMod('z'), viaHost: true },
  { command: 'edit.redo', keys: 'Ctrl+Shift+Z / Ctrl+Y', group: 'Edit', match: (e) => withMod('z', true)(e) || withMod('y')(e), viaHost: true },
  { command: 'edit.copy', keys: 'Ctrl+C', group: 'Edit', match: withMod('c') },
  { command: 'edit.cut', keys: 'Ctrl+X', group: 'Edit', match: withMod('x') },
  { command: 'edit.paste', keys: 'Ctrl+V', group: 'Edit', match: withMod('v') },
  { command: 'edit.duplicate', keys: 'Ctrl+D', group: 'Edit', match: withMod('d') },
  { command: 'run.toggle', keys: 'R', group: 'Run', match: plain('r') },
  { command: 'run.pauseResume', keys: 'Space', group: 'Run', match: (e) => !e.mod && e.key === ' ' },
  { command: 'run.step', keys: '.', group: 'Run', match: (e) => !e.mod && e.key === '.' },
  { command: 'run.stop', keys: 'Shift+R', group: 'Run', match: (e) => !e.mod && e.shift && e.key.toLowerCase() === 'r' },
  { command: 'file.save', keys: 'Ctrl+S', group: 'File', match: withMod('s'), inFields: true, viaHost: true },
  { command: 'file.saveAs', keys: 'Ctrl+Shift+S', group: 'File', match: withMod('s', true), inFields: true, viaHost: true },
  { command: 'file.open', keys: 'Ctrl+O', group: 'File', match: withMod('o'), inFields: true, viaHost: true },
  { command: 'file.export', keys: 'Ctrl+E', group: 'File', match: withMod('e'), inFields: true, viaHost: true },
]

/** The first shortcut for `e`, given whether a text field has focus. */
export function findShortcut(e: KeyMatch, inField: boolean): Shortcut | undefined {
  return shortcuts.find((s) => !s.viaHost && (!inField || s.inFields) && s.match(e))
}
