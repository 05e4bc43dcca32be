/**
 * Automatic layout: a layered (Sugiyama) drawing from @dagrejs/dagre, left to right like
 * Kiali's graph, so callers sit left of the services they call and traffic enters from the
 * left edge.
 *
 * Services that carry a `position` in the file keep it; every other node takes dagre's.
 * A traffic source whose target kept its file position is placed just left of it, so a
 * hand-arranged drawing does not get its sources scattered by a layout it did not use.
 *
 * Cost: dagre is roughly O(V·E) per pass; scenarios have tens of nodes, a millisecond.
 */
import { Graph, layout } from '@dagrejs/dagre'
import type { FlowEdge, FlowGraph, FlowNode } from '../state/selectors'

/** Gap between layers (left to right) and between nodes in one layer, in pixels. */
const RANK_GAP = 120
const NODE_GAP = 32
/** How far left of a hand-placed target service its traffic source sits. */
const SOURCE_OFFSET_X = 260

/**
 * Returns the graph with every node positioned (new node objects; the input is not mutated).
 * Nodes whose id is in `fixed` keep the position they came with.
 */
export function computeLayout(graph: FlowGraph, fixed: ReadonlySet<string> = new Set()): FlowGraph {
  if (graph.nodes.length === 0) return graph
  const g = new Graph()
  g.setGraph({ rankdir: 'LR', ranksep: RANK_GAP, nodesep: NODE_GAP, marginx: 0, marginy: 0 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const n of graph.nodes) g.setNode(n.id, { width: n.width ?? 0, height: n.height ?? 0 })
  for (const e of graph.edges) g.setEdge(e.source, e.target)
  layout(g)

  const placed = new Map<string, FlowNode>()
  for (const n of graph.nodes) {
    if (fixed.has(n.id)) {
      placed.set(n.id, n)
      continue
    }
    // dagre gives centres; React Flow positions are top-left corners.
    const { x, y } = g.node(n.id) as { x: number; y: number }
    placed.set(n.id, { ...n, position: { x: x - (n.width ?? 0) / 2, y: y - (n.height ?? 0) / 2 } })
  }
  for (const e of graph.edges) placeSourceBesideFixedTarget(e, placed, fixed)
  const edges = graph.edges.map((e) => (fixed.has(e.source) || fixed.has(e.target) ? e : withRoute(e, g)))
  return { nodes: graph.nodes.map((n) => placed.get(n.id)!), edges }
}

/**
 * Keeps dagre's bend points for an edge that spans more than one layer, so the canvas can
 * draw it through the gaps dagre left between nodes instead of straight behind them.
 * dagre gives an edge between adjacent layers 3 points (start, middle, end); those keep
 * React Flow's plain curve. Edges touching a hand-placed node keep it too: dagre routed
 * them to where it would have put that node.
 */
function withRoute(e: FlowEdge, g: Graph): FlowEdge {
  const points = (g.edge(e.source, e.target) as { points?: { x: number; y: number }[] } | undefined)?.points
  if (!points || points.length <= 3) return e
  return { ...e, data: { ...e.data, points: points.map(({ x, y }) => ({ x, y })) } }
}

function placeSourceBesideFixedTarget(e: FlowEdge, placed: Map<string, FlowNode>, fixed: ReadonlySet<string>): void {
  const source = placed.get(e.source)
  const target = placed.get(e.target)
  if (source?.type !== 'source' || !target || !fixed.has(target.id)) return
  const dy = ((target.height ?? 0) - (source.height ?? 0)) / 2
  placed.set(source.id, { ...source, position: { x: target.position.x - SOURCE_OFFSET_X, y: target.position.y + dy } })
}
