/**
 * Every insight analyser on a small scenario that makes it fire, and on a neighbour that
 * must not. Static checks run without a run (metrics null); the ones whose severity or
 * evidence depends on the run's numbers run the scenario.
 */
import { describe, expect, it } from 'vitest'
import { resolveScenario } from '../model/resolve'
import type { Scenario } from '../model/types'
import { runScenario } from '../sim/run'
import { breakerReachAnalyser } from './breakerReach'
import { ejectionLimitAnalyser } from './ejectionLimit'
import { gatewayErrorsAnalyser } from './gatewayErrors'
import { panicRoutingAnalyser } from './panicRouting'
import { perTryTimeoutAnalyser } from './perTryTimeout'
import { retryAmplificationAnalyser } from './retryAmplification'
import { singlePointOfFailureAnalyser } from './singlePointOfFailure'
import { timeoutInversionAnalyser } from './timeoutInversion'
import type { Insight, InsightAnalyser } from './types'

type Dest = NonNullable<Scenario['destinations']>[number]
type Rule = NonNullable<Scenario['routes']>[number]['rules'][number]

/** ingress → front (16 workers) → back (`replicas` replicas of v1). */
function topo(o: { mesh?: Scenario['mesh']; replicas?: number; back?: Partial<Scenario['services'][number]['versions'][number]>; extra?: Partial<Scenario> } = {}): Scenario {
  return {
    formatVersion: 1, name: 't', mesh: o.mesh ?? 'istio', duration: 20_000,
    services: [
      { name: 'front', versions: [{ name: 'v1', replicas: 2, concurrency: 16, serviceTime: { kind: 'constant', value: 1 } }], calls: [{ to: 'back' }] },
      { name: 'back', versions: [{ name: 'v1', replicas: o.replicas ?? 3, serviceTime: { kind: 'constant', value: 2 }, ...o.back }] },
    ],
    traffic: [{ name: 'users', to: 'front', load: { kind: 'poisson', rate: 50 } }],
    ...o.extra,
  }
}
const backRoute = (r: Partial<Rule>): Partial<Scenario> => ({ routes: [{ service: 'back', rules: [{ split: [{ version: 'v1', weight: 100 }], ...r }] }] })
const backDest = (d: Partial<Dest>, extra: Partial<Scenario> = {}): Partial<Scenario> => ({ destinations: [{ service: 'back', ...d }], ...extra })

function check(a: InsightAnalyser, s: Scenario, withRun = false): Insight[] {
  return a.analyse({ scenario: s, resolved: resolveScenario(s), metrics: withRun ? runScenario(s) : null })
}

describe('per_try_timeout', () => {
  it('RETRY_001: a per-try timeout at or above the route timeout', () => {
    const found = check(perTryTimeoutAnalyser, topo({ extra: backRoute({ timeout: 1000, retries: { attempts: 2, perTryTimeout: 1000, retryOn: ['5xx'] } }) }))
    expect(found).toMatchObject([{ code: 'RETRY_001', severity: 'warning', path: 'routes[0].rules[0].retries.perTryTimeout' }])
    expect(check(perTryTimeoutAnalyser, topo({ extra: backRoute({ timeout: 1000, retries: { attempts: 2, perTryTimeout: 300, retryOn: ['5xx'] } }) }))).toEqual([])
  })

  it('RETRY_001 without a per-try timeout only when the run shows route timeouts', () => {
    const slow = topo({ back: { serviceTime: { kind: 'constant', value: 300 } }, extra: backRoute({ timeout: 100 }) })
    expect(check(perTryTimeoutAnalyser, slow, true).map((i) => i.code)).toEqual(['RETRY_001'])
    expect(check(perTryTimeoutAnalyser, topo({ extra: backRoute({ timeout: 100 }) }), true)).toEqual([])
  })

  it("RETRY_002: per-try timeouts under Istio's default retryOn", () => {
    const found = check(perTryTimeoutAnalyser, topo({ extra: backRoute({ retries: { attempts: 2, perTryTimeout: 100 } }) }))
    expect(found.map((i) => i.code)).toEqual(['RETRY_002'])
    expect(check(perTryTimeoutAnalyser, topo({ extra: backRoute({ retries: { attempts: 2, perTryTimeout: 100, retryOn: ['gateway-error'] } }) }))).toEqual([])
  })
})

