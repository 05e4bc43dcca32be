/**
 * One simulation session, as the worker runs it: a run of the engine advanced in slices,
 * paced to the requested speed (simulated seconds per wall second), paused, stepped and
 * reported in batches at most every BATCH_MS of wall time. The clock, the scheduler and the
 * outbox are injected, so the session runs the same in a Worker and in a unit test.
 */
import { createSimulationRun } from '../../engine/index'
import type { RunTelemetry, SeriesCursor, SeriesData, SimulationRun } from '../../engine/index'
import type { FromWorker, RunBatch, RunProgressView, RunSettings, SeriesBlock, ToWorker } from './protocol'

/** Wall time between batches: at most 20 UI updates a second. */
export const BATCH_MS = 50
/** A batch with nothing but progress waits longer: the canvas has nothing new to draw. */
export const PROGRESS_ONLY_MS = 150
/** Events per slice before the session yields (to read commands and post a batch). */
export const SLICE_EVENTS = 100_000
/** How long a paced session waits once it has caught up with the wall clock. */
const FRAME_MS = 16
/** Simulated time one `run.step` advances, ms. */
export const STEP_MS = 1000

export interface SessionDeps {
  readonly post: (message: FromWorker) => void
  readonly now: () => number
  readonly schedule: (fn: () => void, delayMs: number) => () => void
}

export interface SimSession {
  readonly handle: (message: ToWorker) => void
}

interface Active {
  readonly runId: number
  readonly run: SimulationRun
  speed: number
  paused: boolean
  /** Simulated time the pacing aims at, ms. */
  targetMs: number
  lastWall: number
  lastPost: number
  /** Whole simulated seconds covered by the last batch (a new one means new series points). */
  postedSeconds: number
  cancel: (() => void) | undefined
  readonly sent: SentState
}

export function createSimSession(deps: SessionDeps): SimSession {
  let active: Active | undefined

  const start = (runId: number, scenario: Parameters<typeof createSimulationRun>[0], settings: RunSettings) => {
    stop()
    let run: SimulationRun
    try {
      run = createSimulationRun(scenario, { seed: settings.seed, durationMs: settings.durationMs })
    } catch (err) {
      deps.post({ kind: 'run.failed', runId, message: `The scenario could not be compiled: ${(err as Error).message}` })
      return
    }
    const now = deps.now()
    active = { runId, run, speed: settings.speed, paused: false, targetMs: 0, lastWall: now, lastPost: now, postedSeconds: 0, cancel: undefined, sent: createSentState() }
    deps.post({ kind: 'run.compiled', runId, totalSeconds: run.durationMs / 1000 })
    loop(active, 0)
  }

  const loop = (a: Active, delayMs: number) => {
    a.cancel = deps.schedule(() => tick(a), delayMs)
  }

  const tick = (a: Active) => {
    a.cancel = undefined
    if (active !== a || a.paused) return
    const wall = deps.now()
    let caughtUp = false
    try {
      if (a.speed > 0) {
        a.targetMs = Math.min(a.run.durationMs, a.targetMs + (wall - a.lastWall) * a.speed)
        a.lastWall = wall
        a.run.advance({ untilMs: a.targetMs, maxEvents: SLICE_EVENTS })
        caughtUp = a.run.progress().simulatedSeconds * 1000 >= a.targetMs
      } else {
        a.run.advance({ maxEvents: SLICE_EVENTS })
      }
    } catch (err) {
      fail(a, err)
      return
    }
    if (a.run.done) return finish(a)
    if (deps.now() - a.lastPost >= BATCH_MS) postBatch(a, false)
    loop(a, caughtUp ? FRAME_MS : 0)
  }

  const postBatch = (a: Active, force = true) => {
    const now = deps.now()
    const completed = a.run.progress().simulatedSeconds >= a.postedSeconds + 1
    if (!force && !completed && now - a.lastPost < PROGRESS_ONLY_MS) return
    a.lastPost = now
    a.postedSeconds = Math.floor(a.run.progress().simulatedSeconds)
    const batch = computeBatch(a.run, a.sent)
    deps.post({ kind: 'run.batch', runId: a.runId, batch })
  }

  const finish = (a: Active) => {
    postBatch(a)
    const { timeSeries: _series, ...final } = a.run.result()
    deps.post({ kind: 'run.finished', runId: a.runId, final })
    active = undefined
  }

  const fail = (a: Active, err: unknown) => {
    deps.post({ kind: 'run.failed', runId: a.runId, message: `The simulation stopped: ${(err as Error).message}` })
    active = undefined
  }

  const stop = () => {
    active?.cancel?.()
    active = undefined
  }

  return {
    handle: (message) => {
      const a = active
      switch (message.kind) {
        case 'run.start':
          return start(message.runId, message.scenario, message.settings)
        case 'run.stop':
          return stop()
        case 'run.pause':
          if (!a) return
          a.paused = true
          a.cancel?.()
          return postBatch(a)
        case 'run.resume':
          if (!a || !a.paused) return
          a.paused = false
          a.lastWall = deps.now()
          a.targetMs = a.run.progress().simulatedSeconds * 1000
          return loop(a, 0)
        case 'run.step':
          if (!a || !a.paused) return
          try {
            a.run.advance({ untilMs: a.run.progress().simulatedSeconds * 1000 + STEP_MS })
          } catch (err) {
            return fail(a, err)
          }
          return a.run.done ? finish(a) : postBatch(a)
        case 'run.speed':
          if (a) a.speed = message.speed
          return
      }
    },
  }
}

