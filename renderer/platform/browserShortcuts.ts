/**
 * Keyboard shortcuts as menu commands for the web page, which has no application menu, so
 * the renderer handles `onMenu` the same way on both hosts. Browsers keep some keys for
 * themselves (Ctrl+N, Ctrl+W), so New has no shortcut here.
 */
import type { MenuCommand } from '../../electron/contract'

/** Which command a key press means, or undefined. Exported for tests. */
export function commandForKey(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>, isEditingText: boolean): MenuCommand | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined
  const key = e.key.toLowerCase()
  if (key === 's') return { kind: e.shiftKey ? 'save_as' : 'save' }
  if (key === 'o' && !e.shiftKey) return { kind: 'open' }
  if (key === 'e' && !e.shiftKey) return { kind: 'export' }
  // In a text field, undo and redo belong to the field.
  if (isEditingText) return undefined
  if (key === 'z') return { kind: e.shiftKey ? 'redo' : 'undo' }
  if (key === 'y' && !e.shiftKey) return { kind: 'redo' }
  return undefined
}

function isTextTarget(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null
  return !!el && (el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT')
}

/** Sends shortcut key presses to `listener` as menu commands; returns the unsubscribe function. */
export function listenForShortcuts(win: Window, listener: (command: MenuCommand) => void): () => void {
  const onKey = (e: KeyboardEvent): void => {
    const command = commandForKey(e, isTextTarget(e.target))
    if (!command) return
    e.preventDefault()
    listener(command)
  }
  win.addEventListener('keydown', onKey)
  return () => win.removeEventListener('keydown', onKey)
}