describe('gateway_errors', () => {
  const od = { consecutiveGatewayErrors: 3, consecutive5xxErrors: 0 }
  it('OUTLIER_001: 500s with only the gateway detector on', () => {
    const found = check(gatewayErrorsAnalyser, topo({ back: { errorRate: 5, errorStatus: 500 }, extra: backDest({ outlierDetection: od }) }))
    expect(found).toMatchObject([{ code: 'OUTLIER_001', path: 'destinations[0].outlierDetection.consecutiveGatewayErrors' }])
  })
  it('not for 503s, nor with the 5xx detector left at its default', () => {
    expect(check(gatewayErrorsAnalyser, topo({ back: { errorRate: 5, errorStatus: 503 }, extra: backDest({ outlierDetection: od }) }))).toEqual([])
    expect(check(gatewayErrorsAnalyser, topo({ back: { errorRate: 5, errorStatus: 500 }, extra: backDest({ outlierDetection: { consecutiveGatewayErrors: 3 } }) }))).toEqual([])
  })
})

describe('ejection_limit', () => {
  it('OUTLIER_002: 3 hosts under the default 10 %; not at 34 %', () => {
    expect(check(ejectionLimitAnalyser, topo({ extra: backDest({ outlierDetection: { consecutive5xxErrors: 5 } }) }))).toMatchObject([{ code: 'OUTLIER_002', path: 'destinations[0].outlierDetection' }])
    expect(check(ejectionLimitAnalyser, topo({ extra: backDest({ outlierDetection: { maxEjectionPercent: 34 } }) }))).toEqual([])
  })
  it('OUTLIER_005: every detector off (Istio: 5xx off, gateway not enforced, success rate off)', () => {
    expect(check(ejectionLimitAnalyser, topo({ extra: backDest({ outlierDetection: { consecutive5xxErrors: 0, maxEjectionPercent: 50 } }) })).map((i) => i.code)).toEqual(['OUTLIER_005'])
    expect(check(ejectionLimitAnalyser, topo({ extra: backDest({ outlierDetection: { consecutive5xxErrors: 0, consecutiveGatewayErrors: 3, maxEjectionPercent: 50 } }) }))).toEqual([])
  })
})

describe('panic_routing', () => {
  const all = { consecutive5xxErrors: 5, maxEjectionPercent: 100 }
  it('OUTLIER_003: every host ejectable with Istio\'s threshold 0; OUTLIER_004 with minHealthPercent 50', () => {
    expect(check(panicRoutingAnalyser, topo({ replicas: 2, extra: backDest({ outlierDetection: all }) })).map((i) => i.code)).toEqual(['OUTLIER_003'])
    expect(check(panicRoutingAnalyser, topo({ replicas: 2, extra: backDest({ outlierDetection: { ...all, minHealthPercent: 50 } }) })).map((i) => i.code)).toEqual(['OUTLIER_004'])
    expect(check(panicRoutingAnalyser, topo({ mesh: 'envoy', replicas: 2, extra: backDest({ outlierDetection: all }) })).map((i) => i.code)).toEqual(['OUTLIER_004'])
  })
  it('not when at most half can go (Envoy: 50 % healthy is not below 50 %)', () => {
    expect(check(panicRoutingAnalyser, topo({ mesh: 'envoy', replicas: 2, extra: backDest({ outlierDetection: { maxEjectionPercent: 50 } }) }))).toEqual([])
  })
})

