/**
 * What is selected, as React Flow ids (`service:<name>`, `traffic:<name>`, `call:<a>-><b>`,
 * `traffic:<source>-><service>`) plus a fault of the timeline by index. Kept as data in the
 * store, so selection survives re-derivation of the graph and tests can drive it.
 */
import type { Scenario } from '../../engine/index'
import { hasCall } from './edits/calls'

export interface Selection {
  readonly nodes: readonly string[]
  readonly edges: readonly string[]
  /** Index into `scenario.faults` of the fault selected on the timeline. */
  readonly fault: number | undefined
}

export const EMPTY_SELECTION: Selection = { nodes: [], edges: [], fault: undefined }

const SERVICE = 'service:'
const SOURCE = 'traffic:'
const CALL = 'call:'

/** The service name of a service node id, else undefined. */
export function getServiceName(nodeId: string): string | undefined {
  return nodeId.startsWith(SERVICE) ? nodeId.slice(SERVICE.length) : undefined
}

/** The traffic source name of a source node id, else undefined. */
export function getSourceName(nodeId: string): string | undefined {
  return nodeId.startsWith(SOURCE) && !nodeId.includes('->') ? nodeId.slice(SOURCE.length) : undefined
}

/** Caller and callee of a call edge id, else undefined. */
export function getCallEnds(edgeId: string): { from: string; to: string } | undefined {
  if (!edgeId.startsWith(CALL)) return undefined
  const [from, to] = edgeId.slice(CALL.length).split('->')
  return from && to ? { from, to } : undefined
}

/** The services selected (by name). */
export function getSelectedServices(selection: Selection): string[] {
  return selection.nodes.flatMap((id) => getServiceName(id) ?? [])
}

/** The selection without ids that no longer exist in `scenario` (after an edit or an undo). */
export function pruneSelection(selection: Selection, scenario: Scenario | undefined): Selection {
  if (!scenario) return EMPTY_SELECTION
  const services = new Set(scenario.services.map((s) => s.name))
  const sources = new Map((scenario.traffic ?? []).map((t) => [t.name, t.to]))
  const nodes = selection.nodes.filter((id) => {
    const svc = getServiceName(id)
    if (svc !== undefined) return services.has(svc)
    const src = getSourceName(id)
    return src !== undefined && sources.has(src)
  })
  const edges = selection.edges.filter((id) => {
    const call = getCallEnds(id)
    if (call) return hasCall(scenario, call.from, call.to)
    const [src, to] = id.slice(SOURCE.length).split('->')
    return src !== undefined && sources.get(src) === to
  })
  const fault = selection.fault !== undefined && scenario.faults?.[selection.fault] ? selection.fault : undefined
  const same = nodes.length === selection.nodes.length && edges.length === selection.edges.length && fault === selection.fault
  return same ? selection : { nodes, edges, fault }
}
