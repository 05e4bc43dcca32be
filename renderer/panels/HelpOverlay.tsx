import { useEffect, useRef } from 'react'
import { commandLabels } from '../app/commands'
import { shortcuts } from '../app/shortcuts'
import type { Shortcut } from '../app/shortcuts'
import { useTopology } from '../state/topologyStore'

const GROUPS: readonly Shortcut['group'][] = ['Canvas', 'Edit', 'View', 'Run', 'File']

/** The keyboard shortcuts, grouped, from the same list the key handler uses (press ? to toggle). */
export function HelpOverlay() {
  const open = useTopology((s) => s.view.helpOpen)
  const setHelpOpen = useTopology((s) => s.setHelpOpen)
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (open) close.current?.focus()
  }, [open])
  if (!open) return null
  return (
    <div className="overlay" onClick={() => setHelpOpen(false)}>
      <div
        className="dialog dialog--help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="help-title"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => { if (e.key === 'Escape') setHelpOpen(false) }}
      >
        <header className="dialog__header">
          <h2 id="help-title">Keyboard shortcuts</h2>
          <button ref={close} type="button" className="small-button" onClick={() => setHelpOpen(false)}>Close</button>
        </header>
        <div className="help__groups">
          {GROUPS.map((group) => (
            <section key={group} className="help__group" aria-label={group}>
              <h3>{group}</h3>
              <table className="help__table">
                <tbody>
                  {shortcuts.filter((s) => s.group === group).map((s) => (
                    <tr key={s.command}>
                      <td><kbd>{s.keys}</kbd></td>
                      <td>{commandLabels[s.command]}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        </div>
        <p className="help__note">Tab moves through the canvas nodes; Enter selects the focused node; arrows move selected nodes. Ctrl is ⌘ on a Mac.</p>
      </div>
    </div>
  )
}
