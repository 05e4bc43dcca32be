import { useRun } from '../state/runStore'

const LABELS: Readonly<Record<string, string>> = {
  success: 'succeeded', success_after_retry: 'succeeded after a retry', error: 'failed (error)', timeout: 'timed out',
  per_try_timeout: 'per-try timeout', overflow: 'overflow (circuit breaker / queue)', no_healthy_upstream: 'no healthy upstream',
  budget_exhausted: 'retry budget exhausted', fault_abort: 'aborted by fault injection', denied_by_policy: 'denied by policy',
  reset: 'connection reset', connect_failure: 'connect failure', no_route: 'no route',
}
const number = new Intl.NumberFormat('en')

/** How user requests ended, by root cause: a bar per fate with its count and share. */
export function FateChart() {
  const fates = useRun((s) => s.fates)
  const entries = Object.entries(fates ?? {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1])
  const total = entries.reduce((s, [, n]) => s + n, 0)
  if (!fates || total === 0) return <p className="chart__empty">Run the scenario to see how requests end.</p>
  return (
    <table className="fates" data-testid="fate-chart" aria-label="Request fates">
      <tbody>
        {entries.map(([fate, n]) => {
          const pct = (100 * n) / total
          return (
            <tr key={fate} className={`fates__row fates__row--${fate.startsWith('success') ? 'ok' : 'bad'}`} title={`${LABELS[fate] ?? fate}: ${number.format(n)} of ${number.format(total)} (${pct.toFixed(2)}%)`}>
              <th scope="row">{LABELS[fate] ?? fate}</th>
              <td className="fates__bar"><span style={{ width: `${Math.max(0.5, pct)}%` }} /></td>
              <td className="fates__n">{number.format(n)}</td>
              <td className="fates__pct">{pct < 0.1 ? pct.toFixed(3) : pct.toFixed(1)}%</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}
