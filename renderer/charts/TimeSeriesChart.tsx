import { useEffect, useRef } from 'react'
import type { SeriesBuffers } from '../state/telemetry'
import { useRunStore } from '../state/runStore'
import { createLineChart } from './lineChart'
import type { LineChartOptions } from './lineChart'
import type { HoverStore } from './hover'
import type { Line } from './series'

export interface TimeSeriesChartProps {
  readonly title: string
  readonly compute: (buffers: SeriesBuffers) => readonly Line[]
  readonly options: LineChartOptions
  readonly durationSeconds: number
  readonly width: number
  readonly hover: HoverStore
  readonly testId: string
}

/**
 * A line chart of the run, owned by an imperative controller (lineChart.ts). It subscribes
 * to the run store directly and redraws at most once per animation frame when the series
 * grow, so React renders it once, not on every batch.
 */
export function TimeSeriesChart({ title, compute, options, durationSeconds, width, hover, testId }: TimeSeriesChartProps) {
  const svg = useRef<SVGSVGElement>(null)
  const runStore = useRunStore()
  useEffect(() => {
    const el = svg.current
    if (!el || width <= 0) return
    const chart = createLineChart(el, options)
    let frame = 0
    const draw = () => {
      frame = 0
      const s = runStore.getState()
      chart.update(compute(s.series), durationSeconds, width, s.progress.simulatedSeconds)
    }
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw)
    }
    draw()
    const offRun = runStore.subscribe((s, prev) => { if (s.seriesVersion !== prev.seriesVersion) schedule() })
    const offHover = hover.subscribe((h) => chart.hover(h.t))
    const onMove = (e: PointerEvent) => hover.getState().setT(chart.timeAt(e.offsetX))
    const onLeave = () => hover.getState().setT(undefined)
    el.addEventListener('pointermove', onMove)
    el.addEventListener('pointerleave', onLeave)
    return () => {
      cancelAnimationFrame(frame)
      offRun()
      offHover()
      el.removeEventListener('pointermove', onMove)
      el.removeEventListener('pointerleave', onLeave)
      chart.destroy()
    }
  }, [runStore, compute, options, durationSeconds, width, hover])
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart__title">{title}</figcaption>
      <svg ref={svg} className="chart__svg" role="img" aria-label={title} />
    </figure>
  )
}
