/**
 * React Flow's change callbacks mapped to domain actions (conventions §6): selection
 * changes to the selection slice, drags to the view's drag overlay and, on drop, to one
 * `moveServices` edit (one undo step per drag); handle-to-handle connections and clicks
 * to the connect tool; palette drops to `addService` / `addTrafficSource`.
 */
import { useReactFlow } from '@xyflow/react'
import type { Connection, EdgeChange, NodeChange, OnConnectStartParams } from '@xyflow/react'
import { useMemo } from 'react'
import type { DragEvent, MouseEvent as ReactMouseEvent } from 'react'
import { ConnectActorContext } from '../app/actors'
import { explainNodeConnectRefusal } from '../app/wireActors'
import type { Point } from '../state/edits/services'
import type { FlowEdge, FlowNode } from '../state/selectors'
import { getServiceName } from '../state/selection'
import { GRID_PX } from '../state/slices/viewSlice'
import { useTopologyStore } from '../state/topologyStore'

/** The drag payload of palette items. */
export const PALETTE_MIME = 'application/x-meshsim-palette'
export type PaletteItem = 'service' | 'traffic'

export function useFlowHandlers() {
  const store = useTopologyStore()
  const connect = ConnectActorContext.useActorRef()
  const flow = useReactFlow<FlowNode, FlowEdge>()

  return useMemo(() => {
    const s = () => store.getState()
    const snap = (p: Point): Point => (s().view.snapToGrid ? { x: Math.round(p.x / GRID_PX) * GRID_PX, y: Math.round(p.y / GRID_PX) * GRID_PX } : p)

    const onNodesChange = (changes: NodeChange<FlowNode>[]) => {
      s().applySelectChanges('nodes', changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : [])))
      const moves = changes.filter((c) => c.type === 'position' && c.position !== undefined && getServiceName(c.id) !== undefined)
      if (moves.length === 0) return
      const dragging = moves.some((c) => c.type === 'position' && c.dragging)
      const positions = new Map(s().view.dragPositions ?? [])
      for (const c of moves) if (c.type === 'position') positions.set(c.id, c.position!)
      if (dragging) return s().setDragPositions(positions)
      // A drop (or an arrow-key move): one edit for every node moved, then the overlay goes.
      s().moveServices(new Map([...positions].map(([id, p]) => [getServiceName(id)!, p])))
      s().setDragPositions(undefined)
    }

    const onEdgesChange = (changes: EdgeChange<FlowEdge>[]) =>
      s().applySelectChanges('edges', changes.flatMap((c) => (c.type === 'select' ? [{ id: c.id, selected: c.selected }] : [])))

    const onConnectStart = (_: unknown, params: OnConnectStartParams) => {
      if (params.nodeId && params.handleType === 'source') connect.send({ type: 'connect.start', from: params.nodeId })
    }
    const onConnect = (c: Connection) => connect.send({ type: 'connect.complete', to: c.target })
    // Dropped on a node's body rather than its handle: connect to that node all the same.
    const onConnectEnd = (event: MouseEvent | TouchEvent) => {
      if (connect.getSnapshot().value !== 'picking') return
      const point = 'changedTouches' in event ? event.changedTouches[0] : event
      const el = point ? document.elementFromPoint(point.clientX, point.clientY) : null
      const to = (el?.closest('.react-flow__node') as HTMLElement | null)?.dataset.id
      if (to && to !== connect.getSnapshot().context.from) connect.send({ type: 'connect.complete', to })
      else connect.send({ type: 'connect.cancel' })
    }
    const isValidConnection = (c: Connection | FlowEdge) => explainNodeConnectRefusal(store, c.source, c.target) === undefined

    const onNodeClick = (_: ReactMouseEvent, node: FlowNode) => {
      if (connect.getSnapshot().value === 'picking') connect.send({ type: 'connect.complete', to: node.id })
    }

    const onDragOver = (e: DragEvent) => {
      if (!e.dataTransfer.types.includes(PALETTE_MIME)) return
      e.preventDefault()
      e.dataTransfer.dropEffect = 'copy'
    }
    const onDrop = (e: DragEvent) => {
      const item = e.dataTransfer.getData(PALETTE_MIME) as PaletteItem | ''
      if (!item) return
      e.preventDefault()
      if (item === 'service') {
        // The drop point is the middle of the new node's header, where the cursor held it.
        const at = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })
        s().addService(snap({ x: at.x - 100, y: at.y - 26 }))
        return
      }
      const target = (document.elementFromPoint(e.clientX, e.clientY)?.closest('.react-flow__node') as HTMLElement | null)?.dataset.id
      const service = target ? getServiceName(target) : undefined
      if (service === undefined) return s().setNotice('Drop a traffic source onto the service it sends requests to.')
      s().addTrafficSource(service)
    }

    return { onNodesChange, onEdgesChange, onConnectStart, onConnect, onConnectEnd, isValidConnection, onNodeClick, onDragOver, onDrop }
  }, [store, connect, flow])
}
