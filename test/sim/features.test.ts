/**
 * Traffic models, traces, rollouts, progress reporting and bounded memory.
 */
import { describe, expect, it } from 'vitest'
import { createSimulationRun } from '../../engine/index'
import type { Span } from '../../engine/index'
import { loadBundled, queueingScenario, runScenario, twoTier } from '../support/runScenario'

describe('traffic', () => {
  it('closed loop: throughput = users / (think time + response time)', () => {
    // 20 users, mean think 100 ms, constant 10 ms service: X = 20 / 0.110 s = 181.8 rps.
    const s = queueingScenario({ arrivalRps: 1, serviceTime: { kind: 'constant', value: 10 }, workers: 64, durationMs: 120_000 })
    s.traffic = [{ name: 'users', to: 'server', load: { kind: 'closed_loop', users: 20, thinkTime: 100 } }]
    const r = runScenario(s).summary
    expect(Math.abs(r.services.server!.throughputRps / (20 / 0.11) - 1)).toBeLessThan(0.02) // σ ≈ 0.3 %
  })

  it('a request mix routes by path and header', () => {
    // v2 fails every request, so the share of failures is the share routed to v2.
    const s = twoTier({ rps: 400, backVersions: [{ name: 'v1', replicas: 1 }, { name: 'v2', replicas: 1, errorRate: 100 }] })
    s.routes = [{ service: 'back', rules: [
      { match: [{ path: { prefix: '/checkout' } }], split: [{ version: 'v2', weight: 100 }] },
      { split: [{ version: 'v1', weight: 100 }] },
    ] }]
    s.traffic = [{ name: 'users', to: 'back', load: { kind: 'poisson', rate: 100 }, mix: [{ path: '/', weight: 3 }, { path: '/checkout', weight: 1 }] }]
    const r = runScenario(s).summary
    const ingress = r.edges.find((e) => e.from === 'ingress')!
    expect(Math.abs(ingress.requests / 3000 - 1)).toBeLessThan(0.06)
    expect(r.services.back!.requests).toBe(ingress.requests)
    expect(Math.abs(ingress.failed / ingress.requests - 0.25)).toBeLessThan(0.04) // σ ≈ 0.008
  })
})

describe('traces', () => {
  it('keeps sampled user requests as span trees: request → attempt → server → downstream requests', () => {
    const r = runScenario('bookinfo').summary
    expect(r.traces.length).toBeGreaterThan(5)
    expect(r.traces.length).toBeLessThanOrEqual(24)
    const t = r.traces[0]!
    expect(t.root).toMatchObject({ kind: 'request', name: 'ingress → productpage' })
    const attempt = t.root.children[0]!
    expect(attempt.kind).toBe('attempt')
    const server = attempt.children[0]!
    expect(server).toMatchObject({ kind: 'server' })
    expect(server.name).toMatch(/^productpage-v1-\d$/)
    expect(server.children.map((c: Span) => c.name)).toEqual(['productpage → details', 'productpage → reviews'])
    const [details, reviews] = server.children
    expect(reviews!.startMs).toBeGreaterThanOrEqual(details!.endMs) // sequential calls
    expect(t.durationMs).toBeCloseTo(t.root.endMs - t.root.startMs, 3)
  })
})

describe('rollouts', () => {
  it('the canary scenario steps to 10 % and is rolled back by its error-rate gate', () => {
    const r = runScenario('canary-rollout').summary
    expect(r.rollouts.map((e) => [e.action, e.weight, e.atSeconds])).toEqual([['step', 10, 20], ['rollback', 0, 40]])
    expect(r.rollouts[1]!.reason).toMatch(/^error rate/)
  })
})

describe('progress and memory', () => {
  it('reports progress while running', () => {
    const seen: number[] = []
    const run = createSimulationRun(loadBundled('bookinfo'), { onProgress: (p) => seen.push(p.fraction) })
    run.advance()
    expect(seen.at(-1)).toBe(1)
    expect(seen.length).toBeGreaterThan(0)
  })

  it('keeps time series bounded however long the run (30 min of Bookinfo: ≤ 512 points)', () => {
    const r = runScenario('bookinfo', { until: '30m' }).summary
    const series = r.timeSeries.services.productpage!
    expect(series.points).toBeLessThanOrEqual(512)
    expect(series.bucketSeconds).toBe(4)
    expect(series.fields.requests!.reduce((a, b) => a + b, 0)).toBeGreaterThan(85_000)
    expect(r.traces.length).toBeLessThanOrEqual(24)
  })
})
