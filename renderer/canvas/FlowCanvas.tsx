import { Background, BackgroundVariant, Controls, MiniMap, ReactFlow } from '@xyflow/react'
import { selectFlowGraph } from '../state/selectors'
import type { FlowEdge, FlowNode } from '../state/selectors'
import { useTopology } from '../state/topologyStore'
import { edgeTypes, nodeTypes } from './nodeTypes'

const FIT_VIEW_OPTIONS = { padding: 0.12, maxZoom: 1.25 } as const

function miniMapNodeColor(node: FlowNode): string {
  return node.type === 'source' ? '#93c5fd' : '#cbd5e1'
}

/**
 * The topology canvas: read-only for now (the designer is its own issue), so nodes are
 * neither dragged nor connected. Pan and zoom work; the view fits the graph on open.
 */
export function FlowCanvas() {
  const { nodes, edges } = useTopology(selectFlowGraph)
  const file = useTopology((s) => s.document.file)
  const hasScenario = useTopology((s) => s.document.scenario !== undefined)

  return (
    <section className="canvas" aria-label="Topology">
      {/* Keyed by file so a newly opened scenario mounts fresh and is fitted to the view. */}
      <ReactFlow<FlowNode, FlowEdge>
        key={file}
        nodes={nodes as FlowNode[]}
        edges={edges as FlowEdge[]}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        fitView
        fitViewOptions={FIT_VIEW_OPTIONS}
        minZoom={0.2}
        maxZoom={2}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        colorMode="light"
        attributionPosition="bottom-left"
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.4} color="#cbd5e1" />
        <MiniMap<FlowNode> pannable zoomable nodeColor={miniMapNodeColor} nodeBorderRadius={6} ariaLabel="Minimap of the topology" />
        <Controls showInteractive={false} position="top-left" />
      </ReactFlow>
      {!hasScenario && (
        <p className="canvas__empty" role="status">
          Nothing to draw: this file could not be read as a scenario. The problems are listed below.
        </p>
      )}
    </section>
  )
}
