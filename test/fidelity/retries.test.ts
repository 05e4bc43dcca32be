/**
 * Fidelity: the simulation retries as Envoy's router does (mesh-algorithms.md §8, §11;
 * router.cc, retry_state_impl.cc), seen end to end in a run's numbers. Traffic stops
 * before the run ends, so every request has finished and counts are exact.
 */
import { describe, expect, it } from 'vitest'
import { buildHashRing, ringLookup, xxHash64 } from '../../engine/index'
import type { Scenario } from '../../engine/index'
import { direct, edge, rule, run } from './fixtures'

const failing = (status: number, ms = 1): NonNullable<Scenario['services'][number]['versions']> =>
  [{ name: 'v1', replicas: 2, concurrency: 256, queue: 10_000, serviceTime: { kind: 'constant', value: ms }, errorRate: 100, errorStatus: status }]

describe('Envoy retry decision order (§8.3)', () => {
  it('retries_remaining: a failing request is tried num_retries + 1 times, then ends with the upstream status (URX)', () => {
    const s = direct({ mesh: 'envoy', versions: failing(503) })
    s.routes = [{ service: 'back', rules: [rule({ retries: { attempts: 3, retryOn: ['5xx'] } })] }]
    // max_retries well above the concurrent retries, so only retries_remaining stops them.
    s.destinations = [{ service: 'back', connectionPool: { maxRetries: 10_000 } }]
    const e = edge(run(s), 'ingress', 'back')
    expect(e.attempts).toBe(4 * e.requests)
    expect(e.retries).toBe(3 * e.requests)
    expect(e.fates.error).toBe(e.requests) // URX: the root cause is the upstream's error
  })

  it('retries_remaining is checked before the retries breaker: a request out of retries is URX, never UO', () => {
    // attempts 1 and max_retries 1 under load: a failed try either gets the one retry
    // (the breaker had room), or is refused (UO → budget_exhausted). A retried request then
    // fails again with retries_remaining 0: that must end as URX (error) whatever the
    // breaker's state, so error == retries exactly; the rest are budget_exhausted.
    const s = direct({ mesh: 'envoy', rps: 400, versions: failing(503, 20) })
    s.routes = [{ service: 'back', rules: [rule({ retries: { attempts: 1, retryOn: ['5xx'] } })] }]
    s.destinations = [{ service: 'back', connectionPool: { maxRetries: 1 } }]
    const e = edge(run(s), 'ingress', 'back')
    expect(e.fates.budget_exhausted).toBeGreaterThan(1000)
    expect(e.fates.error).toBe(e.retries)
    expect(e.fates.budget_exhausted + e.fates.error).toBe(e.requests)
  })

  it('a circuit-breaker overflow is never retried, and never reaches outlier detection', () => {
    // One HTTP/1.1 connection and one pending slot at 200 rps of 20 ms requests: most
    // tries overflow (local 503, flag UO). Istio's default policy retries 503 — but not an
    // overflow — and outlier detection with a threshold of 1 never hears of it.
    const s = direct({ rps: 200, versions: [{ name: 'v1', replicas: 2, serviceTime: { kind: 'constant', value: 20 } }] })
    s.destinations = [{
      service: 'back', connectionPool: { maxConnections: 1, maxPendingRequests: 1 },
      outlierDetection: { consecutive5xxErrors: 1, consecutiveGatewayErrors: 1, maxEjectionPercent: 100, interval: 1000 },
    }]
    const r = run(s)
    const e = edge(r, 'ingress', 'back')
    expect(e.fates.overflow).toBeGreaterThan(e.requests / 2)
    expect(e.retries).toBe(0)
    expect(r.clusters.back).toMatchObject({ ejectionsDetected: 0, ejections: 0 })
  })
})

describe('Envoy back-off (§8.4): upper bounds double, 2^(N−1) × base', () => {
  it('three retries of a zero-latency failure wait 86 ms on average, at most 172 ms', () => {
    // Each retry waits random() % interval, interval 25, 50, 100 ms (base 25, max 250):
    // means 12 + 24.5 + 49.5 = 86 ms, maximum 24 + 49 + 99 = 172 ms. The older formula
    // (2^N − 1) × base would give intervals 25, 75, 175: mean 136, maximum 272.
    const s = direct({ mesh: 'envoy', rps: 200, trafficMs: 20_000, versions: failing(503, 0.001) })
    s.routes = [{ service: 'back', rules: [rule({ retries: { attempts: 3, retryOn: ['5xx'] } })] }]
    s.destinations = [{ service: 'back', connectionPool: { maxRetries: 10_000 } }]
    const e = edge(run(s), 'ingress', 'back')
    // σ of the sum ≈ √(25²+50²+100²)/√12 ≈ 33 ms; over ~4 000 requests the mean is ±0.5 ms.
    expect(e.latencyMs.mean).toBeGreaterThan(84)
    expect(e.latencyMs.mean).toBeLessThan(88)
    expect(e.latencyMs.max).toBeLessThan(173)
  })

  it('a configured back-off caps at max: base 10, max 40 → intervals 10, 20, 40, 40', () => {
    // Means 4.5 + 9.5 + 19.5 + 19.5 = 53 ms.
    const s = direct({ mesh: 'envoy', rps: 200, trafficMs: 20_000, versions: failing(503, 0.001) })
    s.routes = [{ service: 'back', rules: [rule({ retries: { attempts: 4, retryOn: ['5xx'], backoff: { base: 10, max: 40 } } })] }]
    s.destinations = [{ service: 'back', connectionPool: { maxRetries: 10_000 } }]
    const e = edge(run(s), 'ingress', 'back')
    expect(e.latencyMs.mean).toBeGreaterThan(52)
    expect(e.latencyMs.mean).toBeLessThan(54)
    expect(e.latencyMs.max).toBeLessThan(9 + 19 + 39 + 39 + 1)
  })
})

