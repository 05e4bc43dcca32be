import { describe, expect, it } from 'vitest'
import { Rng } from '../../kernel/rng'
import { createTpsBudget } from '../linkerd/tpsBudget'
import { getMeshProfile, resolveClusterPolicy } from '../../model/profiles'
import { resolveScenario } from '../../model/resolve'
import type { Destination, MeshProfile, Scenario } from '../../model/types'
import { balancerPickStage, endOnHost, pickMember, startOnHost } from './balancerPick'
import { ClusterState } from './clusterState'
import { ADMIT, admit, canRetry, createLimits, holdRetry, promotePending, release, releaseRetry } from './connectionPool'
import { compileFault, sampleAbort, sampleDelayUs } from './faultInjection'
import { sidecarStages, stages } from './index'
import { createDetector, recordOutcome, tickDetector } from './outlierBookkeeping'
import { RETRY, compileRetry, decideRetry, isRetriable, recordSuccess } from './retryDecision'
import { matchRoute } from './routeMatch'
import { REASON } from './types'
import type { RuleRt } from './types'
import { effectivePerTryTimeoutUs } from './perTryTimeout'
import { pickAvailableCluster, pickCluster, setSplit } from './weightedSplit'

/** A clock the tests move by hand, µs. */
const clock = { nowUs: 0 }

/** A cluster state with `hosts` members, as a sidecar of the given mesh would build it. */
function makeClusterState(hosts: number, dest: Partial<Destination> = {}, mesh: MeshProfile = 'istio', http1 = true) {
  const events: string[] = []
  const policy = resolveClusterPolicy({ service: 'back', ...dest }, undefined, getMeshProfile(mesh))
  const members = Array.from({ length: hosts }, (_, i) => ({ replica: 100 + i, key: `back-${i}`, zone: 'a', inEds: true }))
  const cs = new ClusterState(0, 0, 0, 'back', members, policy, http1, new Rng(1, 'test'), () => clock.nowUs, {
    onBreaker: (_cs, open) => events.push(open ? 'open' : 'close'),
    onEjection: (_cs, member, ejected) => events.push(`${ejected ? 'eject' : 'uneject'} ${member}`),
    onPanic: (_cs, panic) => events.push(panic ? 'panic' : 'calm'),
  })
  balancerPickStage.createPicker(cs)
  cs.rm = createLimits(policy.connectionPool)
  createDetector(cs)
  return { cs, events }
}

describe('stage registry', () => {
  it('lists every stage once, in pipeline order', () => {
    expect(sidecarStages.map((s) => s.kind)).toEqual([
      'route_match', 'weighted_split', 'connection_pool', 'balancer_pick', 'per_try_timeout', 'retry_decision', 'outlier_bookkeeping', 'fault_injection',
    ])
    expect(stages.balancer_pick.pickMember).toBe(pickMember)
  })
})

describe('route match', () => {
  const s: Scenario = {
    formatVersion: 1, name: 't', mesh: 'istio', duration: 1000,
    services: [{ name: 'a', versions: [{ name: 'v1' }, { name: 'v2' }] }],
    routes: [{ service: 'a', rules: [
      { match: [{ headers: { 'X-User': { exact: 'jason' } } }], split: [{ version: 'v2', weight: 100 }] },
      { match: [{ path: { prefix: '/api/' }, method: 'POST' }, { path: { regex: '/v[0-9]+/items' } }], split: [{ version: 'v1', weight: 100 }] },
    ] }],
  }
  const rules = resolveScenario(s).routes.a!
  it('takes the first rule whose match accepts the request; no rule → -1', () => {
    expect(matchRoute(rules, { path: '/', method: 'GET', headers: { 'x-user': 'jason' } })).toBe(0)
    expect(matchRoute(rules, { path: '/api/x', method: 'post', headers: {} })).toBe(1)
    expect(matchRoute(rules, { path: '/api/x', method: 'GET', headers: {} })).toBe(-1)
    expect(matchRoute(rules, { path: '/v12/items', method: 'GET', headers: {} })).toBe(1)
    expect(matchRoute(rules, { path: '/v12/items/3', method: 'GET', headers: {} })).toBe(-1) // regex matches whole paths
    expect(matchRoute(resolveScenario({ ...s, routes: [] }).routes.a!, { path: '/', method: 'GET', headers: {} })).toBe(0)
  })
})