describe('retry_amplification', () => {
  it('RETRY_003: two hops of 3 retries each: 4 × 4 = 16 tries at back', () => {
    const s = topo({ extra: { routes: [
      { service: 'front', rules: [{ split: [{ version: 'v1', weight: 100 }], retries: { attempts: 3 } }] },
      { service: 'back', rules: [{ split: [{ version: 'v1', weight: 100 }], retries: { attempts: 3 } }] },
    ] } })
    expect(check(retryAmplificationAnalyser, s)).toMatchObject([{ code: 'RETRY_003', title: expect.stringContaining('16×') }])
  })
  it('not without retries', () => {
    expect(check(retryAmplificationAnalyser, topo({ mesh: 'envoy' }))).toEqual([])
  })
})

describe('timeout_inversion', () => {
  const inner = { service: 'back', rules: [{ split: [{ version: 'v1', weight: 100 }], retries: { attempts: 2, perTryTimeout: 300, retryOn: ['5xx' as const] } }] }
  const outer = (timeout: number) => ({ service: 'front', rules: [{ split: [{ version: 'v1', weight: 100 }], timeout }] })
  it('TIMEOUT_001: the ingress gives front 500 ms, front → back can take 3 × 300 ms + back-off', () => {
    expect(check(timeoutInversionAnalyser, topo({ extra: { routes: [outer(500), inner] } }))).toMatchObject([{ code: 'TIMEOUT_001', path: 'routes[0].rules[0].timeout' }])
    expect(check(timeoutInversionAnalyser, topo({ extra: { routes: [outer(2000), inner] } }))).toEqual([])
  })
  it('TIMEOUT_002: 400 ms tries under a 1 s route timeout fit 3 of 4', () => {
    const route = (attempts: number) => backRoute({ timeout: 1000, retries: { attempts, perTryTimeout: 400, retryOn: ['5xx'] } })
    expect(check(timeoutInversionAnalyser, topo({ extra: route(3) }))).toMatchObject([{ code: 'TIMEOUT_002', title: expect.stringContaining('3 of 4') }])
    expect(check(timeoutInversionAnalyser, topo({ extra: route(1) }))).toEqual([])
  })
})

describe('breaker_reach', () => {
  it('BREAKER_001: limits above what 16 workers per caller replica can hold', () => {
    const found = check(breakerReachAnalyser, topo({ extra: backDest({ connectionPool: { maxConnections: 100, maxPendingRequests: 10 } }) }), true)
    expect(found).toMatchObject([{ code: 'BREAKER_001', path: 'destinations[0].connectionPool' }])
    expect(found[0]!.evidence).toEqual(['back: breaker opened 0 times in this run'])
  })
  it('not when a caller can exceed them, nor with open-loop traffic straight to the service', () => {
    expect(check(breakerReachAnalyser, topo({ extra: backDest({ connectionPool: { maxConnections: 8, maxPendingRequests: 4 } }) }))).toEqual([])
    const direct = topo({ extra: backDest({ connectionPool: { maxConnections: 100 } }, { traffic: [{ name: 'u', to: 'back', load: { kind: 'poisson', rate: 5 } }] }) })
    expect(check(breakerReachAnalyser, direct)).toEqual([])
  })
})

describe('single_point_of_failure', () => {
  it('SPOF_001: one replica on the required path', () => {
    expect(check(singlePointOfFailureAnalyser, topo({ replicas: 1 }))).toMatchObject([{ code: 'SPOF_001', severity: 'warning', path: 'services[1].versions[0].replicas' }])
  })
  it('not with two replicas, nor behind an optional call', () => {
    expect(check(singlePointOfFailureAnalyser, topo({ replicas: 2 }))).toEqual([])
    const optional = topo({ replicas: 1 })
    optional.services[0]!.calls = [{ to: 'back', required: false }]
    expect(check(singlePointOfFailureAnalyser, optional)).toEqual([])
  })
})