describe('per-try timeouts (§8.2, §11)', () => {
  const slow = (retryOn: NonNullable<NonNullable<Scenario['routes']>[number]['rules'][number]['retries']>['retryOn'], codes?: number[]) => {
    const s = direct({ versions: [{ name: 'v1', replicas: 2, concurrency: 5000, queue: 100_000, serviceTime: { kind: 'constant', value: 200 } }] })
    s.routes = [{ service: 'back', rules: [rule({ retries: { attempts: 2, perTryTimeout: 50, ...(retryOn ? { retryOn } : {}), ...(codes ? { retriableStatusCodes: codes } : {}) } })] }]
    return edge(run(s), 'ingress', 'back')
  }

  it('are retried only with 5xx, gateway-error or reset in retry_on', () => {
    // A per-try timeout resets the attempt (LocalReset): 3 tries of 50 ms each, all slow.
    for (const on of [['5xx'], ['gateway-error'], ['reset']] as const) {
      const e = slow([...on])
      expect(e.attempts, on[0]).toBe(3 * e.requests)
      expect(e.fates.per_try_timeout, on[0]).toBe(e.requests)
    }
  })

  it("are not retried with Istio's default retry_on, connect-failure, or a retriable 504", () => {
    // Istio's default list: connect-failure, refused-stream, unavailable, cancelled,
    // retriable-status-codes (503). A per-try timeout is a reset, not a 504 response.
    for (const [label, e] of [['default', slow(undefined)], ['connect-failure', slow(['connect-failure'])], ['504', slow(['retriable-status-codes'], [504])]] as const) {
      expect(e.attempts, label).toBe(e.requests)
      expect(e.retries, label).toBe(0)
      expect(e.fates.per_try_timeout, label).toBe(e.requests)
    }
  })

  it('a per-try timeout at or above the route timeout is ignored: the route timeout ends slow tries (istio#21137)', () => {
    // finalTimeout drops per_try_timeout >= timeout: no per-try timeout ever fires, no
    // retry, every request ends at 1 s with 504 (UT).
    for (const perTryTimeout of [1000, 2000]) {
      const s = direct({ versions: [{ name: 'v1', replicas: 2, concurrency: 5000, queue: 100_000, serviceTime: { kind: 'constant', value: 3000 } }] })
      s.routes = [{ service: 'back', rules: [rule({ timeout: 1000, retries: { attempts: 3, perTryTimeout, retryOn: ['5xx'] } })] }]
      const e = edge(run(s), 'ingress', 'back')
      expect(e.attempts).toBe(e.requests)
      expect(e.fates.per_try_timeout).toBe(0)
      expect(e.fates.timeout).toBe(e.requests)
      expect(e.latencyMs.max).toBeCloseTo(1000, 0)
    }
  })

  it('the route timeout covers every try: 400 ms tries under 1 s allow 3 of the 4 tries', () => {
    // Try i starts at ≥ 400·i ms: tries at 0, ~400, ~800 start; a 4th would start after 1 s.
    const s = direct({ versions: [{ name: 'v1', replicas: 2, concurrency: 5000, queue: 100_000, serviceTime: { kind: 'constant', value: 3000 } }] })
    s.routes = [{ service: 'back', rules: [rule({ timeout: 1000, retries: { attempts: 3, perTryTimeout: 400, retryOn: ['5xx'] } })] }]
    const e = edge(run(s), 'ingress', 'back')
    expect(e.attempts).toBe(3 * e.requests)
    expect(e.fates.timeout).toBe(e.requests)
  })
})

