import { useMemo, useState } from 'react'
import type { Span, Trace } from '../../engine/index'
import { useRun } from '../state/runStore'

interface Row {
  readonly span: Span
  readonly depth: number
}

function flatten(span: Span, depth: number, out: Row[]): Row[] {
  out.push({ span, depth })
  for (const child of span.children) flatten(child, depth + 1, out)
  return out
}

/** A sampled request as a waterfall: every span (request, attempt, server) on the request's own time axis. */
export function TraceWaterfall() {
  const traces = useRun((s) => s.traces)
  const [chosen, setChosen] = useState(0)
  const trace: Trace | undefined = traces[Math.min(chosen, traces.length - 1)]
  const rows = useMemo(() => (trace ? flatten(trace.root, 0, []) : []), [trace])
  if (!trace) return <p className="chart__empty">Sampled traces appear here as the run finishes requests.</p>
  const t0 = trace.root.startMs
  const total = Math.max(0.001, trace.durationMs)
  return (
    <div className="traces" data-testid="trace-waterfall">
      <label className="picker">
        <span className="picker__label">Trace</span>
        <select className="picker__select" value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
          {traces.map((t, i) => <option key={t.traceId} value={i}>#{t.traceId} {t.fate} · {t.durationMs.toFixed(1)} ms · at {(t.startMs / 1000).toFixed(1)} s</option>)}
        </select>
      </label>
      <ol className="waterfall" aria-label={`Spans of trace ${trace.traceId}`}>
        {rows.map(({ span, depth }, i) => {
          const left = ((span.startMs - t0) / total) * 100
          const width = Math.max(0.4, ((span.endMs - span.startMs) / total) * 100)
          const failed = span.status >= 400 || (span.fate !== undefined && !span.fate.startsWith('success'))
          const text = `${span.kind} ${span.name}: ${(span.startMs - t0).toFixed(2)} → ${(span.endMs - t0).toFixed(2)} ms (${(span.endMs - span.startMs).toFixed(2)} ms), status ${span.status || '—'}${span.fate ? `, ${span.fate}` : ''}`
          return (
            <li key={i} className="waterfall__row" title={text} aria-label={text}>
              <span className="waterfall__name" style={{ paddingLeft: `${depth * 12}px` }}>{span.kind === 'attempt' ? '↻ ' : span.kind === 'server' ? '▣ ' : ''}{span.name}</span>
              <span className="waterfall__track"><span className={`waterfall__bar waterfall__bar--${span.kind}${failed ? ' waterfall__bar--failed' : ''}`} style={{ left: `${left}%`, width: `${width}%` }} /></span>
              <span className="waterfall__ms">{(span.endMs - span.startMs).toFixed(2)} ms</span>
            </li>
          )
        })}
      </ol>
    </div>
  )
}
