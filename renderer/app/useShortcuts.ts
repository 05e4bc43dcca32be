/**
 * The key handler: finds the shortcut for a key press (shortcuts.ts) and runs its command.
 * Keys typed into a text field stay with the field, apart from file shortcuts. Enter on a
 * focused canvas node completes a connection while the connect tool is picking.
 */
import { useEffect } from 'react'
import { createCommands } from './commands'
import type { CommandContext } from './commands'
import { findShortcut } from './shortcuts'

const TEXT_INPUT = /^(INPUT|TEXTAREA|SELECT)$/

function isTextField(el: Element | null): boolean {
  if (!el) return false
  if (el instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'range'].includes(el.type)
  return TEXT_INPUT.test(el.tagName) || (el as HTMLElement).isContentEditable
}

export function useShortcuts(ctx: CommandContext): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return
      const target = document.activeElement
      if (e.key === 'Enter' && ctx.connect.getSnapshot().value === 'picking') {
        const node = target?.closest('.react-flow__node')?.getAttribute('data-id')
        if (node) {
          e.preventDefault()
          ctx.connect.send({ type: 'connect.complete', to: node })
          return
        }
      }
      // Inside a dialog, keys belong to the dialog (it handles Escape itself).
      if (target?.closest('[role="dialog"]') && e.key !== '?') return
      const match = { key: e.key, mod: e.ctrlKey || e.metaKey, shift: e.shiftKey, alt: e.altKey }
      const shortcut = findShortcut(match, isTextField(target))
      if (!shortcut) return
      // Buttons and links keep Space and Enter; menus keep their arrows.
      if ((e.key === ' ' || e.key.startsWith('Arrow')) && target && /^(BUTTON|A|SUMMARY)$/.test(target.tagName)) return
      e.preventDefault()
      createCommands(ctx, e.shiftKey)[shortcut.command]()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [ctx])
}
