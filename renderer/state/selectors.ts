/**
 * Selectors: React Flow nodes and edges DERIVED from the scenario, never stored. One node per
 * service, one per traffic source; one edge per calling → called service pair (every
 * version's calls merged) and one from each traffic source into its target.
 *
 * Derivations are memoised by the identity of the scenario object (a WeakMap), so the same
 * document always yields the same arrays, across any number of stores.
 */
import { MarkerType } from '@xyflow/react'
import type { Edge, EdgeMarker, Node } from '@xyflow/react'
import type { Route, Scenario, Service, TrafficSource } from '../../engine/index'
import { computeLayout } from '../canvas/layout'
import { computeServiceNodeSize, computeSourceNodeSize } from '../canvas/nodeSize'
import { describeLoad } from '../canvas/trafficText'
import type { TopologyState } from './topologyStore'

export type ServiceFlowNode = Node<{ serviceName: string }, 'service'>
export type SourceFlowNode = Node<{ sourceName: string }, 'source'>
export type FlowNode = ServiceFlowNode | SourceFlowNode

/** Data every edge may carry: the route the layout chose (flow coordinates), when it chose one. */
export interface RoutedEdgeData extends Record<string, unknown> {
  readonly points?: readonly { readonly x: number; readonly y: number }[]
  /** The engine's name of this edge in run telemetry (`caller->service`, `ingress->service`). */
  readonly liveKey?: string
}

/** Data of a call edge: which versions of the caller make the call (all of them when `allVersions`). */
export interface CallEdgeData extends RoutedEdgeData {
  readonly callerVersions: readonly string[]
  readonly allVersions: boolean
}

export type FlowEdge = Edge<RoutedEdgeData, 'routed'>

export interface FlowGraph {
  readonly nodes: readonly FlowNode[]
  readonly edges: readonly FlowEdge[]
}

export const serviceNodeId = (name: string): string => `service:${name}`
export const sourceNodeId = (name: string): string => `traffic:${name}`
export const callEdgeId = (from: string, to: string): string => `call:${from}->${to}`
export const trafficEdgeId = (source: string, to: string): string => `traffic:${source}->${to}`

/** Arrowheads, coloured like their edges' strokes in styles.css. */
// In user space, so an edge drawn thicker during a run keeps a normal-sized arrowhead.
const CALL_ARROW: EdgeMarker = { type: MarkerType.ArrowClosed, width: 22, height: 22, color: '#64748b', markerUnits: 'userSpaceOnUse' }
const TRAFFIC_ARROW: EdgeMarker = { type: MarkerType.ArrowClosed, width: 22, height: 22, color: '#2563eb', markerUnits: 'userSpaceOnUse' }

/** CSS classes of the two kinds of edge (styles.css). */
const CALL_EDGE_CLASS = 'edge-call'
const TRAFFIC_EDGE_CLASS = 'edge-traffic'

const EMPTY_GRAPH: FlowGraph = { nodes: [], edges: [] }
const graphs = new WeakMap<Scenario, FlowGraph>()

/** The laid-out React Flow graph of the open document (stable while the scenario is). */
export function selectFlowGraph(state: TopologyState): FlowGraph {
  const scenario = state.document.scenario
  if (!scenario) return EMPTY_GRAPH
  let graph = graphs.get(scenario)
  if (!graph) {
    const placedByUser = scenario.services.filter((s) => s.position).map((s) => serviceNodeId(s.name))
    graph = computeLayout(computeFlowGraph(scenario), new Set(placedByUser))
    graphs.set(scenario, graph)
  }
  return graph
}

/** How many services the canvas draws. */
export function selectServiceCount(state: TopologyState): number {
  return selectFlowGraph(state).nodes.filter((n) => n.type === 'service').length
}

/** How many traffic sources the canvas draws. */
export function selectSourceCount(state: TopologyState): number {
  return selectFlowGraph(state).nodes.filter((n) => n.type === 'source').length
}

/** How many service-to-service call edges the canvas draws. */
export function selectCallCount(state: TopologyState): number {
  return selectFlowGraph(state).edges.filter((e) => e.className === CALL_EDGE_CLASS).length
}

