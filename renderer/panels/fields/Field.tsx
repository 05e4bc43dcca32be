import { useId, useState } from 'react'
import type { KeyboardEvent } from 'react'
import type { DocPath } from '../../../engine/index'
import { formatPath } from '../../../engine/index'
import { formatValue, parseValue } from './codecs'
import type { FieldKind } from './codecs'
import { FieldMessage } from './FieldMessage'
import { useFieldIssue } from './useFieldIssue'

export interface FieldProps {
  readonly label: string
  /** Model path of the value, for its inline problems (`services[0].versions[1].replicas`). */
  readonly path: DocPath
  readonly value: unknown
  readonly kind?: FieldKind
  /** Empty input removes the field (it falls back to its default, shown as the placeholder). */
  readonly optional?: boolean
  readonly placeholder?: string
  readonly hint?: string
  /** Applies the parsed value; false when the store refused it (its reason then shows here). */
  readonly onCommit: (value: unknown) => boolean
}

/**
 * One labelled input of the inspector. Typing edits a draft; Enter or leaving the field
 * commits it (Escape reverts). A draft that does not parse, or that the store refuses,
 * stays as typed with the reason under it, so nothing the user wrote is lost.
 */
export function Field({ label, path, value, kind = 'text', optional = false, placeholder, hint, onCommit }: FieldProps) {
  const id = useId()
  const [draft, setDraft] = useState<string | undefined>(undefined)
  const [parseError, setParseError] = useState<string | undefined>(undefined)
  const issue = useFieldIssue(formatPath(path))
  const shown = draft ?? formatValue(kind, value)

  const commit = () => {
    if (draft === undefined) return
    const parsed = parseValue(kind, draft, optional)
    if (!parsed.ok) return setParseError(parsed.error)
    setParseError(undefined)
    if (parsed.value === value || formatValue(kind, parsed.value) === formatValue(kind, value)) return setDraft(undefined)
    if (onCommit(parsed.value)) setDraft(undefined)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') commit()
    if (e.key === 'Escape' && draft !== undefined) {
      e.stopPropagation()
      setDraft(undefined)
      setParseError(undefined)
    }
  }
  // A refused edit's problem belongs to its draft: once the draft is gone, so is the problem.
  const shownIssue = issue?.refused && draft === undefined ? undefined : issue
  const message = parseError ? { severity: 'error' as const, message: parseError } : shownIssue
  return (
    <div className={`field${message?.severity === 'error' ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>{label}</label>
      <input
        id={id}
        className="field__input"
        value={shown}
        placeholder={placeholder}
        aria-invalid={message?.severity === 'error' ? true : undefined}
        aria-describedby={message || hint ? `${id}-msg` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
        spellCheck={false}
      />
      <FieldMessage id={`${id}-msg`} issue={message} hint={hint} />
    </div>
  )
}
