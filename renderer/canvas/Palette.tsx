import type { DragEvent, KeyboardEvent } from 'react'
import { useCommand } from '../app/CommandContext'
import type { CommandId } from '../app/commands'
import { PALETTE_MIME } from './useFlowHandlers'
import type { PaletteItem } from './useFlowHandlers'

interface Item {
  readonly kind: PaletteItem
  readonly label: string
  readonly hint: string
  readonly command: CommandId
}

const ITEMS: readonly Item[] = [
  { kind: 'service', label: 'Service', hint: 'Drag onto the canvas, or press Enter (N)', command: 'service.add' },
  { kind: 'traffic', label: 'Traffic source', hint: 'Drag onto the service it sends to, or select a service and press Enter (T)', command: 'traffic.add' },
]

/**
 * What can be added to the canvas: drag an item onto it (HTML drag and drop, dropped where
 * the pointer is), or focus an item and press Enter to add it without a mouse.
 */
export function Palette() {
  const run = useCommand()
  const onDragStart = (e: DragEvent, kind: PaletteItem) => {
    e.dataTransfer.setData(PALETTE_MIME, kind)
    e.dataTransfer.effectAllowed = 'copy'
  }
  const onKeyDown = (e: KeyboardEvent, item: Item) => {
    if (e.key !== 'Enter' && e.key !== ' ') return
    e.preventDefault()
    run(item.command)
  }
  return (
    <nav className="palette" aria-label="Palette">
      <h2 className="panel-title">Add</h2>
      <ul className="palette__list">
        {ITEMS.map((item) => (
          <li key={item.kind}>
            <div
              className={`palette__item palette__item--${item.kind}`}
              role="button"
              tabIndex={0}
              draggable
              aria-label={`Add ${item.label.toLowerCase()}`}
              title={item.hint}
              data-testid={`palette-${item.kind}`}
              onDragStart={(e) => onDragStart(e, item.kind)}
              onKeyDown={(e) => onKeyDown(e, item)}
            >
              <span className="palette__icon" aria-hidden="true" />
              {item.label}
            </div>
          </li>
        ))}
      </ul>
      <p className="palette__hint">Connect: drag from a node&apos;s right edge onto another node, or select it and press <kbd>C</kbd>.</p>
    </nav>
  )
}
