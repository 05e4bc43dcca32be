import { useEffect, useMemo, useRef, useState } from 'react'
import type { Diagnostic } from '../../engine/index'
import { useTopology } from '../state/topologyStore'

/** How long typing may pause before the text is parsed and applied (one undo step per pause). */
const APPLY_AFTER_MS = 400

/**
 * The scenario's YAML, editable side by side with the canvas. Typing is applied after a
 * short pause (or on leaving the editor); a model edit elsewhere replaces the text unless
 * the user has unapplied typing. Text that does not parse stays exactly as typed, with
 * its problems listed by line:column (click one to jump there) and marked in the gutter.
 */
export function YamlEditor() {
  const text = useTopology((s) => s.document.text)
  const diagnostics = useTopology((s) => s.document.diagnostics)
  const isTextValid = useTopology((s) => s.document.isTextValid)
  const editText = useTopology((s) => s.editText)
  const [draft, setDraft] = useState<string | undefined>(undefined)
  const area = useRef<HTMLTextAreaElement>(null)
  const gutter = useRef<HTMLPreElement>(null)
  const value = draft ?? text

  useEffect(() => {
    if (draft === undefined) return
    const timer = setTimeout(() => {
      editText(draft)
      setDraft(undefined)
    }, APPLY_AFTER_MS)
    return () => clearTimeout(timer)
  }, [draft, editText])

  const lineCount = useMemo(() => value.split('\n').length, [value])
  const numbers = useMemo(() => Array.from({ length: lineCount }, (_, i) => i + 1).join('\n'), [lineCount])
  const problemLines = useMemo(() => new Set(diagnostics.flatMap((d) => (d.line ? [d.line] : []))), [diagnostics])

  const jumpTo = (d: Diagnostic) => {
    const el = area.current
    if (!el || !d.line) return
    const lines = value.split('\n')
    const offset = lines.slice(0, d.line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, (d.column ?? 1) - 1)
    el.focus()
    el.setSelectionRange(offset, offset)
    el.scrollTop = Math.max(0, (d.line - 5) * 18)
  }
  const flush = () => {
    if (draft === undefined) return
    editText(draft)
    setDraft(undefined)
  }
  return (
    <section className="yaml" aria-label="Scenario YAML">
      <h2 className="panel-title">
        YAML {!isTextValid && <span className="yaml__state" role="status">not applied: fix the errors below</span>}
      </h2>
      <div className="yaml__editor">
        <pre className="yaml__gutter" ref={gutter} aria-hidden="true">
          {numbers}
          {[...problemLines].map((line) => <span key={line} className="yaml__marker" style={{ top: `${(line - 1) * 18 + 8}px` }} />)}
        </pre>
        <textarea
          ref={area}
          className="yaml__text"
          aria-label="Scenario YAML text"
          value={value}
          spellCheck={false}
          wrap="off"
          onChange={(e) => setDraft(e.target.value)}
          onBlur={flush}
          onScroll={(e) => { if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop }}
        />
      </div>
      {diagnostics.length > 0 && (
        <ul className="yaml__problems" aria-label="YAML problems">
          {diagnostics.map((d, i) => (
            <li key={i}>
              <button type="button" className={`yaml__problem yaml__problem--${d.severity}`} onClick={() => jumpTo(d)} data-testid="yaml-problem">
                <span className="yaml__where">{d.line ?? 1}:{d.column ?? 1}</span> {d.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
