/**
 * The problem to show at a model field: a refused edit's schema issue at that path, else a
 * diagnostic of the document at that path (errors before warnings). Returns a primitive
 * (`severity|message`), so a field re-renders only when its own message changes.
 */
import type { TopologyState } from '../../state/topologyStore'
import { useTopology } from '../../state/topologyStore'

export interface FieldIssueView {
  readonly severity: 'error' | 'warning'
  readonly message: string
  /** True for a refused edit's problem (it belongs to the draft that was refused). */
  readonly refused?: boolean
}

export function selectFieldIssue(path: string): (s: TopologyState) => string {
  return (s) => {
    const refused = s.fieldIssues.find((i) => i.path === path)
    if (refused) return `refused|${refused.message}`
    const diagnostics = s.document.diagnostics.filter((d) => d.path === path)
    const d = diagnostics.find((x) => x.severity === 'error') ?? diagnostics[0]
    return d ? `${d.severity}|${d.message}` : ''
  }
}

export function useFieldIssue(path: string): FieldIssueView | undefined {
  const key = useTopology(selectFieldIssue(path))
  if (!key) return undefined
  const at = key.indexOf('|')
  const kind = key.slice(0, at)
  const message = key.slice(at + 1)
  return kind === 'refused' ? { severity: 'error', message, refused: true } : { severity: kind as FieldIssueView['severity'], message }
}
