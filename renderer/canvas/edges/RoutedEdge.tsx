import { BaseEdge, getBezierPath } from '@xyflow/react'
import type { EdgeProps } from '@xyflow/react'
import { curveBasis, line } from 'd3'
import { memo, useContext } from 'react'
import { useRun } from '../../state/runStore'
import type { FlowEdge } from '../../state/selectors'
import { DenseContext } from '../density'
import { useNodeDetail } from '../detail'
import { computeStrokeKey, computeStrokeStyle, computeTrafficKey, computeTrafficStyle, describeTraffic, parseTrafficKey } from './trafficStyle'

interface Point {
  readonly x: number
  readonly y: number
}

/** How far a routed edge runs straight out of its source handle and into its target handle. */
const LEAD_PX = 24

// A B-spline, as dagre-d3 draws dagre's routes: it bends smoothly near the bend points
// rather than through them, so no corner is sharp (d3 does the maths, React renders the path).
const toPath = line<Point>((p) => p.x, (p) => p.y).curve(curveBasis)

/**
 * An edge that follows the bend points the layout chose (through the gaps between nodes),
 * or React Flow's plain curve when it has none. Ends at the handles React Flow reports, so
 * the arrowhead always meets the node. During a run it shows live traffic: thickness is the
 * request rate, colour the error rate, and dashes flow faster with more traffic.
 */
export const RoutedEdge = memo(function RoutedEdge(props: EdgeProps<FlowEdge>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data } = props
  const dense = useContext(DenseContext)
  const detail = useNodeDetail()
  // Dense drawings, and any drawing zoomed out past readable text, select only what the
  // stroke shows at this zoom; others also the numbers of the live label.
  const strokeOnly = (dense || detail !== 'full') && !props.selected
  const key = useRun((s) => {
    const values = data?.liveKey ? s.edges[data.liveKey] : undefined
    return strokeOnly ? computeStrokeKey(values, detail) : computeTrafficKey(values)
  })
  const live = strokeOnly ? undefined : parseTrafficKey(key)
  const routed = computeRoutedPath({ x: sourceX, y: sourceY }, { x: targetX, y: targetY }, data?.points)
  const [path, labelX, labelY] = routed ?? getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition })
  const traffic = live ? computeTrafficStyle(live) : key ? computeStrokeStyle(key) : undefined
  const label = live ? [props.label, describeTraffic(live)].filter(Boolean).join(' · ') : props.label
  return (
    <BaseEdge
      id={props.id}
      path={path}
      labelX={labelX}
      labelY={labelY}
      label={label}
      labelStyle={props.labelStyle}
      labelShowBg={props.labelShowBg}
      labelBgStyle={props.labelBgStyle}
      labelBgPadding={props.labelBgPadding ?? [4, 2]}
      labelBgBorderRadius={props.labelBgBorderRadius ?? 4}
      markerEnd={props.markerEnd}
      markerStart={props.markerStart}
      className={traffic ? `edge-live ${traffic.className}` : undefined}
      style={traffic ? { ...props.style, ...traffic.style } : props.style}
      // Zoomed right out, the wide invisible path that makes an edge easy to click costs more
      // to hit-test than it helps (the stroke itself is still clickable).
      interactionWidth={detail === 'shape' ? 0 : props.interactionWidth ?? 16}
    />
  )
})

/** [path, labelX, labelY] through the layout's bend points, or undefined to fall back. */
function computeRoutedPath(source: Point, target: Point, points: readonly Point[] | undefined): [string, number, number] | undefined {
  if (!points || points.length < 3) return undefined
  // dagre's first and last points sit on the node boundaries; the handles replace them.
  const bends = points.slice(1, -1)
  const route = [source, { x: source.x + LEAD_PX, y: source.y }, ...bends, { x: target.x - LEAD_PX, y: target.y }, target]
  // A route that doubles back (a back edge in a cycle) is not monotone: use the plain curve.
  if (route.some((p, i) => i > 0 && p.x <= route[i - 1]!.x)) return undefined
  const path = toPath(route)
  if (!path) return undefined
  const middle = bends[Math.floor(bends.length / 2)]!
  return [path, middle.x, middle.y]
}
