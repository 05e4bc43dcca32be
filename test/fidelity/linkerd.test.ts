/**
 * Fidelity: the `linkerd` profile runs linkerd2-proxy's algorithms (mesh-algorithms.md §14):
 * P2C over peak-EWMA with two distinct draws, ServiceProfile retries bounded by the TPS
 * budget (no attempt cap), HTTPRoute retries bounded by their limit (no budget), and
 * RandomAvailable backend splits.
 */
import { describe, expect, it } from 'vitest'
import { resolveScenario } from '../../engine/index'
import type { Scenario } from '../../engine/index'
import { direct, edge, rule, run } from './fixtures'

const fast = { kind: 'constant' as const, value: 5 }

describe('P2C over peak-EWMA (§14.1)', () => {
  it('uses the 30 ms default RTT and 10 s decay', () => {
    expect(resolveScenario(direct({ mesh: 'linkerd' })).clusters.back!.all.loadBalancer).toEqual({ kind: 'p2c_ewma', defaultRtt: 30, decay: 10_000 })
  })

  it('draws two distinct endpoints: a slow one of two almost never wins', () => {
    // Replica 0 takes 100 ms, replica 1 5 ms. With two distinct draws every pick compares
    // both, and the slow one's peak RTT (100 ms) loses until it decays below the fast one's
    // cost (≈ 10 s × ln 20 ≈ 30 s idle). Draws with replacement (Envoy's P2C) would pick it
    // whenever both draws hit it: (1/2)² = 25 %. Slow share s from the mean: 5 + 95 s ms.
    const s = direct({ mesh: 'linkerd', rps: 200, trafficMs: 30_000, versions: [{ name: 'v1', replicas: 2, concurrency: 256, queue: 10_000, serviceTime: fast }] })
    s.faults = [{ kind: 'slow_replica', at: 0, for: s.duration, service: 'back', replica: 0, factor: 20 }]
    const e = edge(run(s), 'ingress', 'back')
    expect((e.latencyMs.mean - 5) / 95).toBeLessThan(0.01)
  })
})

