/** The shared shell of the edge-proxy exporters: plan the edge, render one file, collect notes. */
import type { Scenario } from '../../model/types'
import type { ExportOptions, ExportResult, OutFile } from '../types'
import { EdgeNotes } from './edgeNotes'
import type { EdgePlan } from './edgePlan'
import { edgeServiceName, planEdge } from './edgePlan'

/** What differs between the HAProxy and nginx exports: their notes' area, file and renderer. */
export interface EdgeTarget {
  readonly area: 'HAPROXY' | 'NGINX'
  readonly path: string
  readonly language: OutFile['language']
  render(scenario: Scenario, plan: EdgePlan, notes: EdgeNotes): string
}

/** Exports one edge-proxy config, or an error diagnostic when the edge service does not exist. */
export function exportEdge(target: EdgeTarget, scenario: Scenario, options: ExportOptions): ExportResult {
  const notes = new EdgeNotes(target.area)
  const plan = planEdge(scenario, options)
  if (!plan) {
    notes.add(1, `no service named '${edgeServiceName(scenario, options)}' to put the edge proxy in front of`, 'services', 'error')
    return { files: [], diagnostics: notes.list() }
  }
  const file: OutFile = { path: target.path, content: target.render(scenario, plan, notes), language: target.language }
  return { files: [file], diagnostics: notes.list() }
}
