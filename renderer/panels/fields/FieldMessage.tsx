import type { FieldIssueView } from './useFieldIssue'

/** The line under a field: its problem (error or warning), else its hint. */
export function FieldMessage({ id, issue, hint }: { readonly id: string; readonly issue: FieldIssueView | undefined; readonly hint?: string }) {
  if (issue) {
    return (
      <p id={id} className={`field__message field__message--${issue.severity}`} role={issue.severity === 'error' ? 'alert' : 'status'}>
        {issue.message}
      </p>
    )
  }
  return hint ? <p id={id} className="field__hint">{hint}</p> : null
}
