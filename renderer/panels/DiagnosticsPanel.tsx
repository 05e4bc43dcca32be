import type { Diagnostic } from '../../engine/index'
import { useTopology } from '../state/topologyStore'

/** Lists the open scenario's diagnostics (code, message, document path and line:column). */
export function DiagnosticsPanel() {
  const diagnostics = useTopology((s) => s.document.diagnostics)
  const file = useTopology((s) => s.document.file)
  if (diagnostics.length === 0) return null

  const errors = diagnostics.filter((d) => d.severity === 'error').length
  const warnings = diagnostics.length - errors
  return (
    <section className="diagnostics" aria-labelledby="diagnostics-title">
      <h2 id="diagnostics-title" className="diagnostics__title">
        {file}: {summarise(errors, 'error')}
        {errors && warnings ? ', ' : ''}
        {summarise(warnings, 'warning')}
      </h2>
      <ul className="diagnostics__list">
        {diagnostics.map((d, i) => (
          <DiagnosticRow key={i} diagnostic={d} />
        ))}
      </ul>
    </section>
  )
}

function DiagnosticRow({ diagnostic: d }: { readonly diagnostic: Diagnostic }) {
  return (
    <li className={`diagnostic diagnostic--${d.severity}`} data-testid="diagnostic">
      <span className="diagnostic__severity">{d.severity}</span>
      <code className="diagnostic__code">{d.code}</code>
      <span className="diagnostic__message">{d.message}</span>
      {d.path && <code className="diagnostic__path">{d.path}</code>}
      {d.line !== undefined && (
        <span className="diagnostic__position">
          {d.line}:{d.column ?? 1}
        </span>
      )}
    </li>
  )
}

function summarise(count: number, noun: string): string {
  if (count === 0) return ''
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
