/**
 * Level of detail: how much of each node the canvas draws at the current zoom, as React
 * Flow's contextual-zoom example and tldraw do. Below READABLE_ZOOM a node's 14px text is
 * under 7 screen pixels, so drawing its version rows, pods and labels buys nothing — and
 * those elements are what Chromium's main thread spends a panned frame on (style, layout,
 * paint, layerization and hit testing all walk them; `npm run bench:render` measured it).
 *
 * - `full`  (zoom ≥ 0.5): everything;
 * - `name`  (0.25 ≤ zoom < 0.5): a box with the name, as large as the box allows;
 * - `shape` (zoom < 0.25): a box coloured by its state, no text (the name stays its
 *   accessible name and tooltip).
 *
 * A node keeps its size and its handles at every level, so edges stay attached and the
 * layout does not move. Below `full`, live edges keep their colour and a width rounded to
 * what the zoom can show, without labels or flowing dashes (edges/RoutedEdge.tsx). Components select the level, not the zoom, so zooming re-renders
 * nodes only when a threshold is crossed.
 */
import { useStore } from '@xyflow/react'
import type { ReactFlowState } from '@xyflow/react'

export type NodeDetail = 'full' | 'name' | 'shape'

export const READABLE_ZOOM = 0.5
/** The smallest zoom the canvas allows: a node is ~10 px wide; the minimap shows more. */
export const MIN_ZOOM = 0.05
export const NAME_ZOOM = 0.25

export function computeNodeDetail(zoom: number): NodeDetail {
  return zoom >= READABLE_ZOOM ? 'full' : zoom >= NAME_ZOOM ? 'name' : 'shape'
}

const selectDetail = (s: ReactFlowState): NodeDetail => computeNodeDetail(s.transform[2])

/** The level of detail at React Flow's current zoom (inside a ReactFlow provider). */
export function useNodeDetail(): NodeDetail {
  return useStore(selectDetail)
}
