import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react'
import { useEffect, useRef, useState } from 'react'
import { ConnectActorContext } from '../app/actors'
import { selectFlowEdges, selectFlowNodes } from '../state/flowSelectors'
import type { FlowEdge, FlowNode } from '../state/selectors'
import { GRID_PX } from '../state/slices/viewSlice'
import { useTopology } from '../state/topologyStore'
import { DENSE_EDGES, DenseContext } from './density'
import { MIN_ZOOM } from './detail'
import { edgeTypes, nodeTypes } from './nodeTypes'
import { useFlowHandlers } from './useFlowHandlers'

const FIT_VIEW_OPTIONS = { padding: 0.12, maxZoom: 1.25 } as const
const SNAP_GRID: [number, number] = [GRID_PX, GRID_PX]
const NO_KEY = null

/**
 * Fits the view when a blank canvas is filled in one go (YAML typed or pasted, a paste of
 * many services), but not when a single node is dropped onto it.
 */
function useFitWhenFilled(count: number) {
  const flow = useReactFlow()
  const previous = useRef(count)
  useEffect(() => {
    const was = previous.current
    previous.current = count
    if (was !== 0 || count < 2) return
    const frame = requestAnimationFrame(() => void flow.fitView(FIT_VIEW_OPTIONS))
    return () => cancelAnimationFrame(frame)
  }, [count, flow])
}

function miniMapNodeColor(node: FlowNode): string {
  return node.type === 'source' ? '#93c5fd' : '#cbd5e1'
}

/**
 * The topology canvas. Nodes and edges are derived from the document (with the selection
 * and any drag laid over them); every change React Flow reports becomes a store action
 * (useFlowHandlers). Keys are handled app-wide (app/useShortcuts.ts), so React Flow's own
 * delete key and Space-to-pan are off (Space pauses and resumes a run).
 */
export function FlowCanvas() {
  const file = useTopology((s) => s.document.file)
  // Keyed by file so a newly opened scenario mounts fresh and is fitted to the view.
  return <FlowView key={file} />
}

function FlowView() {
  const nodes = useTopology(selectFlowNodes)
  const edges = useTopology(selectFlowEdges)
  // Fit what was open when the view mounted; a blank canvas keeps zoom 1, so nodes dropped
  // onto it land where they were dropped instead of the view jumping to the first one.
  const [fitOnMount] = useState(nodes.length > 0)
  useFitWhenFilled(nodes.length)
  const hasScenario = useTopology((s) => s.document.scenario !== undefined)
  const isEmpty = useTopology((s) => s.document.scenario?.services.length === 0)
  const snapToGrid = useTopology((s) => s.view.snapToGrid)
  const showMinimap = useTopology((s) => s.view.showMinimap)
  const picking = ConnectActorContext.useSelector((s) => s.value === 'picking')
  const h = useFlowHandlers()

  const dense = edges.length > DENSE_EDGES
  return (
    <DenseContext value={dense}>
    <section className={`canvas${picking ? ' canvas--picking' : ''}${dense ? ' canvas--dense' : ''}`} aria-label="Topology" onDragOver={h.onDragOver} onDrop={h.onDrop}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={h.onNodesChange}
        onEdgesChange={h.onEdgesChange}
        onConnectStart={h.onConnectStart}
        onConnect={h.onConnect}
        onConnectEnd={h.onConnectEnd}
        isValidConnection={h.isValidConnection}
        onNodeClick={h.onNodeClick}
        fitView={fitOnMount}
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={MIN_ZOOM}
        maxZoom={2}
        snapToGrid={snapToGrid}
        snapGrid={SNAP_GRID}
        deleteKeyCode={NO_KEY}
        panActivationKeyCode={NO_KEY}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Meta', 'Control']}
        onlyRenderVisibleElements
        colorMode="light"
        attributionPosition="bottom-left"
      >
        <Background variant={BackgroundVariant.Dots} gap={GRID_PX} size={1.2} color="#cbd5e1" />
        {showMinimap && <MiniMap<FlowNode> pannable zoomable nodeColor={miniMapNodeColor} nodeBorderRadius={6} ariaLabel="Minimap of the topology" />}
        <Controls showInteractive={false} position="top-left" aria-label="Zoom controls" />
      </ReactFlow>
      {!hasScenario && (
        <p className="canvas__empty" role="status">
          Nothing to draw: this file could not be read as a scenario. The problems are listed below.
        </p>
      )}
      {isEmpty && (
        <p className="canvas__empty canvas__empty--start" role="status">
          An empty canvas. Drag a <strong>Service</strong> from the palette (or press <kbd>N</kbd>), then connect services by dragging
          from a node&apos;s right handle to another node.
        </p>
      )}
    </section>
    </DenseContext>
  )
}
