import { useEffect, useMemo, useRef, useState } from 'react'
import { useRun } from '../state/runStore'
import { getSelectedServices } from '../state/selection'
import { useTopology } from '../state/topologyStore'
import { FateChart } from './FateChart'
import { FaultTimeline } from './FaultTimeline'
import { createHoverStore } from './hover'
import { IntervalLanes } from './IntervalLanes'
import type { LineChartOptions } from './lineChart'
import { computeEdgeLatencyLines, computeLatencyLines, computeRateLines, computeRetryLines, computeSuccessLines } from './series'
import { SloTable } from './SloTable'
import { TimeSeriesChart } from './TimeSeriesChart'
import { TraceWaterfall } from './TraceWaterfall'

const ms = (v: number) => `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ms`
const LATENCY: LineChartOptions = { height: 104, format: ms }
const SUCCESS: LineChartOptions = { height: 74, format: (v) => `${v.toFixed(v >= 99 ? 2 : 1)}%`, yDomain: [0, 100] }
const RATE: LineChartOptions = { height: 74, format: (v) => `${v.toFixed(v >= 10 ? 0 : 1)}/s` }
const RETRIES: LineChartOptions = { height: 74, format: (v) => `${v.toFixed(v >= 10 ? 0 : 1)}/s` }
type Tab = 'timeline' | 'outcomes' | 'traces'

/**
 * The results dashboard under the canvas: per-service charts on one shared time axis with
 * the breaker / ejection lanes and the fault timeline (hover any chart for exact values at
 * that moment), request fates and SLOs, and sampled traces.
 */
export function Dashboard() {
  const [tab, setTab] = useState<Tab>('timeline')
  const [open, setOpen] = useState(true)
  const [picked, setPicked] = useState<string | undefined>(undefined)
  const [width, setWidth] = useState(0)
  const body = useRef<HTMLDivElement>(null)
  const hover = useMemo(() => createHoverStore(), [])
  const services = useTopology((s) => s.document.scenario?.services)
  const entry = useTopology((s) => getSelectedServices(s.selection)[0] ?? s.document.scenario?.traffic?.[0]?.to ?? s.document.scenario?.services[0]?.name)
  const runMs = useRun((s) => s.durationMs)
  const scenarioMs = useTopology((s) => s.document.scenario?.duration ?? 60_000)
  const durationSeconds = (runMs || scenarioMs) / 1000
  const service = picked && services?.some((s) => s.name === picked) ? picked : entry ?? ''

  useEffect(() => {
    const el = body.current
    if (!el) return
    const observer = new ResizeObserver(([e]) => setWidth(Math.floor(e!.contentRect.width)))
    observer.observe(el)
    return () => observer.disconnect()
  }, [open])
  const latency = useMemo(() => (b: Parameters<typeof computeLatencyLines>[0]) => computeLatencyLines(b, service), [service])
  const edgeLatency = useMemo(() => (b: Parameters<typeof computeEdgeLatencyLines>[0]) => computeEdgeLatencyLines(b, service), [service])
  const success = useMemo(() => (b: Parameters<typeof computeSuccessLines>[0]) => computeSuccessLines(b, service), [service])
  const rate = useMemo(() => (b: Parameters<typeof computeRateLines>[0]) => computeRateLines(b, service), [service])
  const retries = useMemo(() => (b: Parameters<typeof computeRetryLines>[0]) => computeRetryLines(b, service), [service])
  const common = { durationSeconds, width, hover }

  return (
    <section className={`dashboard${open ? '' : ' dashboard--closed'}`} aria-label="Results">
      <div className="dashboard__bar" role="tablist" aria-label="Results views">
        {(['timeline', 'outcomes', 'traces'] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} className="dashboard__tab" onClick={() => { setTab(t); setOpen(true) }}>
            {t === 'timeline' ? 'Timeline' : t === 'outcomes' ? 'Fates & SLOs' : 'Traces'}
          </button>
        ))}
        {tab === 'timeline' && open && (
          <label className="picker dashboard__service">
            <span className="picker__label">Charts for</span>
            <select className="picker__select" value={service} onChange={(e) => setPicked(e.target.value)}>
              {services?.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
            </select>
          </label>
        )}
        <button type="button" className="link-button dashboard__toggle" onClick={() => setOpen(!open)} aria-expanded={open}>{open ? 'hide results' : 'show results'}</button>
      </div>
      {open && (
        <div className="dashboard__body" ref={body} role="tabpanel">
          {tab === 'timeline' && width > 0 && (
            <>
              <FaultTimeline width={width} durationSeconds={durationSeconds} />
              <IntervalLanes width={width} durationSeconds={durationSeconds} />
              <TimeSeriesChart title={`Latency of ${service} per second: p50 / p90 / p99 and mean`} compute={latency} options={LATENCY} testId="chart-latency" {...common} />
              <TimeSeriesChart title={`p99 latency of calls into ${service}, per caller (as the caller's sidecar sees them)`} compute={edgeLatency} options={LATENCY} testId="chart-edge-latency" {...common} />
              <TimeSeriesChart title={`Success rate of ${service}`} compute={success} options={SUCCESS} testId="chart-success" {...common} />
              <TimeSeriesChart title={`Requests per second into ${service} (and failed)`} compute={rate} options={RATE} testId="chart-rate" {...common} />
              <TimeSeriesChart title={`Retries into ${service} per second (and attempts)`} compute={retries} options={RETRIES} testId="chart-retries" {...common} />
            </>
          )}
          {tab === 'outcomes' && (
            <div className="dashboard__outcomes">
              <section aria-label="Request fates"><h3 className="chart__title">How user requests ended</h3><FateChart /></section>
              <section aria-label="SLOs"><h3 className="chart__title">SLOs</h3><SloTable /></section>
            </div>
          )}
          {tab === 'traces' && <TraceWaterfall />}
        </div>
      )}
    </section>
  )
}
