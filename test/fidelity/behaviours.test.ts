/**
 * The behaviours users fight with, each a bundled scenario: the run's numbers show the real
 * behaviour, and the insight that explains it is there (and not where it does not apply).
 * Also the outlier-ejection teaching scenario, whose comments state these numbers.
 * Each scenario runs once, at its own duration and seed (well under a second each).
 */
import { describe, expect, it } from 'vitest'
import type { RunResult } from '../../engine/index'
import { runScenario } from '../support/runScenario'
import { edge } from './fixtures'

const results = new Map<string, RunResult>()
function result(name: string): RunResult {
  let r = results.get(name)
  if (!r) results.set(name, (r = runScenario(name).summary))
  return r
}
const codes = (r: RunResult, subject: string) => r.insights.filter((i) => i.title.startsWith(`${subject}:`)).map((i) => i.code)

describe('per-try-timeout (istio#21137): a per-try timeout at or above the route timeout', () => {
  it('member never retries: a third of its requests end at the 1 s route timeout', () => {
    const e = edge(result('per-try-timeout'), 'ingress', 'member')
    expect(e.retries).toBe(0)
    expect(e.fates.per_try_timeout).toBe(0)
    expect(e.fates.timeout).toBe(e.failed)
    // Round robin sends replica 0 (≈ 2.4 s a request) every third first try.
    expect(Math.abs(e.fates.timeout / e.requests - 1 / 3)).toBeLessThan(0.03)
    expect(e.latencyMs.max).toBeCloseTo(1000, -1)
  })

  it('member-fixed retries each slow try after 250 ms on another replica, and nearly all succeed', () => {
    const e = edge(result('per-try-timeout'), 'ingress', 'member-fixed')
    expect(e.retries / e.requests).toBeGreaterThan(0.3)
    expect(e.failed).toBeLessThan(e.requests * 0.002)
    expect(e.latencyMs.p99).toBeLessThan(300)
  })

  it('explains it: RETRY_001 on member, at its perTryTimeout, nothing on member-fixed', () => {
    const r = result('per-try-timeout')
    expect(codes(r, 'member')).toEqual(['RETRY_001'])
    expect(r.insights.find((i) => i.code === 'RETRY_001')!.path).toBe('routes[0].rules[0].retries.perTryTimeout')
    expect(codes(r, 'member-fixed')).toEqual([])
  })
})

describe('gateway-errors (istio#8846): plain 500s never trip consecutiveGatewayErrors', () => {
  it("billing's 500s are never even detected; ledger's 503s eject its bad replica", () => {
    const r = result('gateway-errors')
    expect(r.clusters.billing).toMatchObject({ ejectionsDetected: 0, ejections: 0 })
    expect(r.clusters.ledger!.ejections).toBeGreaterThanOrEqual(2) // each checkout sidecar ejects it
    // A quarter of billing's calls fail for 60 of the 95 measured seconds: ≈ 15.8 %.
    const billing = edge(r, 'checkout', 'billing')
    expect(Math.abs(billing.failed / billing.requests - 0.25 * 60 / 95)).toBeLessThan(0.02)
    expect(edge(r, 'checkout', 'ledger').failed).toBe(0) // 503s are retried and the replica ejected
  })

  it('explains it: OUTLIER_001 on billing only', () => {
    const r = result('gateway-errors')
    expect(codes(r, 'billing')).toContain('OUTLIER_001')
    expect(codes(r, 'ledger')).not.toContain('OUTLIER_001')
  })
})

describe('small-cluster-ejection (envoy#3263): max_ejection_percent with 3 hosts', () => {
  it('cart (10 %) ejects nothing — every detection overflows — while wishlist (34 %) ejects', () => {
    const r = result('small-cluster-ejection')
    expect(r.clusters.cart!.ejections).toBe(0)
    expect(r.clusters.cart!.ejectionsOverflow).toBeGreaterThan(100)
    const cart = edge(r, 'ingress', 'cart')
    expect(Math.abs(cart.failed / cart.requests - (1 / 3) * 60 / 95)).toBeLessThan(0.02)
    expect(r.clusters.wishlist!.ejections).toBe(2)
    expect(edge(r, 'ingress', 'wishlist').failed).toBe(10) // 5 consecutive 500s before each ejection
  })

  it('explains it: OUTLIER_002 on cart only', () => {
    const r = result('small-cluster-ejection')
    expect(codes(r, 'cart')).toEqual(['OUTLIER_002'])
    expect(codes(r, 'wishlist')).toEqual([])
  })
})

describe('panic-routing (envoy#2671): every host ejected', () => {
  it('pricing (threshold 50 %) balances over its ejected replicas: failures only during the 10 s push', () => {
    const r = result('panic-routing')
    const pricing = edge(r, 'shop', 'pricing')
    expect(r.clusters.pricing!.panicSeconds).toBeGreaterThan(2 * 35) // 2 sidecars, ~20 s to 60 s
    expect(pricing.fates.no_healthy_upstream).toBe(0)
    expect(pricing.fates.error).toBe(pricing.failed)
  })

  it('inventory (Istio minHealthPercent 0) fails with no healthy upstream until the 60 s tick', () => {
    const r = result('panic-routing')
    const inventory = edge(r, 'shop', 'inventory')
    expect(r.clusters.inventory!.panicSeconds).toBe(0)
    expect(inventory.fates.no_healthy_upstream).toBeGreaterThan(0.9 * inventory.failed)
    for (const i of r.ejections.intervals.filter((x) => x.cluster === 'inventory')) expect(i.endSeconds).toBe(60)
  })

  it('explains it: OUTLIER_003 on inventory, OUTLIER_004 on pricing', () => {
    const r = result('panic-routing')
    expect(codes(r, 'inventory')).toEqual(['OUTLIER_003'])
    expect(codes(r, 'pricing')).toEqual(['OUTLIER_004'])
    expect(r.insights[0]!.code).toBe('OUTLIER_003') // an error: the run shows the 503s
  })
})

describe('outlier-ejection: what its comments say', () => {
  it('ejects replica 3 per web sidecar at ~20 s, 40 s and 75 s, for 15 s, 30 s, 45 s rounded up to the 5 s tick', () => {
    const r = result('outlier-ejection')
    const ends = r.ejections.intervals.map((i) => [Math.floor(i.startSeconds), i.endSeconds])
    expect(ends).toEqual([[20, 40], [20, 40], [40, 75], [40, 75], [75, null], [75, null]])
  })

  it('each return costs about 10 timeouts, ~30 in all; the 99.9 % SLO still fails at ~21 s', () => {
    const r = result('outlier-ejection')
    const e = edge(r, 'web', 'inventory')
    expect(e.fates.timeout).toBeGreaterThan(20)
    expect(e.fates.timeout).toBeLessThan(40)
    const slo = r.slos.find((s) => s.name === 'web 99.9% success')!
    expect(slo.ok).toBe(false)
    expect(slo.firstViolationSeconds).toBe(21)
    expect(r.insights.map((i) => i.code)).toContain('RETRY_001')
  })
})
