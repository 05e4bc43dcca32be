/**
 * Mesh behaviour, end to end: each sidecar stage seen from the results of a small run
 * (front → back). Each run is a few simulated seconds to a minute; all well under 1 s.
 */
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../engine/index'
import { runScenario, twoTier } from '../support/runScenario'

const run = (s: Scenario) => runScenario(s).summary
const edge = (r: ReturnType<typeof run>, from: string, to: string) => r.edges.find((e) => e.from === from && e.to === to)!
const ruleFor = (extra: object) => ({ split: [{ version: 'v1', weight: 100 }], ...extra })

describe('connection-pool limits (circuit breakers)', () => {
  it('overflow fails fast with 503, is never retried, opens the breaker and names the root cause', () => {
    const s = twoTier({ rps: 400, backServiceTime: { kind: 'constant', value: 20 } })
    s.destinations = [{ service: 'back', connectionPool: { maxConnections: 4, maxPendingRequests: 2 } }]
    const r = run(s)
    const e = edge(r, 'front', 'back')
    expect(e.fates.overflow).toBeGreaterThan(1000)
    expect(e.retries).toBe(0)
    expect(r.breakers.opened).toBeGreaterThan(0)
    expect(r.breakers.intervals[0]).toMatchObject({ sidecar: 'front-v1-0', cluster: 'back' })
    // front answers 503 (the callee's status); the ingress retries 503 (Istio's default
    // policy), and the user request's fate is the root cause: overflow.
    expect(r.fates.overflow).toBeGreaterThan(0)
    expect(edge(r, 'ingress', 'front').retries).toBeGreaterThan(0)
    // 4 connections at 20 ms serve at most 200 rps of the 400 offered.
    expect(r.services.back!.throughputRps).toBeLessThan(205)
  })
})

describe('outlier detection', () => {
  const destinations: Scenario['destinations'] = [{
    service: 'back', loadBalancer: { kind: 'round_robin' },
    outlierDetection: { consecutive5xxErrors: 5, interval: 1000, baseEjectionTime: 60_000, maxEjectionPercent: 50 },
  }]
  const versions = [{ name: 'v1', replicas: 3 }, { name: 'v2', replicas: 1, errorRate: 100, errorStatus: 503 }]

  it('max_ejection_percent: the only host of a subset cluster is never ejected at 50 %', () => {
    const s = twoTier({ rps: 300, backVersions: versions })
    s.destinations = destinations
    s.routes = [{ service: 'back', rules: [{ split: [{ version: 'v1', weight: 50 }, { version: 'v2', weight: 50 }], retries: { attempts: 0 } }] }]
    const r = run(s)
    // 100 · (0 + 1) / 1 host = 100 % > 50 %: the attempt overflows (ejections_overflow).
    expect(r.ejections.ejected).toBe(0)
    expect(edge(r, 'front', 'back').fates.error).toBeGreaterThan(2000)
  })

  it('ejects the failing endpoint and the balancer routes around it', () => {
    const whole = twoTier({ rps: 300, backVersions: versions })
    whole.destinations = destinations
    const w = run(whole)
    expect(w.ejections.ejected).toBe(1)
    expect(w.ejections.intervals[0]).toMatchObject({ sidecar: 'front-v1-0', cluster: 'back', host: 'back-v2-0' })
    // Before the ejection round robin sent it 1 request in 4; afterwards none.
    expect(edge(w, 'front', 'back').fates.success + edge(w, 'front', 'back').fates.success_after_retry).toBeGreaterThan(8900)
    expect(w.services.back!.failed).toBeLessThan(20)
  })
})

