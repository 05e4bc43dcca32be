/**
 * Small hand-built scenarios for the fidelity suites: traffic from the ingress straight to
 * one service `back` (so the ingress sidecar's route is the policy under test), with no
 * network or sidecar latency unless asked, and traffic that stops before the end of the
 * run so every request has finished and counts are exact.
 */
import type { EdgeSummary, RunResult, Scenario } from '../../engine/index'
import { runScenario } from '../support/runScenario'

type Version = Scenario['services'][number]['versions'][number]
type Rule = NonNullable<Scenario['routes']>[number]['rules'][number]

/** Options of `direct`. */
export interface DirectOptions {
  readonly mesh?: Scenario['mesh']
  readonly rps?: number
  /** Traffic runs from 0 to `trafficMs`; the run lasts `trafficMs + drainMs`. */
  readonly trafficMs?: number
  readonly drainMs?: number
  readonly versions?: Version[]
  readonly network?: boolean
  readonly seed?: number
}

/** users (ingress) → back. Routes, destinations and faults are added by the test. */
export function direct(o: DirectOptions = {}): Scenario {
  const trafficMs = o.trafficMs ?? 10_000
  return {
    formatVersion: 1,
    name: 'fidelity',
    mesh: o.mesh ?? 'istio',
    seed: o.seed ?? 1,
    duration: trafficMs + (o.drainMs ?? 5000),
    warmup: 0,
    ...(o.network ? {} : { network: { sameZone: 0, crossZone: 0, sidecar: 0 } }),
    services: [{ name: 'back', versions: o.versions ?? [{ name: 'v1', replicas: 2, concurrency: 256, queue: 10_000, serviceTime: { kind: 'constant', value: 1 } }] }],
    traffic: [{ name: 'users', to: 'back', load: { kind: 'poisson', rate: o.rps ?? 100 }, stop: trafficMs }],
  }
}

/** A rule sending everything to version v1, with extra fields. */
export function rule(extra: Partial<Rule> = {}): Rule {
  return { split: [{ version: 'v1', weight: 100 }], ...extra }
}

/** Runs a scenario. */
export function run(s: Scenario): RunResult {
  return runScenario(s).summary
}

/** The edge `from → to` of a run (throws when missing). */
export function edge(r: RunResult, from: string, to: string): EdgeSummary {
  const e = r.edges.find((x) => x.from === from && x.to === to)
  if (!e) throw new Error(`no edge ${from} → ${to}`)
  return e
}

/** Attempts per request on an edge. */
export function triesPerRequest(e: EdgeSummary): number {
  return e.attempts / e.requests
}