describe('retries (§14.2, §14.3)', () => {
  // Half the requests fail with 500 (a failure for both ServiceProfile and HTTPRoute).
  const flaky = (extra: Partial<Scenario> = {}, retries?: { attempts: number }) => {
    const s = direct({ mesh: 'linkerd', rps: 200, trafficMs: 60_000, versions: [{ name: 'v1', replicas: 2, concurrency: 256, queue: 10_000, serviceTime: { kind: 'constant', value: 1 }, errorRate: 50, errorStatus: 500 }] })
    s.routes = [{ service: 'back', rules: [rule(retries ? { retries } : {})] }]
    Object.assign(s, extra)
    const e = edge(run(s), 'ingress', 'back')
    return { retries: e.retries / e.requests, failed: e.failed / e.requests, exhausted: e.fates.budget_exhausted / e.requests }
  }
  const budget = (retryRatio: number) => ({ destinations: [{ service: 'back', retryBudget: { retryRatio, minRetriesPerSecond: 10, ttl: 10_000 } }] })

  it('HTTPRoute: up to `attempts` retries, no budget', () => {
    // 3 retries at 50 %: 0.5 + 0.25 + 0.125 = 0.875 retries per request; 0.5⁴ = 6.25 % fail.
    const r = flaky({}, { attempts: 3 })
    expect(Math.abs(r.retries - 0.875)).toBeLessThan(0.02)
    expect(Math.abs(r.failed - 0.0625)).toBeLessThan(0.01)
    expect(r.exhausted).toBe(0)
  })

  it('HTTPRoute: the per-try timeout does not apply to the last allowed attempt', () => {
    // 200 ms requests, retry.linkerd.io/timeout 50 ms, limit 1: the first try times out at
    // 50 ms and is retried; the retry is the last attempt, which linkerd2-proxy runs without
    // the response-headers timeout, so it succeeds at ~250 ms. Envoy (Istio's limits) times
    // out both tries.
    const make = (mesh: Scenario['mesh']) => {
      const s = direct({ mesh, rps: 50, versions: [{ name: 'v1', replicas: 2, concurrency: 256, queue: 10_000, serviceTime: { kind: 'constant', value: 200 } }] })
      s.routes = [{ service: 'back', rules: [rule({ retries: { attempts: 1, perTryTimeout: 50, retryOn: ['5xx'] } })] }]
      return edge(run(s), 'ingress', 'back')
    }
    const linkerd = make('linkerd')
    expect(linkerd.fates.success_after_retry).toBe(linkerd.requests)
    expect(linkerd.latencyMs.max).toBeLessThan(252)
    const envoy = make('istio')
    expect(envoy.fates.per_try_timeout).toBe(envoy.requests)
  })

  it('ServiceProfile: no attempt cap while the budget allows', () => {
    // retryRatio 1000 → deposit 1000, withdraw 1: never short. Each request is retried until
    // it succeeds: a geometric number of failures, mean 1 retry, although attempts says 1.
    const r = flaky(budget(1000), { attempts: 1 })
    expect(Math.abs(r.retries - 1)).toBeLessThan(0.03)
    expect(r.failed).toBeLessThan(0.001)
  })

  it('ServiceProfile: the TPS budget bounds retries at retryRatio × deposits + the reserve', () => {
    // 0.2 / 10 per s / 10 s: deposit 1, withdraw 5, reserve 500. Under steady traffic tower's
    // expiry skips every other slot (see tpsBudget.ts), so the balance spans ~6 s, not 10:
    // 5 R × 6 ≤ 6 D + 500, R ≤ 0.2 D + 16.7 per second. 200 rps, half fail first; only the
    // successes deposit, D = 100 + 0.5 R, so R = 16.7 + 0.2 (100 + 0.5 R) → R ≈ 40.7/s:
    // 0.204 retries per request; failures returned 100 − 0.5 R ≈ 79.6/s: 39.8 %. (A 10 s
    // span would give R = 33.3/s: 0.167 and 41.7 %.)
    const r = flaky(budget(0.2), { attempts: 3 })
    expect(Math.abs(r.retries - 0.204)).toBeLessThan(0.01)
    expect(Math.abs(r.failed - 0.398)).toBeLessThan(0.01)
    expect(r.exhausted).toBeGreaterThan(0.3)
  })

  it('ServiceProfile: a route that is not retryable never retries, budget or not', () => {
    const r = flaky(budget(1000))
    expect(r.retries).toBe(0)
    expect(Math.abs(r.failed - 0.5)).toBeLessThan(0.02)
  })
})

describe('backend splits (§14.5)', () => {
  it('RandomAvailable moves a split off a backend with no endpoint; Envoy answers 503 no healthy upstream', () => {
    // 50/50 over v1 and v2; v2's only replica crashes at 5 s and leaves the endpoint set at
    // 7 s. Linkerd resamples among ready backends; Envoy's weighted clusters keep sending
    // v2 its half, which fails with UH from 7 s to the end of traffic at 20 s.
    const make = (mesh: Scenario['mesh']) => {
      const s = direct({ mesh, rps: 200, trafficMs: 20_000, versions: [
        { name: 'v1', replicas: 2, concurrency: 256, queue: 10_000, serviceTime: fast },
        { name: 'v2', replicas: 1, concurrency: 256, queue: 10_000, serviceTime: fast },
      ] })
      s.routes = [{ service: 'back', rules: [{ split: [{ version: 'v1', weight: 50 }, { version: 'v2', weight: 50 }] }] }]
      s.faults = [{ kind: 'crash', at: 5000, service: 'back', version: 'v2' }]
      return edge(run(s), 'ingress', 'back')
    }
    const linkerd = make('linkerd')
    expect(linkerd.fates.no_healthy_upstream).toBe(0)
    expect(linkerd.failed / linkerd.requests).toBeLessThan(0.07) // ≤ half of the 2 s before removal
    const istio = make('istio')
    expect(Math.abs(istio.fates.no_healthy_upstream / istio.requests - 0.5 * 13 / 20)).toBeLessThan(0.03)
  })
})
