import { describe, expect, it } from 'vitest'
import { ISTIO_UNLIMITED } from './profiles'
import { resolveScenario } from './resolve'
import type { Scenario } from './types'

function scenario(mesh: Scenario['mesh'], extra: Partial<Scenario> = {}): Scenario {
  return {
    formatVersion: 1, name: 't', mesh, duration: 10_000,
    services: [
      { name: 'front', versions: [{ name: 'v1' }], calls: [{ to: 'back' }] },
      { name: 'back', versions: [{ name: 'v1', replicas: 3 }, { name: 'v2', zones: ['b'] }] },
    ],
    ...extra,
  }
}

describe('resolveScenario: model defaults', () => {
  it('fills versions, calls, network, seed and sources', () => {
    const r = resolveScenario(scenario('istio', { traffic: [{ name: 'u', to: 'front', load: { kind: 'poisson', rate: 5 } }] }))
    expect(r.seed).toBe(1)
    expect(r.network).toEqual({ sameZoneMs: 0.2, crossZoneMs: 1, sidecarMs: 0.1 })
    expect(r.services[0]!.versions[0]).toMatchObject({ replicas: 1, concurrency: 16, queue: 128, errorRate: 0, errorStatus: 500, zones: ['default'] })
    expect(r.services[0]!.versions[0]!.calls[0]).toEqual({ to: 'back', probability: 100, required: true, path: '/', method: 'GET', headers: {} })
    expect(r.services[1]!.versions[1]!.zones).toEqual(['b'])
    expect(r.sources[0]).toMatchObject({ from: 'ingress', zone: null, startMs: 0, stopMs: 10_000 })
    expect(resolveScenario(scenario('istio'), { seed: 9, durationMs: 500 })).toMatchObject({ seed: 9, durationMs: 500 })
  })
})

describe('resolveScenario: mesh profiles', () => {
  it('istio: least_request, no timeout, the default retry policy, unlimited breakers', () => {
    const r = resolveScenario(scenario('istio'))
    const back = r.clusters.back!.all
    expect(back.loadBalancer).toEqual({ kind: 'least_request' })
    expect(back.connectionPool).toEqual({ maxConnections: ISTIO_UNLIMITED, maxPendingRequests: ISTIO_UNLIMITED, maxRequests: ISTIO_UNLIMITED, maxRetries: ISTIO_UNLIMITED })
    expect(back.connectTimeoutMs).toBe(10_000)
    expect(back.outlierDetection).toBeNull()
    expect(back.healthyPanicThreshold).toBe(50)
    const rule = r.routes.back![0]!
    expect(rule.timeoutMs).toBe(0)
    expect(rule.retries).toMatchObject({ attempts: 2, retriableStatusCodes: [503], previousHosts: true, hostSelectionRetryMaxAttempts: 5 })
    expect(rule.retries!.retryOn).toEqual(['connect-failure', 'refused-stream', 'unavailable', 'cancelled', 'retriable-status-codes'])
  })

  it('istio: outlier detection turns success-rate ejection and panic mode off; subsets override', () => {
    const r = resolveScenario(scenario('istio', {
      destinations: [{
        service: 'back', outlierDetection: { consecutive5xxErrors: 3, consecutiveGatewayErrors: 2, interval: 5000 },
        connectionPool: { maxConnections: 8, maxRetries: 0 },
        versions: [{ name: 'v2', loadBalancer: { kind: 'random' } }],
      }],
    }))
    const all = r.clusters.back!.all
    expect(all.outlierDetection).toEqual({ enforcingSuccessRate: 0, consecutive5xx: 3, enforcingConsecutive5xx: 100, consecutiveGatewayFailure: 2, enforcingConsecutiveGatewayFailure: 100, intervalMs: 5000 })
    expect(all.healthyPanicThreshold).toBe(0)
    expect(all.connectionPool).toMatchObject({ maxConnections: 8, maxRetries: ISTIO_UNLIMITED })
    expect(r.clusters.back!.versions.v2!.loadBalancer).toEqual({ kind: 'random' })
    expect(r.clusters.back!.versions.v1!.loadBalancer).toEqual({ kind: 'least_request' })
  })

  it('istio: retryOn replaces the default list; codes add retriable-status-codes; attempts 0 turns retries off', () => {
    const route = (retries: NonNullable<Scenario['routes']>[number]['rules'][number]['retries']) =>
      resolveScenario(scenario('istio', { routes: [{ service: 'back', rules: [{ split: [{ version: 'v1', weight: 100 }], retries }] }] })).routes.back![0]!.retries
    expect(route({ attempts: 3, retryOn: ['5xx'], retriableStatusCodes: [409] })).toMatchObject({ attempts: 3, retryOn: ['5xx', 'retriable-status-codes'], retriableStatusCodes: [409] })
    expect(route({ attempts: 1, backoff: { base: 10 } })).toMatchObject({ backoffBaseMs: 10, backoffMaxMs: 100, retriableStatusCodes: [503] })
    expect(route({ attempts: 0 })).toBeNull()
  })

  it('envoy: round robin, 15 s route timeout, no retries, 1024/1024/1024/3', () => {
    const r = resolveScenario(scenario('envoy'))
    expect(r.clusters.back!.all.loadBalancer).toEqual({ kind: 'round_robin' })
    expect(r.clusters.back!.all.connectionPool).toEqual({ maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, maxRetries: 3 })
    expect(r.routes.back![0]).toMatchObject({ timeoutMs: 15_000, retries: null })
  })

  it('linkerd: P2C over peak-EWMA, no pool limits, a TPS budget only with a ServiceProfile, accrual only when configured', () => {
    const plain = resolveScenario(scenario('linkerd')).clusters.back!.all
    expect(plain).toMatchObject({ loadBalancer: { kind: 'p2c_ewma', defaultRtt: 30, decay: 10_000 }, connectionPool: null, outlierDetection: null, failureAccrual: null })
    // Without a retryBudget the service is exported as an HTTPRoute: its retries have no budget.
    expect(plain.retryBudget).toBeNull()
    const r = resolveScenario(scenario('linkerd', {
      destinations: [{ service: 'back', loadBalancer: { kind: 'round_robin' }, failureAccrual: { maxFailures: 3 }, retryBudget: { retryRatio: 0.5, minRetriesPerSecond: 1, ttl: 5000 } }],
    })).clusters.back!.all
    expect(r.loadBalancer.kind).toBe('p2c_ewma')
    expect(r.failureAccrual).toEqual({ maxFailures: 3, minPenaltyMs: 1000, maxPenaltyMs: 60_000, jitterRatio: 0.5 })
    expect(r.retryBudget).toEqual({ retryRatio: 0.5, minPerSecond: 1, ttlMs: 5000 })
  })

  it('linkerd: HTTPRoute retries (attempts cap, per-try timeout) vs ServiceProfile retries (budget, no per-try timeout)', () => {
    const rules = [{ split: [{ version: 'v1', weight: 100 }], retries: { attempts: 2, perTryTimeout: 300 } }]
    const route = resolveScenario(scenario('linkerd', { routes: [{ service: 'back', rules }] })).routes.back![0]!.retries
    expect(route).toMatchObject({ mode: 'linkerd_route', attempts: 2, perTryTimeoutMs: 300, retryOn: ['5xx'] })
    const profile = resolveScenario(scenario('linkerd', {
      routes: [{ service: 'back', rules }],
      destinations: [{ service: 'back', retryBudget: { retryRatio: 0.2, minRetriesPerSecond: 10, ttl: 10_000 } }],
    })).routes.back![0]!.retries
    expect(profile).toMatchObject({ mode: 'linkerd_profile', perTryTimeoutMs: 0 })
  })
})

