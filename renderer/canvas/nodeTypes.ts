/**
 * React Flow node and edge types: module constants, so React Flow never sees a new object
 * between renders (xyflow error002). Keys are the `type` values `state/selectors.ts` gives.
 */
import type { EdgeTypes, NodeTypes } from '@xyflow/react'
import { RoutedEdge } from './edges/RoutedEdge'
import { ServiceNode } from './nodes/ServiceNode'
import { SourceNode } from './nodes/SourceNode'

export const nodeTypes: NodeTypes = {
  service: ServiceNode,
  source: SourceNode,
}

export const edgeTypes: EdgeTypes = {
  routed: RoutedEdge,
}