describe('weighted split', () => {
  it('splits by weight (100 000 picks, 5σ) and never picks a weight-0 cluster', () => {
    const rule = { splitClusters: new Int32Array(0), splitCumulative: new Float64Array(0), splitTotal: 0 } as RuleRt
    setSplit(rule, [7, 8, 9], [90, 0, 10])
    const rng = new Rng(4, 'split')
    const n = new Map<number, number>()
    for (let i = 0; i < 100_000; i++) {
      const c = pickCluster(rule, rng)
      n.set(c, (n.get(c) ?? 0) + 1)
    }
    expect(n.has(8)).toBe(false)
    expect(Math.abs((n.get(9) ?? 0) - 10_000)).toBeLessThan(500) // σ = 95
    setSplit(rule, [1], [0])
    expect(pickCluster(rule, rng)).toBe(-1)
  })

  it("Linkerd's RandomAvailable resamples without backends that are not ready", () => {
    const rule = { splitClusters: new Int32Array(0), splitCumulative: new Float64Array(0), splitTotal: 0 } as RuleRt
    setSplit(rule, [7, 8, 9], [60, 30, 10])
    const rng = new Rng(5, 'split')
    const n = new Map<number, number>()
    for (let i = 0; i < 10_000; i++) {
      const c = pickAvailableCluster(rule, rng, (id) => id !== 7)
      n.set(c, (n.get(c) ?? 0) + 1)
    }
    // Without 7 the others keep their 30 : 10 ratio: 75 % / 25 %, σ ≈ 43.
    expect(n.has(7)).toBe(false)
    expect(Math.abs((n.get(8) ?? 0) - 7500)).toBeLessThan(220)
    expect(pickAvailableCluster(rule, rng, () => false)).toBe(-1)
  })
})

describe('per-try timeout', () => {
  it('Envoy ignores one at or above a non-zero route timeout', () => {
    const rt = compileRetry({ ...getMeshProfile('istio').defaultRetries!, perTryTimeoutMs: 1000 })
    expect(effectivePerTryTimeoutUs(rt, 0)).toBe(1_000_000)
    expect(effectivePerTryTimeoutUs(rt, 2_000_000)).toBe(1_000_000)
    expect(effectivePerTryTimeoutUs(rt, 1_000_000)).toBe(0)
    expect(effectivePerTryTimeoutUs(rt, 500_000)).toBe(0)
    expect(effectivePerTryTimeoutUs(null, 500_000)).toBe(0)
  })
})

describe('connection-pool admission', () => {
  it('HTTP/1.1: connections, then pending, then overflow; a freed connection goes to the oldest pending', () => {
    const { cs, events } = makeClusterState(2, { connectionPool: { maxConnections: 2, maxPendingRequests: 1 } })
    expect([admit(cs), admit(cs), admit(cs), admit(cs)]).toEqual([ADMIT.send, ADMIT.send, ADMIT.pending, ADMIT.overflow])
    expect(events).toEqual(['open'])
    expect(release(cs)).toBe(true)
    promotePending(cs)
    expect(cs.rm!.pendingRequests.count()).toBe(0)
    expect(cs.rm!.connections.count()).toBe(2)
    expect(release(cs)).toBe(false)
    expect(events).toEqual(['open', 'close'])
  })

  it('HTTP/2: only max_requests limits; retries are capped by max_retries', () => {
    const { cs } = makeClusterState(1, { connectionPool: { maxConnections: 1, maxRequests: 2, maxRetries: 1 } }, 'istio', false)
    expect([admit(cs), admit(cs), admit(cs)]).toEqual([ADMIT.send, ADMIT.send, ADMIT.overflow])
    expect(canRetry(cs)).toBe(true)
    holdRetry(cs)
    expect(canRetry(cs)).toBe(false)
    releaseRetry(cs)
    expect(canRetry(cs)).toBe(true)
  })

  it('Linkerd has no limits', () => {
    const { cs } = makeClusterState(1, {}, 'linkerd')
    for (let i = 0; i < 5000; i++) expect(admit(cs)).toBe(ADMIT.send)
  })
})

