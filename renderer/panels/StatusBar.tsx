import { useEffect } from 'react'
import { useTopology } from '../state/topologyStore'

/** How long a notice stays. */
const NOTICE_MS = 6000

/** The bottom line: the latest notice (announced to screen readers), what undo would undo, the selection. */
export function StatusBar() {
  const notice = useTopology((s) => s.view.notice)
  const setNotice = useTopology((s) => s.setNotice)
  const undoLabel = useTopology((s) => s.history.past[s.history.past.length - 1]?.label)
  const selected = useTopology((s) => s.selection.nodes.length + s.selection.edges.length)
  const errors = useTopology((s) => s.document.diagnostics.filter((d) => d.severity === 'error').length)
  useEffect(() => {
    if (!notice) return
    const timer = setTimeout(() => setNotice(undefined), NOTICE_MS)
    return () => clearTimeout(timer)
  }, [notice, setNotice])
  return (
    <footer className="statusbar">
      <span className="statusbar__notice" role="status" aria-live="polite" data-testid="notice">{notice}</span>
      {errors > 0 && <span className="statusbar__errors">{errors} {errors === 1 ? 'error' : 'errors'} in the scenario</span>}
      {selected > 0 && <span>{selected} selected</span>}
      {undoLabel && <span className="statusbar__undo">Undo: {undoLabel}</span>}
      <span className="statusbar__help">Press <kbd>?</kbd> for shortcuts</span>
    </footer>
  )
}