describe('resolveScenario: previous_hosts with consistent hashing', () => {
  const hashed = (mesh: Scenario['mesh'], extra: Partial<Scenario> = {}) => resolveScenario(scenario(mesh, {
    destinations: [{ service: 'back', loadBalancer: { kind: 'ring_hash', hashOn: { header: 'x-user' } } }], ...extra,
  }))
  it('istio drops previous_hosts from its default policy for a single hashed destination, keeps it for a split', () => {
    expect(hashed('istio').routes.back![0]!.retries).toMatchObject({ previousHosts: false, attempts: 2 })
    const split = [{ version: 'v1', weight: 50 }, { version: 'v2', weight: 50 }]
    expect(hashed('istio', { routes: [{ service: 'back', rules: [{ split }] }] }).routes.back![0]!.retries!.previousHosts).toBe(true)
    const explicit = { routes: [{ service: 'back', rules: [{ split: [split[0]!], retries: { attempts: 1, retryIgnorePreviousHosts: true } }] }] }
    expect(hashed('istio', explicit).routes.back![0]!.retries!.previousHosts).toBe(true)
  })
  it('envoy never writes previous_hosts with a hash policy (as the Envoy export)', () => {
    const explicit = { routes: [{ service: 'back', rules: [{ split: [{ version: 'v1', weight: 100 }], retries: { attempts: 1, retryIgnorePreviousHosts: true } }] }] }
    expect(hashed('envoy', explicit).routes.back![0]!.retries!.previousHosts).toBe(false)
  })
  it('istio copies maxEjectionPercent only when it is > 0', () => {
    const od = (maxEjectionPercent: number) => resolveScenario(scenario('istio', {
      destinations: [{ service: 'back', outlierDetection: { maxEjectionPercent } }],
    })).clusters.back!.all.outlierDetection
    expect(od(0)).not.toHaveProperty('maxEjectionPercent')
    expect(od(30)).toMatchObject({ maxEjectionPercent: 30 })
  })
})
