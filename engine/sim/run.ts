/**
 * The simulation's public entry points: `runScenario` runs a scenario to the end;
 * `createSimulationRun` builds a run that is advanced in slices (by simulated time or by
 * event count) so a Web Worker can stream partial results and stay responsive, and can be
 * paused and resumed. Both give identical results for the same scenario and seed, however
 * the run is sliced.
 */
import { computeInsights } from '../insights/computeInsights'
import { Simulation } from '../kernel/simulation'
import { resolveScenario } from '../model/resolve'
import type { Scenario } from '../model/types'
import { buildWorld } from './build'
import { dispatch } from './dispatch'
import { scheduleFaults } from './faults'
import { scheduleRollouts } from './rollouts'
import { SloTracker } from './slo'
import { scheduleSources } from './sources'
import { summarize, summarizeTelemetry } from './summary'
import type { RunResult, RunTelemetry, SeriesCursor } from './summary'
import { scheduleTicks } from './tick'
import type { World } from './world'

/** Options of a run. */
export interface RunOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number
  /** Overrides the scenario's duration, ms. */
  readonly durationMs?: number
  /** Called as the run advances (every 2^16 events and at the end). */
  readonly onProgress?: (progress: RunProgress) => void
  /** Finished traces to keep (default 24). */
  readonly maxTraces?: number
}

/** How far a run has got. */
export interface RunProgress {
  readonly simulatedSeconds: number
  readonly totalSeconds: number
  /** 0–1. */
  readonly fraction: number
  readonly events: number
}

/** A run advanced in slices. */
export interface SimulationRun {
  /** Simulated duration, ms. */
  readonly durationMs: number
  /** True once the whole duration has been simulated. */
  readonly done: boolean
  /**
   * Simulates up to `untilMs` (default: the end) or `maxEvents` events, whichever comes
   * first, or until `pause()`. Returns `done`.
   */
  advance(opts?: { readonly untilMs?: number; readonly maxEvents?: number }): boolean
  /** Stops the current `advance` after the event being handled. */
  pause(): void
  progress(): RunProgress
  /** The results so far (complete once `done`), with the insights on them. */
  result(): RunResult
  /**
   * The live telemetry so far, for a view that polls it many times a second: a small part
   * of `result()` (which summarises every latency histogram and runs the insights), with
   * each series only from the point `since` names on.
   */
  telemetry(since?: SeriesCursor): RunTelemetry
}

/**
 * Creates a run of `scenario` (a valid model, as `parseScenario` returns it).
 * @example
 * const run = createSimulationRun(scenario, { seed: 7 })
 * while (!run.advance({ maxEvents: 200_000 })) postMessage(run.progress())
 * postMessage(run.result())
 */
export function createSimulationRun(scenario: Scenario, opts: RunOptions = {}): SimulationRun {
  const cfg = resolveScenario(scenario, {
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.durationMs !== undefined ? { durationMs: opts.durationMs } : {}),
  })
  let world: World | undefined
  const report = (): void => opts.onProgress?.(progressOf(world!))
  const sim = new Simulation((kind, a, b) => dispatch(world!, kind, a, b), opts.onProgress ? { onProgress: report } : {})
  world = buildWorld(cfg, sim, opts.maxTraces !== undefined ? { maxTraces: opts.maxTraces } : {})
  const w = world
  for (const slo of cfg.slos) w.services.find((s) => s.name === slo.service)?.slos.push(new SloTracker(slo))
  scheduleTicks(w)
  scheduleSources(w)
  scheduleFaults(w)
  scheduleRollouts(w)
  let done = w.endUs === 0
  return {
    durationMs: cfg.durationMs,
    get done() {
      return done
    },
    advance(slice = {}) {
      if (done) return true
      const limit = Math.min(w.endUs, slice.untilMs === undefined ? w.endUs : Math.round(slice.untilMs * 1000))
      const stop = sim.runUntil(limit, slice.maxEvents)
      if ((stop === 'time' || stop === 'empty') && sim.now >= w.endUs) {
        done = true
        report()
      }
      return done
    },
    pause: () => sim.pause(),
    progress: () => progressOf(w),
    result: () => {
      const metrics = summarize(w, done)
      return { ...metrics, insights: computeInsights(scenario, cfg, metrics) }
    },
    telemetry: (since) => summarizeTelemetry(w, since),
  }
}

function progressOf(w: World): RunProgress {
  const total = w.endUs / 1e6
  const now = w.sim.now / 1e6
  return { simulatedSeconds: now, totalSeconds: total, fraction: total > 0 ? Math.min(1, now / total) : 1, events: w.sim.events }
}

/**
 * Runs `scenario` to the end and returns its results.
 * @example runScenario(parseScenario(text).scenario!, { seed: 42 }).services['productpage'].latencyMs.p99
 */
export function runScenario(scenario: Scenario, opts: RunOptions = {}): RunResult {
  const run = createSimulationRun(scenario, opts)
  run.advance()
  return run.result()
}
