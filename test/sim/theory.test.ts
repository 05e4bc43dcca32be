/**
 * The engine against queueing theory. Each case runs one service with no network or
 * sidecar cost, so the service's latency is the queue's time in system W.
 *
 * Confidence: each tolerance was set from 20 independent seeds of the same run. The
 * standard deviation of the measured mean over seeds was 0.46 % (M/M/1, 20 min at ρ = 0.5),
 * 0.47 % (M/M/4, 5 min at ρ = 0.75; 0.58 % at 200 s) and 0.25 % (M/D/1, 10 min), so the 2 %
 * tolerance is ≥ 4.2 standard deviations: a correct engine fails with probability below
 * 3·10⁻⁵ for an arbitrary seed. The seeds below are fixed, so the tests are deterministic.
 * Little's law (L = λW) is checked on every run in this file.
 */
import { describe, expect, it } from 'vitest'
import type { RunResult } from '../../engine/index'
import { queueingScenario, runScenario } from '../support/runScenario'

/** Asserts L = λW for every service of a stationary run (relative 1 %). */
function expectLittle(r: RunResult): void {
  for (const s of Object.values(r.services)) {
    const lambdaW = (s.throughputRps * s.latencyMs.mean) / 1000
    expect(Math.abs(s.inFlightMean - lambdaW)).toBeLessThanOrEqual(0.01 * s.inFlightMean + 1e-3)
  }
}

/** Erlang C: probability that an arrival waits in M/M/c with offered load a = λ/μ. */
function erlangC(c: number, a: number): number {
  let sum = 0
  let term = 1
  for (let k = 0; k < c; k++) {
    sum += term
    term = (term * a) / (k + 1)
  }
  const top = term / (1 - a / c)
  return top / (sum + top)
}

describe('queueing theory', () => {
  it('M/M/1: mean time in system is 1/(μ − λ) within 2 %', () => {
    // λ = 500/s, μ = 1000/s (mean 1 ms): W = 1/(1000 − 500) s = 2 ms.
    const sc = queueingScenario({ arrivalRps: 500, serviceTime: { kind: 'exponential', mean: 1 }, durationMs: 1_200_000, seed: 3 })
    const r = runScenario(sc).summary
    const w = r.services.server!.latencyMs.mean
    expect(Math.abs(w - 2) / 2).toBeLessThan(0.02)
    expect(r.services.server!.utilization).toBeCloseTo(0.5, 1)
    expectLittle(r)
  })

  it('M/M/c: mean time in system matches Erlang C within 2 %', () => {
    // c = 4, λ = 3000/s, μ = 1000/s: a = 3, ρ = 0.75, C(4, 3) = 0.5094,
    // W = C/(cμ − λ) + 1/μ = 0.5094 ms + 1 ms = 1.5094 ms.
    const c = 4
    const lambda = 3000
    const mu = 1000
    const expected = (erlangC(c, lambda / mu) / (c * mu - lambda) + 1 / mu) * 1000
    expect(expected).toBeCloseTo(1.5094, 3)
    const sc = queueingScenario({ arrivalRps: lambda, serviceTime: { kind: 'exponential', mean: 1 }, workers: c, durationMs: 300_000, seed: 5 })
    const r = runScenario(sc).summary
    expect(Math.abs(r.services.server!.latencyMs.mean - expected) / expected).toBeLessThan(0.02)
    expectLittle(r)
  })

  it('M/D/1: mean time in system matches Pollaczek–Khinchine within 2 %', () => {
    // Constant 1 ms service, λ = 500/s: ρ = 0.5, Wq = ρ/(2μ(1 − ρ)) = 0.5 ms, W = 1.5 ms.
    const sc = queueingScenario({ arrivalRps: 500, serviceTime: { kind: 'constant', value: 1 }, durationMs: 600_000, seed: 7 })
    const r = runScenario(sc).summary
    expect(Math.abs(r.services.server!.latencyMs.mean - 1.5) / 1.5).toBeLessThan(0.02)
    expectLittle(r)
  })

  it('D/D/1 below capacity never queues', () => {
    const sc = queueingScenario({ arrivalRps: 500, arrivals: 'constant', serviceTime: { kind: 'constant', value: 1 }, durationMs: 20_000 })
    const r = runScenario(sc).summary
    expect(r.services.server!.latencyMs.max).toBe(1)
    expect(r.services.server!.queue.max).toBe(0)
    expectLittle(r)
  })

  it('retry amplification with independent failures: attempts per request = Σ pⁱ', () => {
    // Each try fails independently with p = 30 %; 3 retries on 5xx: E[tries] = 1 + p + p² + p³
    // = 1.417, and a request fails only when all 4 tries fail: p⁴ = 0.81 %. With 150 000
    // requests the standard error of tries/request is ≈ 0.0017 (0.12 %); tolerance 1 %.
    const p = 0.3
    const sc = queueingScenario({ arrivalRps: 1000, serviceTime: { kind: 'constant', value: 0.1 }, workers: 64, errorRate: 30, durationMs: 151_000, seed: 11 })
    sc.routes = [{ service: 'server', rules: [{ split: [{ version: 'v1', weight: 100 }], retries: { attempts: 3, retryOn: ['5xx'] } }] }]
    const r = runScenario(sc).summary
    const edge = r.edges.find((e) => e.to === 'server')!
    const expected = 1 + p + p ** 2 + p ** 3
    expect(Math.abs(edge.attempts / edge.requests - expected) / expected).toBeLessThan(0.01)
    expect(edge.failed / edge.requests).toBeCloseTo(p ** 4, 2)
    expect(edge.retries).toBe(edge.attempts - edge.requests)
    // Success after a retry: the first try failed and a later one succeeded, p − p⁴.
    expect(r.fates.success_after_retry / r.requests).toBeCloseTo(p - p ** 4, 2)
    expectLittle(r)
  })
})
