import { useRun } from '../state/runStore'
import { formatSeconds } from './timeAxis'

/** Each SLO: pass or fail, the objective, the measured value and when it was first violated. */
export function SloTable() {
  const slos = useRun((s) => s.slos)
  const done = useRun((s) => s.final !== undefined)
  if (slos.length === 0) return <p className="chart__empty">No SLOs in this scenario (add them in the inspector with nothing selected), or no run yet.</p>
  return (
    <table className="slos" data-testid="slo-table">
      <caption className="visually-hidden">Service-level objectives</caption>
      <thead>
        <tr><th scope="col">SLO</th><th scope="col">Result</th><th scope="col">Objective</th><th scope="col">Measured</th><th scope="col">First violated</th></tr>
      </thead>
      <tbody>
        {slos.map((slo) => {
          const unit = slo.kind === 'latency' ? ' ms' : '%'
          const objective = slo.kind === 'latency' ? `p${slo.percentile} ≤ ${slo.objective} ms` : `≥ ${slo.objective}%`
          return (
            <tr key={slo.name} className={slo.ok ? 'slos__row--ok' : 'slos__row--bad'}>
              <th scope="row">{slo.name}</th>
              <td><span className={`badge ${slo.ok ? 'badge--ok' : 'badge--breaker'}`}>{slo.ok ? 'pass' : 'fail'}</span>{!done && <span className="slos__so-far"> so far</span>}</td>
              <td>{objective}{slo.windowSeconds ? ` over ${slo.windowSeconds} s` : ''}</td>
              <td>{slo.value}{unit}</td>
              <td>{slo.firstViolationSeconds === null ? '—' : formatSeconds(slo.firstViolationSeconds)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