describe('balancer pick', () => {
  it('previous_hosts: a retry re-picks up to 6 times to avoid hosts already tried', () => {
    const { cs } = makeClusterState(3, { loadBalancer: { kind: 'random' } })
    const tried = { prevHosts: Int32Array.of(1, 2, 0, 0), prevCount: 2 }
    const fresh = Array.from({ length: 2000 }, () => pickMember(cs, undefined, tried, 5)).filter((m) => m === 0).length
    // Only if all 6 random picks hit a tried host is one returned: (2/3)^6 = 8.8 %; σ ≈ 13.
    expect(Math.abs(fresh - 2000 * (1 - (2 / 3) ** 6))).toBeLessThan(65)
    const once = Array.from({ length: 2000 }, () => pickMember(cs, undefined, tried, 0)).filter((m) => m === 0).length
    expect(Math.abs(once - 2000 / 3)).toBeLessThan(110) // without selection retries: 1/3, σ ≈ 21
  })

  it('least_request tracks active requests through startOnHost / endOnHost', () => {
    const { cs } = makeClusterState(2)
    startOnHost(cs, 0)
    startOnHost(cs, 0)
    const none = { prevHosts: new Int32Array(4), prevCount: 0 }
    const picks = Array.from({ length: 200 }, () => pickMember(cs, undefined, none, 0))
    // P2C with replacement picks the busy host only when both draws hit it: 1/4.
    expect(picks.filter((m) => m === 0).length).toBeLessThan(80)
    endOnHost(cs, 0, 0, 1)
    expect(cs.hosts[0]!.active).toBe(1)
  })

  it('no endpoint in the endpoint set → -1 (no healthy upstream)', () => {
    const { cs } = makeClusterState(2)
    cs.setInEds(0, false, 0)
    cs.setInEds(1, false, 0)
    expect(pickMember(cs, undefined, { prevHosts: new Int32Array(4), prevCount: 0 }, 0)).toBe(-1)
  })

  it('Linkerd P2C prefers the endpoint with the lower peak-EWMA cost and skips open breakers', () => {
    const { cs } = makeClusterState(2, { failureAccrual: { maxFailures: 2 } }, 'linkerd')
    clock.nowUs = 0
    for (let i = 0; i < 5; i++) startOnHost(cs, 1)
    const none = { prevHosts: new Int32Array(4), prevCount: 0 }
    expect(pickMember(cs, undefined, none, 0)).toBe(0)
    recordOutcome(cs, 0, REASON.response, 500, 0)
    recordOutcome(cs, 0, REASON.response, 500, 0)
    expect(pickMember(cs, undefined, none, 0)).toBe(1)
  })
})

describe('retry decision', () => {
  const rt = compileRetry({ ...getMeshProfile('istio').defaultRetries!, attempts: 2 })!
  it('matches Envoy retry_on semantics', () => {
    expect(isRetriable(rt, REASON.response, 503, false)).toBe(true) // retriable-status-codes [503]
    expect(isRetriable(rt, REASON.response, 500, false)).toBe(false)
    expect(isRetriable(rt, REASON.connect_failure, 503, false)).toBe(true)
    expect(isRetriable(rt, REASON.per_try_timeout, 504, false)).toBe(false) // Istio's default has no 5xx / reset
    expect(isRetriable(rt, REASON.overflow, 503, false)).toBe(false)
    expect(isRetriable(rt, REASON.response, 500, true)).toBe(false)
    const five = compileRetry({ ...getMeshProfile('istio').defaultRetries!, retryOn: ['5xx'], retriableStatusCodes: [] })!
    expect(isRetriable(five, REASON.per_try_timeout, 504, false)).toBe(true)
    expect(isRetriable(five, REASON.response, 404, false)).toBe(false)
    const grpc = compileRetry({ ...getMeshProfile('istio').defaultRetries!, retryOn: ['unavailable'], retriableStatusCodes: [] })!
    expect(isRetriable(grpc, REASON.response, 503, true)).toBe(true)
    expect(isRetriable(grpc, REASON.response, 503, false)).toBe(false)
  })

  it('decides in Envoy order: attempts left, then the retry budget (budget_exhausted)', () => {
    const { cs } = makeClusterState(1, { connectionPool: { maxRetries: 1 } })
    const req = { retriesLeft: 2, retryHeld: false }
    expect(decideRetry(rt, cs, req, REASON.response, 503, false, 0)).toBe(RETRY.retry)
    expect(req).toEqual({ retriesLeft: 1, retryHeld: true })
    expect(decideRetry(rt, cs, { retriesLeft: 1, retryHeld: false }, REASON.response, 503, false, 0)).toBe(RETRY.budget_exhausted)
    expect(decideRetry(rt, cs, { retriesLeft: 0, retryHeld: false }, REASON.response, 503, false, 0)).toBe(RETRY.stop)
    expect(decideRetry(rt, cs, { retriesLeft: 2, retryHeld: false }, REASON.response, 500, false, 0)).toBe(RETRY.stop)
  })
})