describe('timeouts and retries', () => {
  it('a route timeout ends the request with 504 (fate timeout)', () => {
    const s = twoTier({ rps: 50, backServiceTime: { kind: 'constant', value: 300 } })
    s.routes = [{ service: 'back', rules: [ruleFor({ timeout: 200 })] }]
    const r = run(s)
    const e = edge(r, 'front', 'back')
    expect(e.succeeded).toBe(0)
    expect(e.fates.timeout).toBe(e.failed)
    expect(e.failed).toBeGreaterThan(e.requests - 20) // all but those still in flight at the end
    expect(e.latencyMs.max).toBeCloseTo(200, 0)
    expect(r.fates.timeout).toBeGreaterThan(1000)
  })

  it('per-try timeouts are retried on 5xx; the last one is the fate; the route timeout caps them all', () => {
    const s = twoTier({ rps: 50, backServiceTime: { kind: 'constant', value: 300 } })
    s.routes = [{ service: 'back', rules: [ruleFor({ timeout: 1000, retries: { attempts: 2, perTryTimeout: 100, retryOn: ['5xx'] } })] }]
    const r = run(s)
    const e = edge(r, 'front', 'back')
    expect(e.fates.per_try_timeout).toBe(e.failed)
    expect(e.failed).toBeGreaterThan(e.requests - 40) // ~18 requests are in flight at any time
    expect(e.attempts).toBeGreaterThan(3 * e.requests - 60)
    expect(e.attempts).toBeLessThanOrEqual(3 * e.requests)
    expect(e.latencyMs.max).toBeLessThan(400) // 3 × 100 ms plus back-off
    // abandoned tries keep the upstream busy: the back service saw every try
    expect(r.services.back!.requests).toBeGreaterThanOrEqual(e.attempts - 3)
  })

  it('retries beyond max_retries are refused (fate budget_exhausted)', () => {
    const s = twoTier({ mesh: 'envoy', rps: 500, backVersions: [{ name: 'v1', replicas: 2, errorRate: 60, errorStatus: 503, serviceTime: { kind: 'constant', value: 40 } }] })
    s.routes = [{ service: 'back', rules: [ruleFor({ retries: { attempts: 3, retryOn: ['5xx'] } })] }]
    const r = run(s)
    const e = edge(r, 'front', 'back')
    expect(e.fates.budget_exhausted).toBeGreaterThan(100)
    expect(e.fates.success_after_retry).toBeGreaterThan(100)
  })
})

describe('fault injection, authorization, mirroring', () => {
  it('aborts and delays the configured share of requests before the router', () => {
    const s = twoTier({ rps: 200, backServiceTime: { kind: 'constant', value: 1 } })
    s.routes = [{ service: 'back', rules: [ruleFor({ fault: { abort: { percent: 10, httpStatus: 500 }, delay: { percent: 50, fixed: 100 } } })] }]
    const r = run(s)
    const e = edge(r, 'front', 'back')
    expect(Math.abs(e.fates.fault_abort / e.requests - 0.1)).toBeLessThan(0.015) // σ ≈ 0.0017
    expect(Math.abs(r.services.back!.requests - (e.requests - e.fates.fault_abort))).toBeLessThan(40) // delayed at the end
    expect(e.latencyMs.mean).toBeGreaterThan(45) // ~50 ms added on average
    expect(e.retries).toBe(0) // a fault abort is a local reply, never retried
  })

  it('authorization policies deny with 403 (fate denied_by_policy), not retried', () => {
    const s = twoTier({ rps: 100 })
    s.security = { authorization: [{ service: 'back', action: 'ALLOW', from: ['someone-else'] }] }
    const r = run(s)
    expect(edge(r, 'front', 'back').fates.denied_by_policy).toBe(edge(r, 'front', 'back').requests)
    expect(r.fates.denied_by_policy).toBe(r.requests)
    expect(r.services.back!.failed).toBe(r.services.back!.requests)
  })

  it('mirroring sends a fire-and-forget copy to another version', () => {
    const s = twoTier({ rps: 100, backVersions: [{ name: 'v1', replicas: 1 }, { name: 'v2', replicas: 1 }] })
    s.routes = [{ service: 'back', rules: [ruleFor({ mirror: { version: 'v2', percent: 100 } })] }]
    const r = run(s)
    expect(r.services.back!.requests).toBe(2 * edge(r, 'front', 'back').requests)
    expect(edge(r, 'front', 'back').attempts).toBe(edge(r, 'front', 'back').requests)
  })
})

describe('Linkerd', () => {
  it('failure accrual takes a failing endpoint out of P2C', () => {
    const base = (): Scenario => {
      const s = twoTier({ mesh: 'linkerd', rps: 200, backVersions: [{ name: 'v1', replicas: 2 }, { name: 'bad', replicas: 1, errorRate: 100 }] })
      return s
    }
    const without = run(base())
    const withAccrual = base()
    withAccrual.destinations = [{ service: 'back', failureAccrual: { maxFailures: 3, minPenalty: 5000, maxPenalty: 60_000 } }]
    const r = run(withAccrual)
    expect(without.services.back!.failed).toBeGreaterThan(500)
    expect(r.services.back!.failed).toBeLessThan(without.services.back!.failed / 5)
  })
})
