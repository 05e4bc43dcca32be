/**
 * The React Flow graph as the canvas draws it: the derived graph (selectors.ts) with the
 * selection and the positions of nodes being dragged laid over it. Memoised on the
 * identities of the inputs, so panning or a telemetry batch never rebuilds the arrays.
 */
import type { Point } from './edits/services'
import { selectFlowGraph } from './selectors'
import type { FlowEdge, FlowNode } from './selectors'
import type { TopologyState } from './topologyStore'

interface NodeMemo {
  readonly selected: readonly string[]
  readonly drag: ReadonlyMap<string, Point> | undefined
  readonly result: FlowNode[]
}
interface EdgeMemo {
  readonly selected: readonly string[]
  readonly result: FlowEdge[]
}

const nodeMemos = new WeakMap<readonly FlowNode[], NodeMemo>()
const edgeMemos = new WeakMap<readonly FlowEdge[], EdgeMemo>()

/** Nodes with `selected`, `draggable` and any in-progress drag position applied. */
export function selectFlowNodes(state: TopologyState): FlowNode[] {
  const base = selectFlowGraph(state).nodes
  const selected = state.selection.nodes
  const drag = state.view.dragPositions
  const memo = nodeMemos.get(base)
  if (memo && memo.selected === selected && memo.drag === drag) return memo.result
  const chosen = new Set(selected)
  const result = base.map((n): FlowNode => {
    const isSelected = chosen.has(n.id)
    const at = drag?.get(n.id)
    // Traffic sources have no position in the model: the layout places them, so they stay put.
    const draggable = n.type === 'service'
    return { ...n, selected: isSelected, draggable, ...(at ? { position: at } : {}) } as FlowNode
  })
  nodeMemos.set(base, { selected, drag, result })
  return result
}

/** Edges with `selected` applied. */
export function selectFlowEdges(state: TopologyState): FlowEdge[] {
  const base = selectFlowGraph(state).edges
  const selected = state.selection.edges
  const memo = edgeMemos.get(base)
  if (memo && memo.selected === selected) return memo.result
  const chosen = new Set(selected)
  const result = base.map((e) => ({ ...e, selected: chosen.has(e.id) }))
  edgeMemos.set(base, { selected, result })
  return result
}