describe('previous_hosts and host_selection_retry_max_attempts (§1.3, §8.5)', () => {
  // Two replicas behind the random balancer; replica 0 is 1 000× slow, so a try sent to it
  // hits the 20 ms per-try timeout and is retried (retryOn reset). Half the first tries go
  // there. A retry re-picks while it draws an already-tried host, up to max_attempts + 1
  // picks, and keeps the last pick.
  type Retries = NonNullable<NonNullable<Scenario['routes']>[number]['rules'][number]['retries']>
  const shares = (mesh: Scenario['mesh'], retries: Retries) => {
    const s = direct({ mesh, rps: 500, trafficMs: 20_000, versions: [{ name: 'v1', replicas: 2, concurrency: 5000, queue: 100_000, serviceTime: { kind: 'constant', value: 1 } }] })
    s.routes = [{ service: 'back', rules: [rule({ retries })] }]
    s.destinations = [{ service: 'back', loadBalancer: { kind: 'random' }, connectionPool: { maxRetries: 100_000 } }]
    s.faults = [{ kind: 'slow_replica', at: 0, for: s.duration, service: 'back', replica: 0, factor: 1000 }]
    const e = edge(run(s), 'ingress', 'back')
    return { retries: e.retries / e.requests, failed: e.failed / e.requests }
  }
  const retries: Retries = { attempts: 2, perTryTimeout: 20, retryOn: ['reset'] }

  it('Istio: 5 host-selection retries, so a retry almost never meets the slow host again', () => {
    // A retry lands on the slow host only if all 6 picks draw it: (1/2)^6 = 1/64.
    // Retries per request 0.5 × (1 + 1/64) ≈ 0.508; failures 0.5 × (1/64)² ≈ 0.0001.
    const r = shares('istio', retries)
    expect(r.retries).toBeCloseTo(0.508, 1)
    expect(Math.abs(r.retries - 0.508)).toBeLessThan(0.02)
    expect(r.failed).toBeLessThan(0.001)
  })

  it("Envoy's default of 1 with the predicate: (1/2)² = 1/4 of retries meet it again", () => {
    // Retries per request 0.5 × (1 + 1/4) = 0.625; failures 0.5 × (1/4)² = 1/32 ≈ 0.031.
    const r = shares('envoy', { ...retries, retryIgnorePreviousHosts: true })
    expect(Math.abs(r.retries - 0.625)).toBeLessThan(0.02)
    expect(Math.abs(r.failed - 0.031)).toBeLessThan(0.008)
  })

  it('Envoy without a predicate: a retry is a fresh pick, 1/2 meet it again', () => {
    // Retries per request 0.5 × (1 + 1/2) = 0.75; failures 0.5 × (1/2)² = 1/8.
    const r = shares('envoy', retries)
    expect(Math.abs(r.retries - 0.75)).toBeLessThan(0.02)
    expect(Math.abs(r.failed - 0.125)).toBeLessThan(0.012)
  })
})

describe('previous_hosts with consistent hashing (Istio retry.go, the Envoy export)', () => {
  // ring_hash on x-user, 2 replicas, replica 0 1 000× slow; 20 users. A user's requests hash
  // to one replica. Istio leaves previous_hosts out of a hashed route's policy, so every
  // try of a user on replica 0 goes back to replica 0 and the request fails: the failed
  // share is the share of users the ring maps to replica 0 (computed here with the same
  // ring). retryIgnorePreviousHosts: true puts the predicate back: the ring's next entry.
  const users = Array.from({ length: 20 }, (_, i) => `user-${i}`)
  const ring = buildHashRing([{ key: 'back-v1-0', weight: 0.5 }, { key: 'back-v1-1', weight: 0.5 }])
  const onSlow = users.filter((u) => ringLookup(ring, xxHash64(u)) === 0).length / users.length
  const failed = (retryIgnorePreviousHosts?: boolean) => {
    const s = direct({ rps: 400, trafficMs: 20_000, versions: [{ name: 'v1', replicas: 2, concurrency: 10_000, queue: 100_000, serviceTime: { kind: 'constant', value: 1 } }] })
    s.traffic = [{ name: 'users', to: 'back', load: { kind: 'poisson', rate: 400 }, stop: 20_000, mix: users.map((u) => ({ weight: 1, headers: { 'x-user': u } })) }]
    s.routes = [{ service: 'back', rules: [rule({ retries: { attempts: 2, perTryTimeout: 20, retryOn: ['reset'], ...(retryIgnorePreviousHosts === undefined ? {} : { retryIgnorePreviousHosts }) } })] }]
    s.destinations = [{ service: 'back', loadBalancer: { kind: 'ring_hash', hashOn: { header: 'x-user' } } }]
    s.faults = [{ kind: 'slow_replica', at: 0, for: s.duration, service: 'back', replica: 0, factor: 1000 }]
    const e = edge(run(s), 'ingress', 'back')
    return e.failed / e.requests
  }

  it('retries of a hashed route stay on the hashed host', () => {
    expect(onSlow).toBeGreaterThan(0.2)
    expect(Math.abs(failed() - onSlow)).toBeLessThan(0.03)
  })

  it('an explicit retryIgnorePreviousHosts: true moves them along the ring', () => {
    expect(failed(true)).toBeLessThan(onSlow / 3)
  })
})
