/** Auto-layout as an edit: dagre's layered positions written into every service's `position`. */
import type { Scenario } from '../../../engine/index'
import { computeLayout } from '../../canvas/layout'
import { computeFlowGraph } from '../selectors'
import type { Point } from './services'

/** Where dagre puts each service (top-left corners, flow coordinates), by service name. */
export function computeAutoLayout(s: Scenario, gridPx = 1): Map<string, Point> {
  const { nodes } = computeLayout(computeFlowGraph(s))
  const snap = (v: number) => Math.round(v / gridPx) * gridPx
  const out = new Map<string, Point>()
  for (const n of nodes) {
    if (n.type === 'service') out.set(n.data.serviceName, { x: snap(n.position.x), y: snap(n.position.y) })
  }
  return out
}
