/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
// Vite's ?raw import, as the app bundles scenarios: renderer code, tests too, imports no Node.
import bookinfoText from '../../scenarios/bookinfo.scenario.yaml?raw'
import { parseScenario } from '../../engine/index'
import type { Scenario } from '../../engine/index'
import {
  callEdgeId, computeDefaultSplit, computeFlowGraph, selectCallCount, selectFlowGraph, selectServiceCount, serviceNodeId,
  sourceNodeId, trafficEdgeId,
} from './selectors'
import type { CallEdgeData, FlowNode } from './selectors'
import { EMPTY_DOCUMENT, createTopologyStore } from './topologyStore'

function parse(text: string): Scenario {
  const scenario = parseScenario(text).scenario
  if (!scenario) throw new Error('fixture does not parse')
  return scenario
}

const tiny = (services: string, traffic = '') => parse(`formatVersion: 1
name: tiny
mesh: istio
duration: 10s
services:
${services}
${traffic}`)

describe('computeFlowGraph', () => {
  const graph = computeFlowGraph(parse(bookinfoText))

  it('draws one node per service and per traffic source', () => {
    expect(graph.nodes.map((n) => n.id)).toEqual([
      serviceNodeId('productpage'), serviceNodeId('details'), serviceNodeId('reviews'), serviceNodeId('ratings'), sourceNodeId('browsers'),
    ])
  })

  it('merges the calls of every version into one edge per service pair', () => {
    expect(graph.edges.map((e) => e.id)).toEqual([
      callEdgeId('productpage', 'details'), callEdgeId('productpage', 'reviews'), callEdgeId('reviews', 'ratings'),
      trafficEdgeId('browsers', 'productpage'),
    ])
    const ratings = graph.edges.find((e) => e.id === callEdgeId('reviews', 'ratings'))!
    expect(ratings.data).toMatchObject({ callerVersions: ['v2', 'v3'], allVersions: false } satisfies Partial<CallEdgeData>)
    expect(ratings.label).toBe('v2, v3')
    const details = graph.edges.find((e) => e.id === callEdgeId('productpage', 'details'))!
    expect(details.label).toBeUndefined()
  })

  it('leaves out calls to unknown services and self-calls (the diagnostics report them)', () => {
    const g = computeFlowGraph(tiny(`  - name: a
    versions: [{name: v1}]
    calls: [{to: ghost}, {to: a}, {to: b}]
  - name: b
    versions: [{name: v1}]`))
    expect(g.edges.map((e) => e.id)).toEqual([callEdgeId('a', 'b')])
  })
})

describe('selectFlowGraph', () => {
  it('returns the same graph while the scenario is unchanged, a new one after it changes', () => {
    const store = createTopologyStore({ text: bookinfoText, file: 'bookinfo.scenario.yaml' })
    const first = selectFlowGraph(store.getState())
    expect(selectFlowGraph(store.getState())).toBe(first)
    expect(selectServiceCount(store.getState())).toBe(4)
    expect(selectCallCount(store.getState())).toBe(3)
    store.getState().openScenario(bookinfoText, 'again.scenario.yaml')
    expect(selectFlowGraph(store.getState())).not.toBe(first)
  })

  it('lays Bookinfo out left to right without overlaps', () => {
    const { nodes } = selectFlowGraph(createTopologyStore({ text: bookinfoText, file: 'b.yaml' }).getState())
    const at = (id: string) => nodes.find((n) => n.id === id)!
    const x = (name: string) => at(serviceNodeId(name)).position.x
    expect(at(sourceNodeId('browsers')).position.x).toBeLessThan(x('productpage'))
    expect(x('productpage')).toBeLessThan(x('reviews'))
    expect(x('reviews')).toBeLessThan(x('ratings'))
    for (const [i, a] of nodes.entries()) for (const b of nodes.slice(i + 1)) expect(overlaps(a, b), `${a.id} / ${b.id}`).toBe(false)
  })

  it('keeps a position written in the file and puts its traffic source beside it', () => {
    const scenario = tiny(`  - name: a
    position: {x: 500, y: 300}
    versions: [{name: v1}]`, `traffic:
  - {name: users, to: a, load: {kind: poisson, rate: 10rps}}`)
    const { nodes } = selectFlowGraph(createTopologyStore({ document: { ...EMPTY_DOCUMENT, file: 'x', scenario, isTextValid: true } }).getState())
    const a = nodes.find((n) => n.id === serviceNodeId('a'))!
    const users = nodes.find((n) => n.id === sourceNodeId('users'))!
    expect(a.position).toEqual({ x: 500, y: 300 })
    expect(users.position.x + users.width!).toBeLessThan(500)
  })
})

describe('computeDefaultSplit', () => {
  it("reads the weights of the route's catch-all rule", () => {
    const route = parse(bookinfoText).routes![0]
    expect(computeDefaultSplit(route)).toEqual(new Map([['v1', 90], ['v3', 10]]))
    expect(computeDefaultSplit(undefined)).toBeUndefined()
  })
})

function overlaps(a: FlowNode, b: FlowNode): boolean {
  return a.position.x < b.position.x + b.width! && b.position.x < a.position.x + a.width!
    && a.position.y < b.position.y + b.height! && b.position.y < a.position.y + a.height!
}
