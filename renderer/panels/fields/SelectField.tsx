import { useId } from 'react'
import type { DocPath } from '../../../engine/index'
import { formatPath } from '../../../engine/index'
import { FieldMessage } from './FieldMessage'
import { useFieldIssue } from './useFieldIssue'

export interface SelectFieldProps<T extends string> {
  readonly label: string
  readonly path: DocPath
  readonly value: T | undefined
  readonly options: readonly T[] | readonly { readonly value: T; readonly label: string }[]
  /** Offer an empty choice that removes the field, labelled like this (e.g. `default (http)`). */
  readonly emptyLabel?: string
  readonly hint?: string
  readonly onCommit: (value: T | undefined) => boolean
}

/** A labelled choice among fixed options (enums of the model), committed on change. */
export function SelectField<T extends string>({ label, path, value, options, emptyLabel, hint, onCommit }: SelectFieldProps<T>) {
  const id = useId()
  const issue = useFieldIssue(formatPath(path))
  const items = options.map((o) => (typeof o === 'string' ? { value: o, label: o } : o))
  return (
    <div className={`field${issue?.severity === 'error' ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>{label}</label>
      <select
        id={id}
        className="field__input"
        value={value ?? ''}
        aria-invalid={issue?.severity === 'error' ? true : undefined}
        aria-describedby={issue || hint ? `${id}-msg` : undefined}
        onChange={(e) => onCommit((e.target.value || undefined) as T | undefined)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {items.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <FieldMessage id={`${id}-msg`} issue={issue} hint={hint} />
    </div>
  )
}

/** A labelled checkbox for an optional boolean: unchecking removes the field (its default applies). */
export function CheckField({ label, path, value, hint, onCommit }: {
  readonly label: string
  readonly path: DocPath
  readonly value: boolean | undefined
  readonly hint?: string
  readonly onCommit: (value: boolean | undefined) => boolean
}) {
  const id = useId()
  const issue = useFieldIssue(formatPath(path))
  return (
    <div className="field field--check">
      <input id={id} type="checkbox" checked={value ?? false} onChange={(e) => onCommit(e.target.checked)} aria-describedby={issue || hint ? `${id}-msg` : undefined} />
      <label className="field__label" htmlFor={id}>{label}</label>
      <FieldMessage id={`${id}-msg`} issue={issue} hint={hint} />
    </div>
  )
}