describe('retry decision: Linkerd', () => {
  const base = { ...getMeshProfile('istio').defaultRetries!, retryOn: ['5xx' as const], retriableStatusCodes: [], backoffBaseMs: 0, previousHosts: false }
  it('HTTPRoute: statuses and per-try timeouts, up to the limit, no budget; never errors', () => {
    const rt = compileRetry({ ...base, mode: 'linkerd_route', attempts: 1 })!
    const { cs } = makeClusterState(1, {}, 'linkerd')
    expect(isRetriable(rt, REASON.per_try_timeout, 504, false)).toBe(true)
    expect(isRetriable(rt, REASON.connect_failure, 503, false)).toBe(false)
    expect(isRetriable(rt, REASON.reset, 503, false)).toBe(false)
    expect(decideRetry(rt, cs, { retriesLeft: 1, retryHeld: false }, REASON.response, 500, false, 0)).toBe(RETRY.retry)
    expect(decideRetry(rt, cs, { retriesLeft: 0, retryHeld: false }, REASON.response, 500, false, 0)).toBe(RETRY.stop)
  })

  it('ServiceProfile: every 5xx while the TPS budget allows, no attempt cap; other outcomes deposit', () => {
    const rt = compileRetry({ ...base, mode: 'linkerd_profile', retryOn: [], attempts: 1 })!
    const { cs } = makeClusterState(1, {}, 'linkerd')
    cs.tps = createTpsBudget({ retryRatio: 1, minPerSecond: 0, ttlMs: 10_000 }) // deposit 1, withdraw 1, no reserve
    expect(decideRetry(rt, cs, { retriesLeft: 0, retryHeld: false }, REASON.response, 500, false, 0)).toBe(RETRY.budget_exhausted)
    expect(decideRetry(rt, cs, { retriesLeft: 0, retryHeld: false }, REASON.connect_failure, 503, false, 0)).toBe(RETRY.stop) // deposits
    recordSuccess(rt, cs, 0) // deposits
    expect(decideRetry(rt, cs, { retriesLeft: 0, retryHeld: false }, REASON.response, 502, false, 0)).toBe(RETRY.retry)
    expect(decideRetry(rt, cs, { retriesLeft: 0, retryHeld: false }, REASON.response, 503, false, 0)).toBe(RETRY.retry)
    expect(decideRetry(rt, cs, { retriesLeft: 0, retryHeld: false }, REASON.response, 503, false, 0)).toBe(RETRY.budget_exhausted)
  })
})

describe('outlier bookkeeping', () => {
  it('5 consecutive 5xx eject a host; the balancer stops picking it; a tick after the ejection time brings it back', () => {
    const { cs, events } = makeClusterState(4, { loadBalancer: { kind: 'round_robin' }, outlierDetection: { consecutive5xxErrors: 5, interval: 1000, baseEjectionTime: 2000, maxEjectionPercent: 50 } })
    for (let i = 0; i < 5; i++) recordOutcome(cs, 2, REASON.response, 503, 0)
    expect(events).toEqual(['eject 2'])
    const none = { prevHosts: new Int32Array(4), prevCount: 0 }
    const picks = new Set(Array.from({ length: 40 }, () => pickMember(cs, undefined, none, 0)))
    expect(picks.has(2)).toBe(false)
    tickDetector(cs, 1000)
    expect(events).toHaveLength(1)
    tickDetector(cs, 2000)
    expect(events).toEqual(['eject 2', 'uneject 2'])
    recordOutcome(cs, 1, REASON.overflow, 503, 2000) // overflow is never fed to the detector
  })

  it('reports panic routing when ejections leave fewer healthy hosts than the threshold', () => {
    // Envoy's 50 %: ejecting 1 of 2 leaves 50 % (no panic; 140 % × 1/2 = 70 % availability), both → panic.
    const { cs, events } = makeClusterState(2, { outlierDetection: { consecutive5xxErrors: 1, maxEjectionPercent: 100 } }, 'envoy')
    const none = { prevHosts: new Int32Array(4), prevCount: 0 }
    recordOutcome(cs, 0, REASON.response, 503, 0)
    pickMember(cs, undefined, none, 0)
    expect(events).toEqual(['eject 0'])
    recordOutcome(cs, 1, REASON.response, 503, 0)
    expect(pickMember(cs, undefined, none, 0)).toBeGreaterThanOrEqual(0) // panic: ejected hosts are picked
    expect(events).toEqual(['eject 0', 'eject 1', 'panic'])
    expect(cs.inPanic).toBe(true)
  })
})

describe('fault injection', () => {
  it('samples delays and aborts with their percentages', () => {
    const f = compileFault({ delay: { percent: 50, fixed: 7 }, abort: { percent: 10, httpStatus: 418 } })!
    const rng = new Rng(8, 'fault')
    let delayed = 0
    let aborted = 0
    for (let i = 0; i < 20_000; i++) {
      const d = sampleDelayUs(f, rng)
      if (d > 0) {
        expect(d).toBe(7000)
        delayed++
      }
      if (sampleAbort(f, rng) === 418) aborted++
    }
    expect(Math.abs(delayed - 10_000)).toBeLessThan(360) // σ = 71
    expect(Math.abs(aborted - 2000)).toBeLessThan(215) // σ = 42
    expect(compileFault(undefined)).toBeNull()
  })
})
