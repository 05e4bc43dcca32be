import { useMemo } from 'react'
import { useRun } from '../state/runStore'
import { computeLanes } from './lanes'
import { AXIS_LEFT, createTimeScale, formatSeconds } from './timeAxis'

const LANE_PX = 16

/** Breaker-open and ejection intervals on the shared time axis (hover a span for its exact times). */
export function IntervalLanes({ width, durationSeconds }: { readonly width: number; readonly durationSeconds: number }) {
  const breakers = useRun((s) => s.breakers)
  const ejections = useRun((s) => s.ejections)
  const now = useRun((s) => s.progress.simulatedSeconds)
  const { lanes, hidden } = useMemo(() => computeLanes(breakers, ejections, now), [breakers, ejections, now])
  const x = createTimeScale(width, durationSeconds)
  const height = Math.max(1, lanes.length) * LANE_PX + 4
  return (
    <figure className="chart" data-testid="interval-lanes">
      <figcaption className="chart__title">
        Circuit breakers and ejections {lanes.length === 0 && <span className="chart__empty">— none so far</span>}
        {hidden > 0 && <span className="chart__empty"> (+{hidden} more lanes)</span>}
      </figcaption>
      <svg className="chart__svg" width={width} height={height} role="img" aria-label={`${lanes.length} breaker and ejection lanes`}>
        {lanes.map((lane, i) => (
          <g key={lane.key} transform={`translate(0,${i * LANE_PX + 2})`} data-testid={`lane-${lane.kind}`}>
            <text className="lane__label" x={AXIS_LEFT - 6} y={11} textAnchor="end">{lane.kind === 'breaker' ? '⚡ ' : '⊘ '}{lane.label.split(' · ')[1]}</text>
            <line className="lane__track" x1={AXIS_LEFT} x2={width - 16} y1={7} y2={7} />
            {lane.spans.map((s, j) => (
              <rect key={j} className={`lane__span lane__span--${lane.kind}`} x={x(s.start)} width={Math.max(2, x(s.end) - x(s.start))} y={2} height={LANE_PX - 5} rx={2}>
                <title>{`${lane.label}: ${formatSeconds(Math.round(s.start * 10) / 10)} → ${s.open ? 'still open' : formatSeconds(Math.round(s.end * 10) / 10)} (by ${s.by})`}</title>
              </rect>
            ))}
          </g>
        ))}
      </svg>
    </figure>
  )
}
