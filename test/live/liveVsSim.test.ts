/**
 * LIVE vs SIM: test/fixtures/live/edge-failover.scenario.yaml (shop v1 ×2 / v2 ×2 split
 * 80/20, 2 retries on 5xx, outlier detection 3 × 5xx / 1 s interval / 2 s ejection, 200 rps,
 * v2 answers 503 from 5.5 s to 8.5 s) simulated with `runScenario`, and its HAProxy and nginx
 * exports run on 127.0.0.1 against one Node backend per replica at the same rate, v2's
 * backends failing over the same 3 s (their /health keeps answering). Both proxies run at
 * once, ≈ 15 s in all. The same figures come out of both (failoverFigures.ts) and one line
 * per proxy is printed: `LIVE-vs-SIM <proxy>: split … / …; success during failure …; ejected
 * after …; back after …; retries per failed try …; ejections …`.
 *
 * Expected figures, with v = rps × 20 % = 40 requests/s to v2, H = 2 pods, N = 3,
 * T = 3 tries per request, I = 1 s, B = 2 s:
 * - split: the proxies pick the version by weighted round robin, so exactly 20 % (± 2 %
 *   asserted); Envoy picks at random, so the simulation is within 3 binomial σ of 20 %.
 * - success during the failure: a request keeps its version and retries stay inside it
 *   (Envoy, and the exports' per-version sections), so every request routed to v2 fails and
 *   every other one succeeds, live and simulated; overall ≈ 100 % − v2's share, which is
 *   exact live and random in the simulation (tolerance: 3 σ of the simulated share + 1 %).
 * - retries per failed try: Envoy and HAProxy (redispatch, the same server when no other
 *   is left) make T tries per request: (T − 1) / T = 0.67, less when the version runs out
 *   of endpoints mid-request (the simulation); nginx tries each server at most once, so at
 *   most min(T, H) tries: ≤ (2 − 1) / 2 = 0.5.
 * - ejected after (v2's last endpoint out): Envoy counts every try, and the H endpoints
 *   alternate, so both reach N consecutive 5xx after N·H tries = ⌈N·H / T⌉ requests: 0.05 s.
 *   HAProxy < 3.1 (haproxy#2679) books only a request's final answer, on its first server,
 *   and nginx counts only the tries it moves on from (all but a request's last), so either
 *   way each request adds one error to its first server; first servers alternate: N·H
 *   requests, 0.15 s. (/health keeps answering, so HAProxy's check does not help here.)
 * - ejection lengths: Envoy's k-th consecutive ejection of a host lasts k·B, returned on the
 *   first interval tick after that: [k·B, k·B + I). HAProxy holds a server out until
 *   rise = B / I + 1 good checks I apart, the first within I: (B, B + I]. nginx skips it
 *   while now − last failure ≤ fail_timeout in whole seconds: (B, B + 1 s]. Neither proxy
 *   backs off, so (exporter diagnostic 009) their second ejection is as short as the first.
 * - back after: the last ejection before the fault's end, plus its length, minus the end.
 *   Here the first ejection (≈ 5.6 s + 2–3 s) ends before 8.5 s, the version fails again and
 *   is ejected again: Envoy for 2·B → back ≈ 8.0 + 4 + tick − 8.5 ≈ 4.5 s; the proxies for
 *   B again → back within B + I (HAProxy) or B + 1 s (nginx), plus the wait for a request.
 * Every figure gets a slack of 0.3 s for scheduling (two proxies, four backends and the
 * client share two CPUs).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseScenario } from '../../engine/model/parse'
import type { Figures } from './failoverFigures'
import { figuresOf, simEjections } from './failoverFigures'
import { failoverSetup, runLive, simulate } from './failoverRun'

const scenario = parseScenario(readFileSync(resolve(import.meta.dirname, '../fixtures/live/edge-failover.scenario.yaml'), 'utf8')).scenario!
const setup = failoverSetup(scenario)
const route = scenario.routes![0]!.rules[0]!
const od = scenario.destinations![0]!.outlierDetection!
const N = od.consecutive5xxErrors!
const I = od.interval! / 1000
const B = od.baseEjectionTime! / 1000
const T = route.retries!.attempts + 1
const H = setup.window.badHosts.length
const share = route.split.find((s) => s.version === setup.version)!.weight / 100
const v = setup.rps * share
const runEndS = setup.durationMs / 1000
const SLACK = 0.3

const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
})

let sim: Figures
beforeAll(() => {
  sim = figuresOf(simulate(scenario, setup).requests, setup.window, runEndS)
})

const pct = (x: number) => `${x.toFixed(1)}%`
const sec = (x: number) => `${x.toFixed(2)} s`
const lengths = (f: Figures) => `${f.ejections.map(([, l]) => l.toFixed(2)).join(', ')} s`

function line(kind: string, live: Figures): string {
  return `LIVE-vs-SIM ${kind}: split live ${pct(live.splitPct)} / sim ${pct(sim.splitPct)}; success during failure live ${pct(live.successDuringPct)} / sim ${pct(sim.successDuringPct)}; ejected after live ${sec(live.ejectedAfterS)} / sim ${sec(sim.ejectedAfterS)}; back after live ${sec(live.backAfterS)} / sim ${sec(sim.backAfterS)}; retries per failed try live ${live.retriesPerFailedTry.toFixed(2)} / sim ${sim.retriesPerFailedTry.toFixed(2)}; ejections live ${lengths(live)} / sim ${lengths(sim)}`
}

/** Binomial σ of the simulated v2 share, in percentage points. */
function sigmaPct(n: number): number {
  return 100 * Math.sqrt((share * (1 - share)) / n)
}

