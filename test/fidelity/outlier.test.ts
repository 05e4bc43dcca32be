/**
 * Fidelity: outlier detection as Envoy runs it, through Istio's translation
 * (mesh-algorithms.md §10, §15.2; outlier_detection_impl.cc, cluster_traffic_policy.go):
 * which failures each detector counts, max_ejection_percent with today's rule, the panic
 * threshold meeting ejections, and ejections ending on the interval tick.
 */
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../engine/index'
import { direct, edge, rule, run } from './fixtures'

type OutlierDetection = NonNullable<NonNullable<Scenario['destinations']>[number]['outlierDetection']>
const fast = { kind: 'constant' as const, value: 2 }

/**
 * `good` replicas that succeed plus one replica (version `bad`) failing every request with
 * `status`, all in the whole-service cluster (no route: the profile's implicit rule).
 */
function oneBad(o: { mesh?: Scenario['mesh']; good: number; status: number; od: OutlierDetection }): Scenario {
  const s = direct({
    mesh: o.mesh ?? 'istio', rps: 100, trafficMs: 60_000,
    versions: [
      { name: 'v1', replicas: o.good, concurrency: 256, queue: 10_000, serviceTime: fast },
      { name: 'bad', replicas: 1, concurrency: 256, queue: 10_000, serviceTime: fast, errorRate: 100, errorStatus: o.status },
    ],
  })
  s.destinations = [{ service: 'back', loadBalancer: { kind: 'round_robin' }, outlierDetection: o.od }]
  return s
}

describe('which failures count (istio#8846)', () => {
  const od: OutlierDetection = { consecutiveGatewayErrors: 3, consecutive5xxErrors: 0, interval: 5000, maxEjectionPercent: 50 }

  it('consecutiveGatewayErrors ejects on 503 but never on 500: a 500 is not a gateway error', () => {
    expect(run(oneBad({ good: 3, status: 503, od })).clusters.back!.ejections).toBeGreaterThan(0)
    const on500 = run(oneBad({ good: 3, status: 500, od }))
    // Every 500 resets the gateway counter: nothing is even detected.
    expect(on500.clusters.back).toMatchObject({ ejectionsDetected: 0, ejections: 0 })
    // Round robin keeps sending the bad replica its quarter; Istio's default policy does not retry 500.
    const e = edge(on500, 'ingress', 'back')
    expect(Math.abs(e.failed / e.requests - 0.25)).toBeLessThan(0.01)
  })

  it("with consecutive5xxErrors unset Istio keeps Envoy's default of 5, which counts 500s", () => {
    const r = run(oneBad({ good: 3, status: 500, od: { consecutiveGatewayErrors: 3, interval: 5000, maxEjectionPercent: 50 } }))
    expect(r.clusters.back!.ejections).toBeGreaterThan(0)
  })

  it('a route timeout is a local-origin timeout mapped to 504: a gateway error', () => {
    // Replica 3 of 4 takes 200 ms against a 100 ms route timeout.
    const s = direct({ rps: 100, trafficMs: 30_000, versions: [{ name: 'v1', replicas: 4, concurrency: 256, queue: 10_000, serviceTime: fast }] })
    s.routes = [{ service: 'back', rules: [rule({ timeout: 100 })] }]
    s.destinations = [{ service: 'back', loadBalancer: { kind: 'round_robin' }, outlierDetection: od }]
    s.faults = [{ kind: 'slow_replica', at: 0, for: s.duration, service: 'back', replica: 3, factor: 100 }]
    expect(run(s).clusters['back/v1']!.ejections).toBeGreaterThan(0)
  })
})

describe('max_ejection_percent with 2–3 hosts (envoy#3263)', () => {
  // Envoy ejects while 100 × (ejected + 1) / hosts ≤ max_ejection_percent.
  const ejections = (good: number, maxEjectionPercent?: number) => run(oneBad({
    mesh: 'envoy', good, status: 503,
    od: { consecutive5xxErrors: 5, interval: 5000, ...(maxEjectionPercent === undefined ? {} : { maxEjectionPercent }) },
  })).clusters.back!

  it('the default 10 % ejects nothing below 10 hosts: every detection overflows', () => {
    for (const good of [1, 2]) {
      const c = ejections(good)
      expect(c.ejections).toBe(0)
      expect(c.ejectionsOverflow).toBe(c.ejectionsDetected)
      expect(c.ejectionsOverflow).toBeGreaterThan(10)
    }
    expect(ejections(9).ejections).toBeGreaterThan(0) // 10 hosts: 100 × 1/10 = 10 % ≤ 10 %
  })

  it('today\'s rounding: 3 hosts need 34 % (33.3 % > 33 %); 4 hosts eject at exactly 25 %', () => {
    expect(ejections(2, 33).ejections).toBe(0)
    expect(ejections(2, 34).ejections).toBeGreaterThan(0)
    expect(ejections(3, 25).ejections).toBeGreaterThan(0)
    expect(ejections(3, 24).ejections).toBe(0)
  })
})

describe('every host ejected: panic routing (envoy#2671) and minHealthPercent', () => {
  // Two replicas, both answering 503 from 10 s to 20 s; max_ejection_percent 100 lets both go.
  const allBad = (mesh: Scenario['mesh'], minHealthPercent?: number) => {
    const s = direct({ mesh, rps: 100, trafficMs: 40_000, versions: [{ name: 'v1', replicas: 2, concurrency: 256, queue: 10_000, serviceTime: fast }] })
    s.destinations = [{
      service: 'back', outlierDetection: {
        consecutive5xxErrors: 5, interval: 10_000, baseEjectionTime: 30_000, maxEjectionPercent: 100,
        ...(minHealthPercent === undefined ? {} : { minHealthPercent }),
      },
    }]
    s.faults = [{ kind: 'error_burst', at: 10_000, for: 10_000, service: 'back', rate: 100, status: 503 }]
    return run(s)
  }

  it("Envoy's 50 % threshold: with both ejected it balances over both — the requests keep reaching them", () => {
    const r = allBad('envoy')
    expect(r.clusters.back!.ejections).toBe(2)
    expect(r.clusters.back!.panicSeconds).toBeGreaterThan(29) // from ~10 s until the 40 s tick
    expect(edge(r, 'ingress', 'back').fates.no_healthy_upstream).toBe(0)
    // After the burst (20 s) the ejected hosts answer again: only the burst's 10 s fail.
    const e = edge(r, 'ingress', 'back')
    expect(Math.abs(e.failed / e.requests - 0.25)).toBeLessThan(0.02)
  })

  it("Istio's minHealthPercent 0 (its default with outlier detection): no panic, 503 no healthy upstream until the ejection ends", () => {
    const r = allBad('istio')
    const e = edge(r, 'ingress', 'back')
    expect(r.clusters.back!.panicSeconds).toBe(0)
    // Both ejected at ~10 s, back at the 40 s tick: ~30 s of the 40 s of traffic fail with UH.
    expect(Math.abs(e.fates.no_healthy_upstream / e.requests - 0.75)).toBeLessThan(0.03)
  })

  it('Istio with minHealthPercent 50 % behaves as Envoy does', () => {
    const r = allBad('istio', 50)
    expect(r.clusters.back!.panicSeconds).toBeGreaterThan(29)
    expect(edge(r, 'ingress', 'back').fates.no_healthy_upstream).toBe(0)
  })

  it('ejections end on the interval tick (Envoy arms the timer when the cluster is created)', () => {
    for (const i of allBad('istio').ejections.intervals) {
      expect(i.endSeconds === null || Number.isInteger(i.endSeconds / 10)).toBe(true)
    }
  })
})
