import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSplitMix64, mockRandom } from '../random64'
import { createOutlierDetector } from './outlierDetector'
import type { InspectableOutlierDetector, OutlierResult } from './outlierTypes'

const S = 1000
const zeroRandom = () => mockRandom([])

function load(od: InspectableOutlierDetector, host: number, count: number, status: OutlierResult, nowMs: number): void {
  for (let i = 0; i < count; i++) od.record(host, status, nowMs)
}

describe('consecutive errors', () => {
  it('ejects on the 5th consecutive 5xx and unejects on the first tick ≥ base ejection time (rounded up to the grid)', () => {
    const od = createOutlierDetector(1, { maxEjectionPercent: 100 }, { random: zeroRandom() })
    load(od, 0, 4, 500, 3 * S)
    expect(od.isEjected(0)).toBe(false)
    od.record(0, 500, 3 * S)
    expect(od.isEjected(0)).toBe(true)
    expect(od.ejectionEndMs(0)).toBe(33 * S) // 3 s + 30 s base
    for (const t of [10, 20, 30]) {
      od.tick(t * S)
      expect(od.isEjected(0)).toBe(true)
    }
    od.tick(40 * S) // the 33 s deadline is only noticed by the next interval tick
    expect(od.isEjected(0)).toBe(false)
    expect(od.lastUnejectionMs(0)).toBe(40 * S)
  })

  it('a success resets the count; local failures map to 503 / 504', () => {
    const od = createOutlierDetector(1, { maxEjectionPercent: 100 }, { random: zeroRandom() })
    load(od, 0, 4, 503, 0)
    od.record(0, 200, 0)
    load(od, 0, 4, 'connect_failure', 0)
    expect(od.isEjected(0)).toBe(false)
    od.record(0, 'timeout', 0)
    expect(od.isEjected(0)).toBe(true)
    expect(od.stats().ejectionsEnforced.consecutive_5xx).toBe(1)
  })

  it('gateway failures are detected but not enforced by default (enforcing 0 %)', () => {
    const od = createOutlierDetector(1, { consecutive5xx: 100, maxEjectionPercent: 100 }, { random: zeroRandom() })
    load(od, 0, 5, 502, 0)
    expect(od.isEjected(0)).toBe(false)
    expect(od.stats().ejectionsDetected.consecutive_gateway_failure).toBe(1)
  })

  it('gateway counter: 502/503/504 and resets count, a 500 resets it', () => {
    const cfg = { consecutive5xx: 100, enforcingConsecutiveGatewayFailure: 100, maxEjectionPercent: 100 }
    const od = createOutlierDetector(1, cfg, { random: zeroRandom() })
    load(od, 0, 4, 504, 0)
    od.record(0, 500, 0)
    load(od, 0, 4, 'reset', 0)
    expect(od.isEjected(0)).toBe(false)
    od.record(0, 502, 0)
    expect(od.isEjected(0)).toBe(true)
    expect(od.stats().ejectionsEnforced).toMatchObject({ consecutive_gateway_failure: 1, consecutive_5xx: 0 })
  })

  it("rolls a partial enforcement percentage like Envoy's featureEnabled: random() % 100 < pct", () => {
    // 50 %: the first roll draws 150 (→ 50, not < 50), the next draws 49 (enforced), then jitter draws 0.
    const od = createOutlierDetector(1, { enforcingConsecutive5xx: 50, maxEjectionPercent: 100 }, { random: mockRandom([150, 49]) })
    load(od, 0, 5, 500, 0)
    expect(od.isEjected(0)).toBe(false)
    expect(od.stats().ejectionsDetected.consecutive_5xx).toBe(1)
    load(od, 0, 5, 500, 0)
    expect(od.isEjected(0)).toBe(true)
  })

  it('distribution: enforcing 30 % enforces 30 % ± 2 % of 5 000 attempts', () => {
    // Each attempt draws random() % 100 < 30: probability exactly 30/100 up to 2^-57.
    const random = createSplitMix64(11n)
    let enforced = 0
    for (let i = 0; i < 5000; i++) {
      const od = createOutlierDetector(1, { enforcingConsecutive5xx: 30, maxEjectionPercent: 100 }, { random })
      load(od, 0, 5, 500, 0)
      if (od.isEjected(0)) enforced++
    }
    expect(Math.abs(enforced / 5000 - 0.3)).toBeLessThan(0.02)
  })

  it('adds jitter = random() % (max_ejection_time_jitter + 1)', () => {
    const od = createOutlierDetector(1, { maxEjectionPercent: 100, maxEjectionTimeJitterMs: 1000 }, { random: mockRandom([1500]) })
    load(od, 0, 5, 500, 0)
    expect(od.ejectionEndMs(0)).toBe(30_000 + 499) // 1500 % 1001
  })
})