describe('the simulation of edge-failover', () => {
  it('predicts what Envoy does: random 80/20 split, v2 share lost, every try counted, ejections back off', () => {
    const result = simulate(scenario, setup).result
    const own = simEjections(result, `ingress/${scenario.traffic![0]!.name}`, setup.window)
    // the trace-based figures agree with the simulation's own ejection record
    expect(Math.abs(sim.ejectedAfterS - own.ejectedAfterS)).toBeLessThan(0.02)
    expect(Math.abs(sim.backAfterS - own.backAfterS)).toBeLessThan(0.15)
    expect(Math.abs(sim.splitPct - 100 * share)).toBeLessThanOrEqual(3 * sigmaPct(sim.splitRequests))
    expect(sim.badRoutedSuccessPct).toBe(0)
    expect(sim.retriesPerFailedTry).toBeLessThanOrEqual((T - 1) / T + 1e-9)
    expect(sim.ejectedAfterS).toBeLessThanOrEqual(Math.ceil((N * H) / T) / v + 1 / v)
    // first ejection of each endpoint lasts [B, B + I), the second [2B, 2B + I) (+ the next request's wait)
    const perHost = [sim.ejections.slice(0, H), sim.ejections.slice(H)]
    for (const [k, group] of perHost.entries()) {
      for (const [, length] of group) {
        expect(length).toBeGreaterThanOrEqual((k + 1) * B)
        expect(length).toBeLessThan((k + 1) * B + I + 0.1)
      }
    }
    // back after the fault: the second ejection (2B, from its start) outlasts the fault
    const lastStart = Math.max(...sim.ejections.map(([start]) => start))
    expect(sim.backAfterS).toBeGreaterThanOrEqual(lastStart + 2 * B - setup.window.endS)
    expect(sim.backAfterS).toBeLessThan(lastStart + 2 * B + I + 0.1 - setup.window.endS)
  })
})

describe.concurrent('LIVE vs SIM: the exports on 127.0.0.1 behave as the simulation predicts', () => {
  for (const kind of ['haproxy', 'nginx'] as const) {
    it(`${kind}: split, success during the failure, retries, ejection and return`, { timeout: 40_000 }, async () => {
      const run = await runLive(kind, scenario, setup, (f) => cleanups.push(f))
      const live = figuresOf(run.requests, setup.window, runEndS)
      console.log(line(kind, live))
      if (process.env.LIVE_DEBUG) console.log(run.proxyLog)
      // split: weighted round robin over the versions, exact
      expect(Math.abs(live.splitPct - 100 * share)).toBeLessThanOrEqual(2)
      // success: v2's requests fail, the others succeed, as simulated
      expect(Math.abs(live.badRoutedSuccessPct - sim.badRoutedSuccessPct)).toBeLessThanOrEqual(2)
      expect(Math.abs(live.successDuringPct - sim.successDuringPct)).toBeLessThanOrEqual(3 * sigmaPct(sim.duringRequests) + 1)
      // retries: T tries (HAProxy, as Envoy), at most one per server (nginx)
      if (kind === 'haproxy') expect(Math.abs(live.retriesPerFailedTry - (T - 1) / T)).toBeLessThan(0.05)
      else {
        const tries = Math.min(T, H)
        expect(live.retriesPerFailedTry).toBeGreaterThan(0)
        expect(live.retriesPerFailedTry).toBeLessThanOrEqual((tries - 1) / tries + 1e-9)
      }
      // ejection: one counted error per request, on its first server → N·H requests
      expect(live.ejectedAfterS).toBeGreaterThanOrEqual((N * H - 2) / v - 0.05)
      expect(live.ejectedAfterS).toBeLessThanOrEqual((N * H) / v + SLACK)
      // every ejection lasts B to B + I (HAProxy) or B + 1 s (nginx): no back-off
      const longest = B + (kind === 'haproxy' ? I : 1) + SLACK
      expect(live.ejections.length).toBeGreaterThanOrEqual(H)
      for (const [, length] of live.ejections) {
        expect(length).toBeGreaterThan(B - 0.05)
        expect(length).toBeLessThanOrEqual(longest)
      }
      // back: within one (unbacked-off) ejection of the fault's end, where Envoy takes 2·B
      expect(live.backAfterS).toBeGreaterThanOrEqual(0)
      expect(live.backAfterS).toBeLessThanOrEqual(longest)
    })
  }
})
