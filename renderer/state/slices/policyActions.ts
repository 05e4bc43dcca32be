/**
 * Policy actions: routes (splits, retries, timeouts, rules), destination policy (balancer,
 * connection pool, outlier detection) and the fault timeline. Verbs over ../edits.
 */
import type { StateCreator } from 'zustand'
import type { Destination, FaultEvent, LoadBalancer, RouteRule } from '../../../engine/index'
import { setConnectionPool, setLbPolicy, setOutlierDetection, updateDestination } from '../edits/destinations'
import { addFault, moveFault, removeFault, updateFault } from '../edits/faults'
import { addRoute, addRule, removeRoute, removeRule, setRetries, setRouteTimeout, setSplit, updateRule } from '../edits/routes'
import type { SplitWeight } from '../edits/routes'
import type { TopologyState } from '../topologyStore'
import { createApplyEdit } from './commit'

type Retries = NonNullable<RouteRule['retries']>

export interface PolicyActions {
  readonly addRoute: (service: string) => boolean
  readonly removeRoute: (service: string) => boolean
  readonly addRule: (service: string, prefix?: string) => boolean
  readonly removeRule: (service: string, index: number) => boolean
  readonly updateRule: (service: string, index: number, patch: Partial<RouteRule>) => boolean
  readonly setSplit: (service: string, index: number, split: readonly SplitWeight[]) => boolean
  readonly setRetries: (service: string, index: number, retries: Retries | undefined) => boolean
  readonly setRouteTimeout: (service: string, index: number, timeoutMs: number | undefined) => boolean
  readonly setLbPolicy: (service: string, loadBalancer: LoadBalancer | undefined) => boolean
  readonly setConnectionPool: (service: string, pool: Destination['connectionPool']) => boolean
  readonly setOutlierDetection: (service: string, od: Destination['outlierDetection']) => boolean
  readonly updateDestination: (service: string, patch: Partial<Omit<Destination, 'service'>>) => boolean
  /** Adds a fault to the timeline and selects it. */
  readonly addFault: (fault: FaultEvent) => boolean
  readonly moveFault: (index: number, atMs: number, forMs?: number) => boolean
  readonly updateFault: (index: number, fault: FaultEvent) => boolean
  readonly removeFault: (index: number) => boolean
}

export const createPolicyActions: StateCreator<TopologyState, [], [], PolicyActions> = (set, get) => {
  const apply = createApplyEdit(set, get)
  return {
    addRoute: (service) => apply('Add route', (s) => addRoute(s, service)),
    removeRoute: (service) => apply('Remove route', (s) => removeRoute(s, service)),
    addRule: (service, prefix) => apply('Add rule', (s) => addRule(s, service, prefix)),
    removeRule: (service, index) => apply('Remove rule', (s) => removeRule(s, service, index)),
    updateRule: (service, index, patch) => apply('Edit rule', (s) => updateRule(s, service, index, (r) => ({ ...r, ...patch }))),
    setSplit: (service, index, split) => apply('Set split', (s) => setSplit(s, service, index, split)),
    setRetries: (service, index, retries) => apply('Set retries', (s) => setRetries(s, service, index, retries)),
    setRouteTimeout: (service, index, timeoutMs) => apply('Set timeout', (s) => setRouteTimeout(s, service, index, timeoutMs)),
    setLbPolicy: (service, lb) => apply('Set balancer', (s) => setLbPolicy(s, service, lb)),
    setConnectionPool: (service, pool) => apply('Set connection pool', (s) => setConnectionPool(s, service, pool)),
    setOutlierDetection: (service, od) => apply('Set outlier detection', (s) => setOutlierDetection(s, service, od)),
    updateDestination: (service, patch) => apply('Edit destination policy', (s) => updateDestination(s, service, patch)),
    addFault: (fault) => {
      let index = -1
      return apply('Add fault', (s) => {
        const added = addFault(s, fault)
        index = added.index
        return added.scenario
      }, () => ({ selection: { nodes: [], edges: [], fault: index } }))
    },
    moveFault: (index, atMs, forMs) => apply('Move fault', (s) => moveFault(s, index, atMs, forMs)),
    updateFault: (index, fault) => apply('Edit fault', (s) => updateFault(s, index, fault)),
    removeFault: (index) => apply('Remove fault', (s) => removeFault(s, index)),
  }
}
