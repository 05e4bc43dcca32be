import { useRef, useState } from 'react'
import type { KeyboardEvent, PointerEvent } from 'react'
import type { FaultEvent } from '../../engine/index'
import { useRun } from '../state/runStore'
import { getSelectedServices } from '../state/selection'
import { useTopology } from '../state/topologyStore'
import { computeDrawnFault, computeFaultSpan, describeFault } from './faultDraft'
import { FaultToolbar } from './FaultToolbar'
import type { FaultChoice } from './FaultToolbar'
import { createTimeScale, formatSeconds } from './timeAxis'

const ROW_PX = 20
const EMPTY: readonly FaultEvent[] = []

type Drag =
  | { readonly kind: 'draw'; readonly t0: number; readonly t1: number }
  | { readonly kind: 'move'; readonly index: number; readonly grabMs: number; readonly atMs: number }

/**
 * The faults timeline, on the dashboard's time axis: drag on the track to add a fault of the
 * chosen kind (crash, latency, error burst, partition…) to the chosen target; drag a bar to
 * move it. Bars are buttons: Enter selects one for the inspector, arrows move it by a
 * second (Shift: five), Delete removes it.
 */
export function FaultTimeline({ width, durationSeconds }: { readonly width: number; readonly durationSeconds: number }) {
  const faults = useTopology((s) => s.document.scenario?.faults) ?? EMPTY
  const zones = useTopology((s) => s.document.scenario?.zones)
  const selectedFault = useTopology((s) => s.selection.fault)
  const selectedService = useTopology((s) => getSelectedServices(s.selection)[0] ?? s.document.scenario?.services[0]?.name)
  const { addFault, moveFault, removeFault, selectFault, setNotice } = useActions()
  const now = useRun((s) => s.progress.simulatedSeconds)
  const [choice, setChoice] = useState<FaultChoice>({ kind: 'crash', service: undefined, version: undefined })
  const [drag, setDrag] = useState<Drag | undefined>(undefined)
  const svg = useRef<SVGSVGElement>(null)
  const x = createTimeScale(width, durationSeconds)
  const durationMs = durationSeconds * 1000
  const msAt = (e: PointerEvent) => Math.min(durationMs, Math.max(0, x.invert(e.clientX - svg.current!.getBoundingClientRect().left) * 1000))
  const height = (faults.length + 1) * ROW_PX + 8
  const target = { service: choice.service ?? selectedService, version: choice.version, zones: zones ?? [] }

  const onTrackDown = (e: PointerEvent<SVGRectElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId)
    const t = msAt(e)
    setDrag({ kind: 'draw', t0: t, t1: t })
  }
  const onBarDown = (e: PointerEvent<SVGGElement>, index: number, f: FaultEvent) => {
    e.stopPropagation()
    e.currentTarget.setPointerCapture(e.pointerId)
    selectFault(index)
    setDrag({ kind: 'move', index, grabMs: msAt(e) - f.at, atMs: f.at })
  }
  const onMove = (e: PointerEvent) => {
    if (!drag) return
    if (drag.kind === 'draw') setDrag({ ...drag, t1: msAt(e) })
    else setDrag({ ...drag, atMs: Math.round(Math.max(0, msAt(e) - drag.grabMs) / 100) * 100 })
  }
  const onUp = () => {
    if (!drag) return
    setDrag(undefined)
    if (drag.kind === 'move') return void (drag.atMs !== faults[drag.index]?.at && moveFault(drag.index, drag.atMs))
    const fault = computeDrawnFault(choice.kind, drag.t0, drag.t1, target)
    if (typeof fault === 'string') return setNotice(fault)
    if (addFault(fault)) setNotice(`Added: ${describeFault(fault)}.`)
  }
  const onBarKey = (e: KeyboardEvent, index: number, f: FaultEvent) => {
    const step = e.shiftKey ? 5000 : 1000
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') moveFault(index, Math.max(0, f.at + (e.key === 'ArrowLeft' ? -step : step)))
    else if (e.key === 'Delete' || e.key === 'Backspace') removeFault(index)
    else if (e.key === 'Enter' || e.key === ' ') selectFault(index)
    else return
    e.preventDefault()
    e.stopPropagation()
  }
  return (
    <figure className="chart fault-timeline" data-testid="fault-timeline">
      <FaultToolbar choice={choice} onChange={setChoice} fallbackService={selectedService} />
      <svg ref={svg} className="chart__svg fault-timeline__svg" width={width} height={height} onPointerMove={onMove} onPointerUp={onUp} aria-label="Fault timeline">
        <rect className="fault-timeline__track" data-testid="fault-track" x={x(0)} y={0} width={x(durationSeconds) - x(0)} height={height} onPointerDown={onTrackDown} aria-hidden="true" />
        {faults.map((f, i) => {
          const span = computeFaultSpan(drag?.kind === 'move' && drag.index === i ? { ...f, at: drag.atMs } : f, durationMs)
          return (
            <g
              key={i}
              className={`fault-bar fault-bar--${f.kind}${selectedFault === i ? ' fault-bar--selected' : ''}`}
              transform={`translate(0,${i * ROW_PX + 4})`}
              role="button"
              tabIndex={0}
              aria-label={describeFault(f)}
              aria-pressed={selectedFault === i}
              data-testid={`fault-bar-${i}`}
              onPointerDown={(e) => onBarDown(e, i, f)}
              onKeyDown={(e) => onBarKey(e, i, f)}
            >
              <rect x={x(span.start / 1000)} width={Math.max(4, x(span.end / 1000) - x(span.start / 1000))} y={0} height={ROW_PX - 6} rx={3} />
              <text x={x(span.start / 1000) + 5} y={ROW_PX - 10}>{describeFault(f)}</text>
            </g>
          )
        })}
        {drag?.kind === 'draw' && (
          <rect className="fault-timeline__draft" x={x(Math.min(drag.t0, drag.t1) / 1000)} width={Math.max(2, Math.abs(x(drag.t1 / 1000) - x(drag.t0 / 1000)))} y={faults.length * ROW_PX + 4} height={ROW_PX - 6} />
        )}
        {now > 0 && <line className="chart__now" x1={x(now)} x2={x(now)} y1={0} y2={height} />}
        <text className="fault-timeline__hint" x={x(0) + 6} y={faults.length * ROW_PX + 17}>
          {drag?.kind === 'draw' ? `${formatSeconds(Math.round(Math.min(drag.t0, drag.t1) / 100) / 10)} → ${formatSeconds(Math.round(Math.max(drag.t0, drag.t1) / 100) / 10)}` : 'drag here to add a fault'}
        </text>
      </svg>
    </figure>
  )
}

function useActions() {
  return {
    addFault: useTopology((s) => s.addFault),
    moveFault: useTopology((s) => s.moveFault),
    removeFault: useTopology((s) => s.removeFault),
    selectFault: useTopology((s) => s.selectFault),
    setNotice: useTopology((s) => s.setNotice),
  }
}
