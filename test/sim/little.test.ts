/**
 * Little's law, L = λW, on every bundled scenario. On a finite run the law is exact for
 * the sample path when the system starts and ends empty, so each scenario runs without
 * warm-up and 120 s of quiet are appended after its traffic stops (everything in flight
 * then finishes, retries and timeouts included; faults keep their times). L is the time-average number of requests in a service, λ its
 * completed requests per second and W their mean time in the service; the only slack left
 * is the rounding of the reported values (4 decimals, 1 µs).
 */
import { describe, expect, it } from 'vitest'
import type { Scenario } from '../../engine/index'
import { bundledScenarios, loadBundled, runScenario } from '../support/runScenario'

function drained(s: Scenario, activeMs: number, drainMs: number): Scenario {
  return {
    ...s,
    duration: activeMs + drainMs,
    warmup: 0,
    traffic: s.traffic?.map((t) => ({ ...t, stop: Math.min(t.stop ?? activeMs, activeMs) })),
    faults: s.faults?.filter((f) => f.at < activeMs),
  }
}

describe("Little's law", () => {
  for (const name of bundledScenarios()) {
    it(`${name}: L = λW for every service`, () => {
      const scenario = loadBundled(name)
      const r = runScenario(drained(scenario, scenario.duration, 120_000)).summary
      for (const [service, s] of Object.entries(r.services)) {
        const lambdaW = (s.throughputRps * s.latencyMs.mean) / 1000
        expect(Math.abs(s.inFlightMean - lambdaW), service).toBeLessThanOrEqual(0.002 * s.inFlightMean + 2e-4)
        expect(s.succeeded + s.failed, service).toBe(s.requests)
      }
    })
  }
})
