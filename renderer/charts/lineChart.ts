/**
 * An imperative line chart on the shared time axis (the `XYPanZoom` shape of xyflow: create
 * it on an element, `update` it, `destroy` it). d3 computes scales, ticks and path strings;
 * the controller writes them into the SVG directly, so 20 updates a second never go
 * through React. Styles are set through the CSSOM (CSP allows no style attributes).
 */
import { axisBottom, axisLeft, line as d3line, max, scaleLinear, select } from 'd3'
import type { Line } from './series'
import { findValueAt } from './series'
import { AXIS_LEFT, createTimeScale, formatSeconds } from './timeAxis'

export interface LineChartOptions {
  readonly height: number
  /** Formats a value for the axis and the read-out, e.g. `12.3 ms`. */
  readonly format: (v: number) => string
  /** A fixed y-domain (e.g. 0–100 for percentages); else 0 to the data's maximum. */
  readonly yDomain?: readonly [number, number]
}

export interface LineChart {
  update(lines: readonly Line[], durationSeconds: number, width: number, nowSeconds: number): void
  /** Shows the crosshair and exact values at `t` seconds (undefined hides them). */
  hover(t: number | undefined): void
  /** Seconds at x pixels (for pointer events). */
  timeAt(x: number): number
  destroy(): void
}

const TOP = 18
const BOTTOM = 18

export function createLineChart(svgEl: SVGSVGElement, opts: LineChartOptions): LineChart {
  const svg = select(svgEl)
  const xAxis = svg.append('g').attr('class', 'chart__axis chart__axis--x')
  const yAxis = svg.append('g').attr('class', 'chart__axis chart__axis--y').attr('transform', `translate(${AXIS_LEFT},0)`)
  const paths = svg.append('g').attr('class', 'chart__lines')
  const now = svg.append('line').attr('class', 'chart__now')
  const cross = svg.append('line').attr('class', 'chart__cross')
  const dots = svg.append('g').attr('class', 'chart__dots')
  const readout = svg.append('text').attr('class', 'chart__readout').attr('x', AXIS_LEFT + 6).attr('y', 12)
  let state = { lines: [] as readonly Line[], x: createTimeScale(400, 60), y: scaleLinear(), hoverT: undefined as number | undefined }
  // Axes are redrawn only when their scale changes (a batch usually only extends the lines).
  let drawn = { xKey: '', yKey: '' }

  const drawHover = () => {
    const { x, y, lines, hoverT } = state
    if (hoverT === undefined) {
      cross.style('display', 'none')
      dots.selectAll('*').remove()
      readout.text('')
      return
    }
    const values = lines.map((l) => ({ l, at: findValueAt(l, hoverT) })).filter((p) => p.at && Number.isFinite(p.at.v))
    const xPos = x(values[0]?.at?.t ?? hoverT)
    cross.style('display', null).attr('x1', xPos).attr('x2', xPos).attr('y1', TOP).attr('y2', opts.height - BOTTOM)
    dots.selectAll('circle').data(values).join('circle').attr('r', 3).attr('class', (p) => `chart__dot ${p.l.className}`)
      .attr('cx', (p) => x(p.at!.t)).attr('cy', (p) => y(p.at!.v))
    const when = values[0]?.at?.t ?? hoverT
    readout.text(values.length ? `${formatSeconds(when)}: ${values.map((p) => `${p.l.name} ${opts.format(p.at!.v)}`).join(' · ')}` : '')
  }

  return {
    update(lines, durationSeconds, width, nowSeconds) {
      const x = createTimeScale(width, durationSeconds)
      const top = max(lines, (l) => max(l.v, (v) => (Number.isFinite(v) ? v : 0))) ?? 0
      const y = scaleLinear().domain(opts.yDomain ? [...opts.yDomain] : [0, top > 0 ? top * 1.1 : 1]).range([opts.height - BOTTOM, TOP]).nice()
      state = { ...state, lines, x, y }
      const xKey = `${width}|${durationSeconds}`
      const yKey = y.domain().join('|')
      if (xKey !== drawn.xKey) {
        svg.attr('viewBox', `0 0 ${width} ${opts.height}`).attr('width', width).attr('height', opts.height)
        xAxis.attr('transform', `translate(0,${opts.height - BOTTOM})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 90))).tickFormat((d) => formatSeconds(Number(d))) as never)
      }
      if (yKey !== drawn.yKey) yAxis.call(axisLeft(y).ticks(3).tickFormat((d) => opts.format(Number(d))) as never)
      drawn = { xKey, yKey }
      const path = d3line<number>().defined((v) => Number.isFinite(v))
      paths.selectAll<SVGPathElement, Line>('path').data(lines, (l) => l.name)
        .join('path')
        .attr('class', (l) => `chart__line ${l.className}`)
        .attr('d', (l) => path.x((_, i) => x(l.t[i]!)).y((v) => y(v))(l.v as number[]) ?? '')
      const nx = x(Math.min(nowSeconds, durationSeconds))
      now.attr('x1', nx).attr('x2', nx).attr('y1', TOP).attr('y2', opts.height - BOTTOM).style('display', () => (nowSeconds > 0 ? null : 'none'))
      drawHover()
    },
    hover(t) {
      state = { ...state, hoverT: t }
      drawHover()
    },
    timeAt: (px) => state.x.invert(px),
    destroy() {
      svg.selectAll('*').remove()
    },
  }
}
