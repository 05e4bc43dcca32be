/**
 * Fidelity: the mesh profiles' defaults, seen in runs (mesh-algorithms.md §15 for Istio,
 * §2, §9, §11 for plain Envoy). Each case runs the same scenario under `istio` and
 * `envoy` and checks the difference the defaults make.
 */
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../engine/index'
import { direct, edge, rule, run } from './fixtures'

type Versions = NonNullable<Scenario['services'][number]['versions']>
const constant = (value: number, extra: Partial<Versions[number]> = {}): Versions =>
  [{ name: 'v1', replicas: 2, concurrency: 10_000, queue: 100_000, serviceTime: { kind: 'constant', value }, ...extra }]

describe('route timeout', () => {
  it('Istio has none; plain Envoy gives every route 15 s', () => {
    const make = (mesh: Scenario['mesh']) => direct({ mesh, rps: 5, trafficMs: 5000, drainMs: 25_000, versions: constant(20_000) })
    const istio = edge(run(make('istio')), 'ingress', 'back')
    expect(istio.succeeded).toBe(istio.requests)
    expect(istio.latencyMs.max).toBeCloseTo(20_000, -1)
    const envoy = edge(run(make('envoy')), 'ingress', 'back')
    expect(envoy.fates.timeout).toBe(envoy.requests)
    expect(envoy.latencyMs.max).toBeCloseTo(15_000, -1)
  })
})

describe('retry policy without a route', () => {
  it("Istio's default retries 503 twice (and not 500); plain Envoy retries nothing", () => {
    const tries = (mesh: Scenario['mesh'], status: number) => {
      const e = edge(run(direct({ mesh, versions: constant(1, { errorRate: 100, errorStatus: status }) })), 'ingress', 'back')
      return e.attempts / e.requests
    }
    expect(tries('istio', 503)).toBe(3)
    expect(tries('istio', 500)).toBe(1)
    expect(tries('envoy', 503)).toBe(1)
  })
})

describe('circuit-breaker limits', () => {
  it("Envoy's max_requests 1024 sheds load that Istio's 2^32 − 1 lets through", () => {
    // HTTP/2 (only max_requests applies): 2 000 rps of 2 s requests keep ~4 000 in flight
    // from the one ingress sidecar.
    const make = (mesh: Scenario['mesh']) => {
      const s = direct({ mesh, rps: 2000, trafficMs: 3000, versions: constant(2000) })
      s.services[0]!.protocol = 'http2'
      return edge(run(s), 'ingress', 'back')
    }
    expect(make('istio').fates.overflow).toBe(0)
    const envoy = make('envoy')
    expect(envoy.fates.overflow).toBeGreaterThan(1000)
  })

  it("Envoy's max_retries 3 refuses retries that Istio's limit allows", () => {
    const make = (mesh: Scenario['mesh']) => {
      const s = direct({ mesh, rps: 500, versions: constant(10, { errorRate: 100, errorStatus: 503 }) })
      s.routes = [{ service: 'back', rules: [rule({ retries: { attempts: 3, retryOn: ['5xx'] } })] }]
      return edge(run(s), 'ingress', 'back')
    }
    expect(make('istio').fates.budget_exhausted).toBe(0)
    expect(make('envoy').fates.budget_exhausted).toBeGreaterThan(100)
  })
})

describe('load balancer', () => {
  it('Istio balances with least request (P2C), plain Envoy with round robin', () => {
    // 4 replicas at 5 ms, replica 0 made 40× slower (200 ms). Round robin sends it 1/4 of
    // the requests; P2C picks it only when both draws are replica 0, (1/4)² = 6.25 %, since
    // its pile of active requests loses every comparison. The slow share s follows from the
    // mean: mean = 5 + s × 195 ms.
    const share = (mesh: Scenario['mesh']) => {
      const s = direct({ mesh, rps: 400, trafficMs: 20_000, versions: [{ name: 'v1', replicas: 4, concurrency: 1000, queue: 10_000, serviceTime: { kind: 'constant', value: 5 } }] })
      s.faults = [{ kind: 'slow_replica', at: 0, for: s.duration, service: 'back', replica: 0, factor: 40 }]
      return (edge(run(s), 'ingress', 'back').latencyMs.mean - 5) / 195
    }
    expect(Math.abs(share('envoy') - 0.25)).toBeLessThan(0.01)
    expect(Math.abs(share('istio') - 0.0625)).toBeLessThan(0.01)
  })
})
