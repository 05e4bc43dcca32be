/**
 * Topology actions: services, versions, calls, traffic sources, the clipboard and layout.
 * Each is a verb that hands a pure edit (../edits) to `apply`; none holds model logic.
 */
import type { StateCreator } from 'zustand'
import type { Call, Service, TrafficSource, Version } from '../../../engine/index'
import { addCall, explainConnectRefusal, removeCall, setVersionCalls, updateCall } from '../edits/calls'
import { computeAutoLayout } from '../edits/layout'
import {
  addService, addVersion, computeNewServiceName, moveServices, pasteServices, removeServices, removeVersion, renameService,
  renameVersion, updateService, updateVersion,
} from '../edits/services'
import type { Point } from '../edits/services'
import { addTrafficSource, removeTrafficSources, updateTrafficSource } from '../edits/traffic'
import { getCallEnds, getSelectedServices, getSourceName } from '../selection'
import type { TopologyState } from '../topologyStore'
import { createApplyEdit } from './commit'
import { GRID_PX } from './viewSlice'

export interface ModelActions {
  /** Adds a new service at `position` and selects it; returns its name ('' when refused). */
  readonly addService: (position?: Point, base?: string) => string
  readonly renameService: (from: string, to: string) => boolean
  readonly updateService: (name: string, patch: Partial<Omit<Service, 'name' | 'versions'>>) => boolean
  readonly moveServices: (positions: ReadonlyMap<string, Point>) => boolean
  readonly addVersion: (service: string) => boolean
  readonly removeVersion: (service: string, version: string) => boolean
  readonly renameVersion: (service: string, from: string, to: string) => boolean
  readonly updateVersion: (service: string, version: string, patch: Partial<Omit<Version, 'name'>>) => boolean
  /** Adds "`from` calls `to`"; refused (with a notice) for self-calls and duplicates. */
  readonly connect: (from: string, to: string) => boolean
  readonly removeCall: (from: string, to: string) => boolean
  readonly updateCall: (from: string, to: string, patch: Partial<Omit<Call, 'to'>>) => boolean
  /** Sets a version's own call list, or with undefined makes it use the service's calls again. */
  readonly setVersionCalls: (service: string, version: string, calls: readonly Call[] | undefined) => boolean
  readonly addTrafficSource: (to: string) => boolean
  readonly updateTrafficSource: (name: string, patch: Partial<TrafficSource>) => boolean
  /** Deletes the selected services, traffic sources and calls. */
  readonly removeSelection: () => boolean
  readonly copySelection: () => number
  readonly cutSelection: () => boolean
  /** Pastes the copied services, shifted by `offset`, and selects the copies. */
  readonly paste: (offset?: Point) => boolean
  /** Moves every service to dagre's layered layout. */
  readonly layoutServices: () => boolean
}

/** Pasted copies sit down and right of the originals, clear of their headers. */
const PASTE_OFFSET: Point = { x: 60, y: 120 }

export const createModelActions: StateCreator<TopologyState, [], [], ModelActions> = (set, get) => {
  const apply = createApplyEdit(set, get)
  const selectNodes = (names: readonly string[]) => ({ selection: { nodes: names.map((n) => `service:${n}`), edges: [], fault: undefined } })
  return {
    addService: (position, base) => {
      const s = get().document.scenario
      if (!s) return ''
      const name = computeNewServiceName(s, base)
      return apply('Add service', (x) => addService(x, name, position), () => selectNodes([name])) ? name : ''
    },
    renameService: (from, to) => apply('Rename service', (s) => renameService(s, from, to), () => {
      const { selection } = get()
      return { selection: { ...selection, nodes: selection.nodes.map((id) => (id === `service:${from}` ? `service:${to}` : id)) } }
    }),
    updateService: (name, patch) => apply('Edit service', (s) => updateService(s, name, patch)),
    moveServices: (positions) => apply(positions.size === 1 ? 'Move service' : 'Move services', (s) => moveServices(s, positions)),
    addVersion: (service) => apply('Add version', (s) => addVersion(s, service)),
    removeVersion: (service, version) => apply('Remove version', (s) => removeVersion(s, service, version)),
    renameVersion: (service, from, to) => apply('Rename version', (s) => renameVersion(s, service, from, to)),
    updateVersion: (service, version, patch) => apply('Edit version', (s) => updateVersion(s, service, version, patch)),
    connect: (from, to) => {
      const s = get().document.scenario
      const refusal = s ? explainConnectRefusal(s, from, to) : 'nothing is open'
      if (refusal) {
        get().setNotice(`Not connected: ${refusal}.`)
        return false
      }
      const done = apply('Add call', (x) => addCall(x, from, to), () => ({ selection: { nodes: [], edges: [`call:${from}->${to}`], fault: undefined } }))
      if (done) get().setNotice(`${from} now calls ${to}.`)
      return done
    },
    removeCall: (from, to) => apply('Remove call', (s) => removeCall(s, from, to)),
    updateCall: (from, to, patch) => apply('Edit call', (s) => updateCall(s, from, to, patch)),
    setVersionCalls: (service, version, calls) => apply(calls ? 'Edit version calls' : 'Use the service\'s calls', (s) => setVersionCalls(s, service, version, calls)),
    addTrafficSource: (to) => {
      let name = ''
      return apply('Add traffic source', (s) => {
        const added = addTrafficSource(s, to)
        name = added.name
        return added.scenario
      }, () => ({ selection: { nodes: [`traffic:${name}`], edges: [], fault: undefined } }))
    },
    updateTrafficSource: (name, patch) => apply('Edit traffic source', (s) => updateTrafficSource(s, name, patch)),
    removeSelection: () => {
      const { selection } = get()
      const services = getSelectedServices(selection)
      const sources = selection.nodes.flatMap((id) => getSourceName(id) ?? [])
      const calls = selection.edges.flatMap((id) => getCallEnds(id) ?? [])
      const count = services.length + sources.length + calls.length
      if (count === 0) return false
      return apply(count === 1 ? 'Delete' : `Delete ${count} items`, (s) => {
        let next = calls.reduce((acc, c) => removeCall(acc, c.from, c.to), s)
        next = removeTrafficSources(next, sources)
        return removeServices(next, services)
      })
    },
    copySelection: () => {
      const { selection, document: doc, view } = get()
      const names = new Set(getSelectedServices(selection))
      const copied = doc.scenario?.services.filter((x) => names.has(x.name)) ?? []
      if (copied.length) set({ view: { ...view, clipboard: copied, notice: `Copied ${copied.length} service${copied.length === 1 ? '' : 's'}.` } })
      return copied.length
    },
    cutSelection: () => get().copySelection() > 0 && get().removeSelection(),
    paste: (offset = PASTE_OFFSET) => {
      const { clipboard } = get().view
      if (clipboard.length === 0) return false
      let names: string[] = []
      return apply('Paste', (s) => {
        const pasted = pasteServices(s, clipboard, offset)
        names = pasted.names
        return pasted.scenario
      }, () => selectNodes(names))
    },
    layoutServices: () => apply('Auto layout', (s) => moveServices(s, computeAutoLayout(s, GRID_PX))),
  }
}