describe('ejection time back-off', () => {
  it('Envoy EjectTimeBackoff (base 10 s): ejections at 0, 10, 30, 80, 610 s last 10, 20, 30, 20, 10 s', () => {
    const od = createOutlierDetector(1, { baseEjectionTimeMs: 10 * S, maxEjectionPercent: 100 }, { random: zeroRandom() })
    const ejectAt = new Set([0, 10, 30, 80, 610])
    const durations: number[] = []
    let start = 0
    for (let t = 0; t <= 700; t += 10) {
      if (t > 0) od.tick(t * S) // Envoy's interval timer runs before the test's requests at t
      if (t > 0 && start >= 0 && !od.isEjected(0)) {
        durations.push(t - start)
        start = -1
      }
      if (ejectAt.has(t)) {
        load(od, 0, 5, 500, t * S)
        expect(od.isEjected(0)).toBe(true)
        start = t
      }
    }
    expect(durations).toEqual([10, 20, 30, 20, 10])
  })

  it('with defaults and immediate re-ejection: 30, 60, …, 270, 300, 300 s', () => {
    const od = createOutlierDetector(1, { maxEjectionPercent: 100 }, { random: zeroRandom() })
    const durations: number[] = []
    let t = 0
    for (let i = 0; i < 12; i++) {
      load(od, 0, 5, 500, t * S)
      const start = t
      while (od.isEjected(0)) {
        t += 10
        od.tick(t * S)
      }
      durations.push(t - start)
    }
    expect(durations).toEqual([30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 300, 300])
  })
})

describe('max_ejection_percent', () => {
  it('default 10 % never ejects any of 3 hosts: 100·(0+1)/3 > 10 (envoy#3263)', () => {
    const od = createOutlierDetector(3, {}, { random: zeroRandom() })
    load(od, 0, 5, 503, 0)
    expect(od.isEjected(0)).toBe(false)
    // A 503 feeds both counters, so both the gateway and the 5xx attempt overflow.
    expect(od.stats().ejectionsOverflow).toBe(2)
  })

  it('50 % with 2 hosts ejects one (50 ≤ 50), not both; 3 hosts likewise one (33 ≤ 50 < 66)', () => {
    for (const hosts of [2, 3]) {
      const od = createOutlierDetector(hosts, { maxEjectionPercent: 50 }, { random: zeroRandom() })
      load(od, 0, 5, 500, 0)
      load(od, 1, 5, 500, 0)
      expect([od.isEjected(0), od.isEjected(1)]).toEqual([true, false])
      expect(od.ejectedCount()).toBe(1)
    }
  })

  it('always_eject_one_host overrides the percentage for the first host only', () => {
    const od = createOutlierDetector(3, { alwaysEjectOneHost: true }, { random: zeroRandom() })
    load(od, 0, 5, 500, 0)
    load(od, 1, 5, 500, 0)
    expect([od.isEjected(0), od.isEjected(1)]).toEqual([true, false])
  })
})

describe('success rate and failure percentage', () => {
  it('analyses the interval that just ended: 50 % among four 100 % hosts is ejected at the tick', () => {
    const od = createOutlierDetector(5, { consecutive5xx: 1000, maxEjectionPercent: 20 }, { random: zeroRandom() })
    for (let h = 0; h < 5; h++) {
      load(od, h, 50, 200, 1 * S)
      load(od, h, 50, h === 0 ? 500 : 200, 1 * S)
    }
    expect(od.isEjected(0)).toBe(false) // nothing happens before the tick
    od.tick(10 * S)
    expect(od.isEjected(0)).toBe(true)
    expect(od.successRateSummary()).toEqual({ mean: 90, threshold: 52 })
    expect(od.successRate(1)).toBe(100)
    od.tick(20 * S) // the next interval had no traffic: no analysis result
    expect(od.successRateSummary()).toEqual({ mean: -1, threshold: -1 })
  })

  it('failure percentage ejects at ≥ 85 % failures when enforced, with 50 requests per host', () => {
    const cfg = { consecutive5xx: 1000, enforcingSuccessRate: 0, enforcingFailurePercentage: 100, maxEjectionPercent: 100 }
    const od = createOutlierDetector(5, cfg, { random: zeroRandom() })
    for (let h = 0; h < 5; h++) {
      const failures = h === 2 ? 43 : 42 // 86 % vs 84 %
      load(od, h, failures, 503, 0)
      load(od, h, 50 - failures, 200, 0)
    }
    od.tick(10 * S)
    expect([0, 1, 2, 3, 4].map((h) => od.isEjected(h))).toEqual([false, false, true, false, false])
    expect(od.stats().ejectionsEnforced.failure_percentage).toBe(1)
  })
})

