/**
 * Test harness for the engine (the engine's `TestEditor`): run a bundled scenario by name,
 * or a scenario built in the test, and get `{summary, trace, diagnostics}`.
 *
 * `queueingScenario` builds the single-service topologies the theory tests need: one
 * service, Poisson (or constant) arrivals, a chosen service-time distribution and worker
 * count, a queue that never overflows, and zero network and sidecar latency, so the
 * service's latency is exactly the queueing system's time in system.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseDurationMs, parseScenario, runScenario as runEngine } from '../../engine/index'
import type { Diagnostic, RunResult, Scenario } from '../../engine/index'

/** Folder of the bundled scenarios. */
export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url))

/** Names of every bundled scenario (`bookinfo` for `bookinfo.scenario.yaml`), sorted. */
export function bundledScenarios(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.scenario.yaml'))
    .map((f) => f.slice(0, -'.scenario.yaml'.length))
    .sort()
}

/** Loads and parses a bundled scenario; throws when it is not valid. */
export function loadBundled(name: string): Scenario {
  const file = `${SCENARIO_DIR}${name}.scenario.yaml`
  const parsed = parseScenario(readFileSync(file, 'utf8'), { file })
  if (!parsed.ok || !parsed.scenario) throw new Error(`${name}: ${parsed.diagnostics.map((d) => d.message).join('; ')}`)
  return parsed.scenario
}

/** What a test run returns. */
export interface HarnessRun {
  readonly summary: RunResult
  /** The run's trace hash (equal hashes: the same run, event for event). */
  readonly trace: string
  readonly diagnostics: readonly Diagnostic[]
}

/** Runs a bundled scenario (by name) or a scenario model; `until` overrides the duration ('10m' or ms). */
export function runScenario(scenario: string | Scenario, opts: { seed?: number; until?: string | number } = {}): HarnessRun {
  const model = typeof scenario === 'string' ? loadBundled(scenario) : scenario
  const until = typeof opts.until === 'string' ? parseDurationMs(opts.until) : opts.until
  const summary = runEngine(model, {
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(until !== undefined ? { durationMs: until } : {}),
  })
  return { summary, trace: summary.traceHash, diagnostics: [] }
}

/** Options of `queueingScenario`. Rates in requests per second, times in ms. */
export interface QueueingOptions {
  readonly arrivalRps: number
  readonly arrivals?: 'poisson' | 'constant'
  readonly serviceTime: Scenario['services'][number]['versions'][number]['serviceTime']
  readonly workers?: number
  readonly replicas?: number
  readonly errorRate?: number
  readonly durationMs: number
  readonly warmupMs?: number
  readonly seed?: number
  readonly mesh?: Scenario['mesh']
}

/** A one-service scenario for queueing-theory checks (no network, no sidecar cost). */
export function queueingScenario(o: QueueingOptions): Scenario {
  return {
    formatVersion: 1,
    name: 'queueing',
    mesh: o.mesh ?? 'istio',
    seed: o.seed ?? 1,
    duration: o.durationMs,
    warmup: o.warmupMs ?? 1000,
    network: { sameZone: 0, crossZone: 0, sidecar: 0 },
    services: [{
      name: 'server',
      versions: [{
        name: 'v1', replicas: o.replicas ?? 1, concurrency: o.workers ?? 1, queue: 1_000_000,
        serviceTime: o.serviceTime, errorRate: o.errorRate ?? 0,
      }],
    }],
    traffic: [{ name: 'clients', to: 'server', load: { kind: o.arrivals ?? 'poisson', rate: o.arrivalRps } }],
  }
}

/** Options of `twoTier`: a front service calling a back service, for mesh-behaviour tests. */
export interface TwoTierOptions {
  readonly mesh?: Scenario['mesh']
  readonly rps?: number
  readonly durationMs?: number
  readonly backReplicas?: number
  readonly backServiceTime?: QueueingOptions['serviceTime']
  readonly backConcurrency?: number
  readonly backVersions?: Scenario['services'][number]['versions']
  readonly zones?: string[]
}

/**
 * `front` (1 replica, 256 workers, 0.1 ms) calls `back` once per request; traffic is
 * Poisson into `front` from the ingress. Routes, destinations, faults, security and SLOs
 * are added by the test.
 */
export function twoTier(o: TwoTierOptions = {}): Scenario {
  return {
    formatVersion: 1,
    name: 'two-tier',
    mesh: o.mesh ?? 'istio',
    seed: 1,
    duration: o.durationMs ?? 30_000,
    warmup: 0,
    ...(o.zones ? { zones: o.zones } : {}),
    services: [
      {
        name: 'front',
        versions: [{ name: 'v1', replicas: 1, concurrency: 256, queue: 10_000, serviceTime: { kind: 'constant', value: 0.1 }, ...(o.zones ? { zones: [o.zones[0]!] } : {}) }],
        calls: [{ to: 'back' }],
      },
      {
        name: 'back',
        versions: o.backVersions ?? [{
          name: 'v1', replicas: o.backReplicas ?? 2, concurrency: o.backConcurrency ?? 32, queue: 1000,
          serviceTime: o.backServiceTime ?? { kind: 'exponential', mean: 5 },
        }],
      },
    ],
    traffic: [{ name: 'users', to: 'front', load: { kind: 'poisson', rate: o.rps ?? 200 } }],
  }
}
