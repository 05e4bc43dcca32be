/**
 * The faults timeline and time-based results: each fault shows up in the per-second
 * series exactly while it is active, and SLOs report when they were first violated.
 */
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../engine/index'
import { runScenario, twoTier } from '../support/runScenario'

const run = (s: Scenario) => runScenario(s).summary
type Result = ReturnType<typeof run>
const series = (r: Result, service: string, field: string) => r.timeSeries.services[service]!.fields[field]!
const sum = (xs: readonly number[], from: number, to: number) => xs.slice(from, to).reduce((a, b) => a + b, 0)
const edge = (r: Result, from: string, to: string) => r.edges.find((e) => e.from === from && e.to === to)!

describe('faults timeline', () => {
  it('crash: in-flight requests reset, new ones are refused until the endpoint leaves, then none fail', () => {
    const s = twoTier({ rps: 200, backReplicas: 2, backServiceTime: { kind: 'constant', value: 20 } })
    s.faults = [{ kind: 'crash', at: 10_000, service: 'back', replica: 0 }]
    s.routes = [{ service: 'back', rules: [{ split: [{ version: 'v1', weight: 100 }], retries: { attempts: 0 } }] }]
    const r = run(s)
    const e = edge(r, 'front', 'back')
    expect(e.fates.reset).toBeGreaterThan(0)
    expect(e.fates.reset).toBeLessThan(5) // ~2 in flight on that replica at 200 rps × 20 ms / 2
    expect(e.fates.connect_failure).toBeGreaterThan(50) // ~100 per second for the 2 s until EDS removal
    const failed = series(r, 'front', 'failed')
    expect(sum(failed, 0, 10)).toBe(0)
    expect(sum(failed, 13, 30)).toBe(0)
  })

  it('crash with Istio default retries: connect failures are retried on the other replica', () => {
    const s = twoTier({ rps: 200, backReplicas: 2 })
    s.faults = [{ kind: 'crash', at: 10_000, service: 'back', replica: 0, restartAfter: 5000 }]
    const r = run(s)
    const e = edge(r, 'front', 'back')
    expect(e.retries).toBeGreaterThan(50)
    expect(e.fates.success_after_retry).toBeGreaterThan(50)
    // least_request favours the dead replica (few active requests), so a retry's 6 host
    // selections can all land on it: a few requests still fail with all 3 tries refused.
    expect(e.fates.connect_failure).toBeLessThan(e.fates.success_after_retry / 10)
  })

  it('every replica down: no healthy upstream once the endpoints are gone, back after the restart', () => {
    const s = twoTier({ rps: 100, backReplicas: 1 })
    s.faults = [{ kind: 'crash', at: 5000, service: 'back', restartAfter: 10_000 }]
    const r = run(s)
    const e = edge(r, 'front', 'back')
    expect(e.fates.no_healthy_upstream).toBeGreaterThan(600) // 7 s × 100 rps after the 2 s removal delay
    const failed = series(r, 'front', 'failed')
    expect(sum(failed, 7, 15)).toBeGreaterThan(700)
    expect(sum(failed, 16, 30)).toBe(0)
  })

  it('latency, error_burst and slow_replica apply only while active', () => {
    const s = twoTier({ rps: 200, backReplicas: 2, backServiceTime: { kind: 'constant', value: 2 } })
    s.faults = [
      { kind: 'latency', at: 5000, for: 5000, service: 'back', add: 50 },
      { kind: 'error_burst', at: 15_000, for: 5000, service: 'back', rate: 50, status: 503 },
      { kind: 'slow_replica', at: 22_000, for: 4000, service: 'back', replica: 1, factor: 20 },
    ]
    s.routes = [{ service: 'back', rules: [{ split: [{ version: 'v1', weight: 100 }], retries: { attempts: 0 } }] }]
    const r = run(s)
    const meanMs = (from: number, to: number) => sum(series(r, 'back', 'latencyMsSum'), from, to) / sum(series(r, 'back', 'completed'), from, to)
    expect(meanMs(0, 5)).toBeCloseTo(2, 5)
    expect(meanMs(6, 10)).toBeCloseTo(52, 5)
    expect(meanMs(11, 15)).toBeCloseTo(2, 5)
    const failed = series(r, 'back', 'failed')
    expect(sum(failed, 0, 15)).toBe(0)
    expect(Math.abs(sum(failed, 15, 20) / sum(series(r, 'back', 'requests'), 15, 20) - 0.5)).toBeLessThan(0.05)
    expect(sum(failed, 20, 30)).toBe(0)
    expect(meanMs(23, 26)).toBeGreaterThan(10) // half the requests take 40 ms
    expect(meanMs(27, 30)).toBeCloseTo(2, 5)
  })

  it('partition: new connections across the zones time out; same-zone traffic is unaffected', () => {
    const s = twoTier({ rps: 100, zones: ['a', 'b'], backVersions: [{ name: 'v1', replicas: 2, zones: ['a', 'b'] }] })
    s.faults = [{ kind: 'partition', at: 10_000, for: 5000, zones: ['a', 'b'] }]
    s.routes = [{ service: 'back', rules: [{ split: [{ version: 'v1', weight: 100 }], timeout: 500, retries: { attempts: 0 } }] }]
    const r = run(s)
    const e = edge(r, 'front', 'back')
    // Istio's 10 s connect timeout outlasts the 500 ms route timeout: those requests time out.
    // least_request steers away from the zone-b replica as its hung requests pile up.
    expect(e.fates.timeout).toBeGreaterThan(50)
    const failed = series(r, 'front', 'failed')
    expect(sum(failed, 0, 10)).toBe(0)
    expect(sum(failed, 17, 30)).toBe(0)
  })

  it('rolling deploy: batches leave the endpoint set, drain and return without failing a request', () => {
    const s = twoTier({ rps: 200, backReplicas: 3 })
    s.faults = [{ kind: 'rolling_deploy', at: 5000, service: 'back', batch: 1, restartTime: 4000 }]
    const r = run(s)
    expect(r.services.front!.failed).toBe(0)
    expect(r.services.back!.failed).toBe(0)
  })
})

describe('SLOs', () => {
  it('report the first violation time and fail when the objective is missed', () => {
    const s = twoTier({ rps: 200, backServiceTime: { kind: 'constant', value: 2 } })
    s.routes = [{ service: 'back', rules: [{ split: [{ version: 'v1', weight: 100 }], retries: { attempts: 0 } }] }]
    s.faults = [{ kind: 'error_burst', at: 20_000, for: 2000, service: 'back', rate: 20 }]
    s.slos = [
      { kind: 'success_rate', name: 'windowed', service: 'front', objective: 99, window: 5000 },
      { kind: 'success_rate', name: 'whole run', service: 'front', objective: 95 },
      { kind: 'latency', name: 'fast', service: 'front', percentile: 99, threshold: 10 },
    ]
    const r = run(s)
    const [windowed, whole, fast] = r.slos
    expect(windowed).toMatchObject({ ok: false, firstViolationSeconds: 21, windowSeconds: 5 })
    expect(whole).toMatchObject({ ok: true, firstViolationSeconds: null, windowSeconds: null })
    expect(whole!.value).toBeGreaterThan(98)
    expect(fast).toMatchObject({ ok: true, firstViolationSeconds: null })
    expect(fast!.value).toBeLessThan(3)
  })
})
