/**
 * Fidelity: fault injection as Envoy's HTTP fault filter runs it (mesh-algorithms.md §12;
 * fault_filter.cc): the delay is decided first, the abort is sampled independently after
 * the delay, only requests whose headers match are faulted, and the filter runs before the
 * router, so the same route's timeout starts after the delay and an abort (a local reply)
 * is never retried by that sidecar. One hop up it is an ordinary upstream answer.
 */
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../engine/index'
import { twoTier } from '../support/runScenario'
import { direct, edge, rule, run } from './fixtures'

const fast = [{ name: 'v1', replicas: 2, concurrency: 256, queue: 10_000, serviceTime: { kind: 'constant' as const, value: 1 } }]

describe('Envoy fault filter', () => {
  it('samples the abort after the delay, for delayed requests too', () => {
    // delay 100 % × 100 ms, abort 50 %: every request waits 100 ms, half are then aborted:
    // mean 100 + 0.5 × 1 ms. Aborts that skipped the delay would give 0.5 × 101 ≈ 50 ms.
    const s = direct({ rps: 200, versions: fast })
    s.routes = [{ service: 'back', rules: [rule({ fault: { delay: { percent: 100, fixed: 100 }, abort: { percent: 50, httpStatus: 503 } } })] }]
    const r = run(s)
    const e = edge(r, 'ingress', 'back')
    expect(e.latencyMs.mean).toBeGreaterThanOrEqual(100)
    expect(e.latencyMs.mean).toBeLessThan(101)
    expect(Math.abs(e.fates.fault_abort / e.requests - 0.5)).toBeLessThan(0.03) // σ ≈ 0.011 over ~2 000
    expect(r.services.back!.requests).toBe(e.requests - e.fates.fault_abort)
  })

  it('samples delay and abort independently', () => {
    // delay 50 % × 100 ms, abort 50 %: independent draws give a mean of 0.5 × 100 + 0.25 × 1
    // ≈ 50.3 ms (aborted or not, half the requests waited). An abort decided before the
    // delay (skipping it) would give 0.25 × 100 ≈ 25 ms.
    const s = direct({ rps: 200, trafficMs: 20_000, versions: fast })
    s.routes = [{ service: 'back', rules: [rule({ fault: { delay: { percent: 50, fixed: 100 }, abort: { percent: 50, httpStatus: 503 } } })] }]
    const e = edge(run(s), 'ingress', 'back')
    expect(Math.abs(e.fates.fault_abort / e.requests - 0.5)).toBeLessThan(0.03)
    expect(Math.abs(e.latencyMs.mean - 50.3)).toBeLessThan(3) // σ of the mean ≈ 50 / √4 000 ≈ 0.8 ms
  })

  it('faults only requests whose headers match', () => {
    // Half the mix carries x-chaos: on; the abort (100 %) hits exactly those.
    const s = direct({ rps: 200, versions: fast })
    s.traffic = [{ name: 'users', to: 'back', load: { kind: 'poisson', rate: 200 }, stop: 10_000, mix: [{ weight: 1, headers: { 'x-chaos': 'on' } }, { weight: 1 }] }]
    s.routes = [{ service: 'back', rules: [rule({ fault: { abort: { percent: 100, httpStatus: 500 }, headers: { 'x-chaos': { exact: 'on' } } } })] }]
    const e = edge(run(s), 'ingress', 'back')
    expect(Math.abs(e.fates.fault_abort / e.requests - 0.5)).toBeLessThan(0.03)
    expect(e.fates.fault_abort + e.fates.success).toBe(e.requests)
  })

  it("a delay does not count against the same route's timeout (the router starts its timer after the filter)", () => {
    // timeout 50 ms, delay 200 ms on every request: the requests still succeed, in ~201 ms.
    const s = direct({ rps: 50, versions: fast })
    s.routes = [{ service: 'back', rules: [rule({ timeout: 50, fault: { delay: { percent: 100, fixed: 200 } } })] }]
    const e = edge(run(s), 'ingress', 'back')
    expect(e.fates.timeout).toBe(0)
    expect(e.succeeded).toBe(e.requests)
    expect(e.latencyMs.mean).toBeGreaterThanOrEqual(200)
    expect(e.latencyMs.max).toBeLessThan(202)
  })

  it("a delay counts against the caller's timeout one hop up", () => {
    // ingress → front times out at 100 ms; front → back is delayed 200 ms by the fault.
    const s = twoTier({ rps: 50, durationMs: 10_000 })
    s.routes = [
      { service: 'front', rules: [rule({ timeout: 100 })] },
      { service: 'back', rules: [rule({ fault: { delay: { percent: 100, fixed: 200 } } })] },
    ]
    const r = run(s)
    expect(edge(r, 'ingress', 'front').fates.timeout).toBeGreaterThan(edge(r, 'ingress', 'front').requests - 20)
    expect(edge(r, 'front', 'back').fates.timeout).toBe(0)
  })

  it('an abort is a local reply: never retried by the same sidecar, retried as a 503 answer one hop up', () => {
    // Istio's default policy retries 503 twice. front's sidecar aborts every call to back
    // with 503 and does not retry it; front answers 503, which the ingress retries: 3 tries
    // of front per user request, each aborting once.
    const s: Scenario = twoTier({ rps: 50, durationMs: 10_000 })
    s.traffic = [{ name: 'users', to: 'front', load: { kind: 'poisson', rate: 50 }, stop: 8000 }]
    s.routes = [{ service: 'back', rules: [rule({ fault: { abort: { percent: 100, httpStatus: 503 } } })] }]
    const r = run(s)
    const back = edge(r, 'front', 'back')
    const front = edge(r, 'ingress', 'front')
    expect(back.retries).toBe(0)
    expect(back.fates.fault_abort).toBe(back.requests)
    expect(front.attempts).toBe(3 * front.requests)
    expect(back.requests).toBe(front.attempts)
    expect(r.services.back!.requests).toBe(0)
  })
})