describe('listeners and validation', () => {
  it('reports ejections and unejections', () => {
    const events: string[] = []
    const od = createOutlierDetector(1, { maxEjectionPercent: 100 }, {
      random: zeroRandom(),
      onEject: (h, kind, t) => events.push(`eject ${h} ${kind} ${t}`),
      onUneject: (h, t) => events.push(`uneject ${h} ${t}`),
    })
    load(od, 0, 5, 500, 5)
    od.tick(30_005)
    expect(events).toEqual(['eject 0 consecutive_5xx 5', 'uneject 0 30005'])
  })

  it('rejects max < base, bad host indices and bad host counts', () => {
    expect(() => createOutlierDetector(1, { baseEjectionTimeMs: 20, maxEjectionTimeMs: 10 }, { random: zeroRandom() })).toThrow(RangeError)
    expect(() => createOutlierDetector(-1, {}, { random: zeroRandom() })).toThrow(RangeError)
    const od = createOutlierDetector(2, {}, { random: zeroRandom() })
    expect(() => od.record(2, 200, 0)).toThrow(RangeError)
    expect(() => od.isEjected(-1)).toThrow(RangeError)
  })
})

describe('properties', () => {
  const statusArb = fc.constantFrom<OutlierResult>(200, 200, 404, 500, 502, 503, 504, 'reset', 'timeout', 'connect_failure')
  const opArb = (hosts: number) => fc.oneof(
    fc.record({ kind: fc.constant('record' as const), host: fc.integer({ min: 0, max: hosts - 1 }), status: statusArb, dt: fc.integer({ min: 0, max: 500 }) }),
    fc.record({ kind: fc.constant('tick' as const) }),
  )
  const scenarioArb = fc.integer({ min: 1, max: 12 }).chain((hosts) => fc.record({
    hosts: fc.constant(hosts),
    maxPct: fc.integer({ min: 0, max: 100 }),
    alwaysOne: fc.boolean(),
    consecutive: fc.integer({ min: 1, max: 4 }),
    enforcing: fc.integer({ min: 0, max: 100 }),
    seed: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    ops: fc.array(opArb(hosts), { maxLength: 400 }),
  }))

  type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never

  function run(s: Scenario, onStep: (od: InspectableOutlierDetector) => void): string {
    const od = createOutlierDetector(s.hosts, {
      maxEjectionPercent: s.maxPct, alwaysEjectOneHost: s.alwaysOne, consecutive5xx: s.consecutive,
      consecutiveGatewayFailure: s.consecutive, enforcingConsecutive5xx: s.enforcing, enforcingConsecutiveGatewayFailure: s.enforcing,
      intervalMs: 1000, baseEjectionTimeMs: 1500, maxEjectionTimeJitterMs: 700, successRateMinimumHosts: 2,
      successRateRequestVolume: 3, failurePercentageMinimumHosts: 2, failurePercentageRequestVolume: 3, enforcingFailurePercentage: s.enforcing,
    }, { random: createSplitMix64(s.seed) })
    let now = 0
    let nextTick = 1000
    let trace = ''
    for (const op of s.ops) {
      if (op.kind === 'tick') {
        now = nextTick
        od.tick(now)
        nextTick += 1000
      } else {
        now = Math.min(now + op.dt, nextTick - 1)
        od.record(op.host, op.status, now)
      }
      onStep(od)
      trace += od.ejectedCount()
    }
    return trace
  }

  it('ejected count never exceeds the max_ejection_percent limit (or one host with always_eject_one_host)', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      const limit = Math.max(Math.floor((Math.min(s.maxPct, 100) * s.hosts) / 100), s.alwaysOne ? 1 : 0)
      run(s, (od) => {
        let ejected = 0
        for (let h = 0; h < s.hosts; h++) if (od.isEjected(h)) ejected++
        expect(ejected).toBe(od.ejectedCount())
        expect(ejected).toBeLessThanOrEqual(limit)
      })
    }))
  })

  it('the same seed gives the same ejections', () => {
    fc.assert(fc.property(scenarioArb, (s) => {
      expect(run(s, () => {})).toBe(run(s, () => {}))
    }))
  })
})