/** What the session has sent so far, so each batch carries only what is new. */
export interface SentState {
  readonly series: Map<string, { bucket: number; points: number }>
  traces: number
  intervals: string
}

export function createSentState(): SentState {
  return { series: new Map(), traces: 0, intervals: '' }
}

/**
 * The telemetry of `run` not yet sent, according to `sent` (updated in place). Reads
 * `run.telemetry()`, not `run.result()`: a batch needs no latency summaries or insights, and
 * only the series points the view does not have (one-second points are final when sent;
 * wider ones may still be filling, so the last is sent again).
 */
export function computeBatch(run: SimulationRun, sent: SentState): RunBatch {
  const since: SeriesCursor = (key, bucketSeconds) => {
    const prev = sent.series.get(key)
    return prev && prev.bucket === bucketSeconds ? Math.max(0, prev.points - (bucketSeconds > 1 ? 1 : 0)) : 0
  }
  const telemetry = run.telemetry(since)
  const block = (prefix: string, all: Record<string, SeriesData>): SeriesBlock => {
    const rows: { name: string; from: number; data: SeriesData }[] = []
    for (const [name, data] of Object.entries(all)) {
      const key = `${prefix}${name}`
      const from = since(key, data.bucketSeconds)
      sent.series.set(key, { bucket: data.bucketSeconds, points: data.points })
      if (from >= data.points) continue
      rows.push({ name, from, data })
    }
    return packRows(rows)
  }
  const firstSeries = Object.values(telemetry.timeSeries.services)[0]
  const services = block('service:', telemetry.timeSeries.services)
  const edges = block('edge:', telemetry.timeSeries.edges)
  const intervalsChanged = updateIntervalSignature(telemetry, sent)
  const newTraces = telemetry.traces.slice(sent.traces)
  sent.traces = telemetry.traces.length
  const progress = run.progress()
  return {
    progress: { simulatedSeconds: progress.simulatedSeconds, totalSeconds: progress.totalSeconds, fraction: progress.fraction, events: progress.events },
    warmupSeconds: telemetry.warmupSeconds,
    bucketSeconds: firstSeries?.bucketSeconds ?? 1,
    services,
    edges,
    ...(intervalsChanged ? { breakers: telemetry.breakerIntervals, ejections: telemetry.ejectionIntervals } : {}),
    fates: telemetry.fates,
    slos: telemetry.slos,
    ...(newTraces.length ? { traces: newTraces } : {}),
  }
}

/** Intervals change rarely; their signature (counts and ends) says when to send them again. */
function updateIntervalSignature(telemetry: RunTelemetry, sent: SentState): boolean {
  const all = [...telemetry.breakerIntervals, ...telemetry.ejectionIntervals]
  const signature = `${telemetry.breakerIntervals.length}:${telemetry.ejectionIntervals.length}:${all.reduce((n, i) => n + (i.endSeconds ?? -1), 0)}`
  const changed = signature !== sent.intervals
  sent.intervals = signature
  return changed
}

/** Rows of series slices (fields holding points `from`…) packed into one columnar block. */
function packRows(rows: readonly { name: string; from: number; data: SeriesData }[]): SeriesBlock {
  const counts = Int32Array.from(rows, (r) => r.data.points - r.from)
  const total = counts.reduce((n, c) => n + c, 0)
  const fields: Record<string, Float64Array> = {}
  for (const field of Object.keys(rows[0]?.data.fields ?? {})) {
    const column = new Float64Array(total)
    let at = 0
    for (const r of rows) {
      const values = r.data.fields[field]!
      for (let i = 0; i < r.data.points - r.from; i++) column[at++] = values[i]!
    }
    fields[field] = column
  }
  return { names: rows.map((r) => r.name), from: Int32Array.from(rows, (r) => r.from), counts, fields }
}