/** The service named `name`, or undefined (a stable reference into the scenario). */
export function selectService(name: string): (state: TopologyState) => Service | undefined {
  return (state) => state.document.scenario?.services.find((s) => s.name === name)
}

/** The traffic source named `name`, or undefined. */
export function selectTrafficSource(name: string): (state: TopologyState) => TrafficSource | undefined {
  return (state) => state.document.scenario?.traffic?.find((t) => t.name === name)
}

/** The route of service `name`, or undefined. */
export function selectRoute(name: string): (state: TopologyState) => Route | undefined {
  return (state) => state.document.scenario?.routes?.find((r) => r.service === name)
}

/** Nodes and edges of a scenario, before layout (positions are the file's, or 0,0). */
export function computeFlowGraph(scenario: Scenario): FlowGraph {
  const services = new Map<string, Service>()
  for (const s of scenario.services) if (!services.has(s.name)) services.set(s.name, s)

  const nodes: FlowNode[] = []
  for (const s of services.values()) {
    nodes.push({
      id: serviceNodeId(s.name),
      type: 'service',
      position: s.position ?? { x: 0, y: 0 },
      data: { serviceName: s.name },
      ...computeServiceNodeSize(s),
      ariaLabel: `Service ${s.name}`,
    })
  }
  const edges: FlowEdge[] = [...computeCallEdges(services)]

  const seenSources = new Set<string>()
  for (const t of scenario.traffic ?? []) {
    if (seenSources.has(t.name) || !services.has(t.to)) continue
    seenSources.add(t.name)
    nodes.push({
      id: sourceNodeId(t.name),
      type: 'source',
      position: { x: 0, y: 0 },
      data: { sourceName: t.name },
      ...computeSourceNodeSize(t, describeLoad(t.load)),
      ariaLabel: `Traffic source ${t.name}`,
    })
    edges.push({
      id: trafficEdgeId(t.name, t.to),
      source: sourceNodeId(t.name),
      target: serviceNodeId(t.to),
      type: 'routed',
      className: TRAFFIC_EDGE_CLASS,
      data: { liveKey: `${t.from ?? 'ingress'}->${t.to}` },
      animated: true,
      markerEnd: TRAFFIC_ARROW,
      ariaLabel: `Traffic from ${t.name} into ${t.to}`,
    })
  }
  return { nodes, edges }
}

/** One edge per caller → callee pair, merging the calls of every version of the caller. */
function computeCallEdges(services: ReadonlyMap<string, Service>): FlowEdge[] {
  const edges: FlowEdge[] = []
  for (const s of services.values()) {
    const callers = new Map<string, string[]>()
    for (const v of s.versions) {
      for (const call of v.calls ?? s.calls ?? []) {
        // NOTE(model): calls to unknown services and self-calls are errors the diagnostics
        // panel reports; the canvas leaves them out rather than draw a dangling edge.
        if (!services.has(call.to) || call.to === s.name) continue
        const versions = callers.get(call.to) ?? []
        if (!versions.includes(v.name)) versions.push(v.name)
        callers.set(call.to, versions)
      }
    }
    for (const [to, versions] of callers) {
      const allVersions = versions.length === s.versions.length
      const data: CallEdgeData = { callerVersions: versions, allVersions, liveKey: `${s.name}->${to}` }
      edges.push({
        id: callEdgeId(s.name, to),
        source: serviceNodeId(s.name),
        target: serviceNodeId(to),
        type: 'routed',
        className: CALL_EDGE_CLASS,
        data,
        markerEnd: CALL_ARROW,
        label: allVersions ? undefined : versions.join(', '),
        ariaLabel: `Calls from ${s.name}${allVersions ? '' : ` ${versions.join(', ')}`} to ${to}`,
      })
    }
  }
  return edges
}

/**
 * The weight (percent) each version receives under the route's catch-all rule (the first
 * rule without a match), or undefined when no such rule splits the traffic.
 */
export function computeDefaultSplit(route: Route | undefined): ReadonlyMap<string, number> | undefined {
  const rule = route?.rules.find((r) => r.match === undefined)
  if (!rule) return undefined
  return new Map(rule.split.map((s) => [s.version, s.weight]))
}
