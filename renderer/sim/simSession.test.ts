/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import bookinfoText from '../../scenarios/bookinfo.scenario.yaml?raw'
import { parseScenario, runScenario } from '../../engine/index'
import { appendBatch, createSeriesBuffers } from '../state/telemetry'
import type { FromWorker } from './protocol'
import { BATCH_MS, createSimSession } from './simSession'

const bookinfo = parseScenario(bookinfoText).scenario!
/** Bookinfo at 500 rps: enough events that a run takes several slices. */
const scenario = { ...bookinfo, traffic: bookinfo.traffic!.map((t) => ({ ...t, load: { kind: 'poisson' as const, rate: 500 } })) }

/** A session on a fake clock: `drain()` runs scheduled slices, advancing the clock by `wallPerSlice`. */
function createHarness(wallPerSlice = 10) {
  const posted: FromWorker[] = []
  let now = 0
  const queue: { fn: () => void; at: number; live: boolean }[] = []
  const session = createSimSession({
    post: (m) => posted.push(structuredClone(m)),
    now: () => now,
    schedule: (fn, delayMs) => {
      const job = { fn, at: now + delayMs, live: true }
      queue.push(job)
      return () => { job.live = false }
    },
  })
  const drain = (maxSlices = 100_000) => {
    for (let i = 0; i < maxSlices; i++) {
      const job = queue.shift()
      if (!job) return
      if (!job.live) continue
      now = Math.max(now, job.at) + wallPerSlice
      job.fn()
    }
  }
  return { session, posted, drain, kinds: () => posted.map((m) => m.kind) }
}

describe('simSession', () => {
  it('runs to the end at full speed, in batches, and finishes with the same result as a one-shot run', () => {
    const h = createHarness(BATCH_MS)
    h.session.handle({ kind: 'run.start', runId: 3, scenario, settings: { seed: 42, durationMs: 60_000, speed: 0 } })
    h.drain()
    const kinds = h.kinds()
    expect(kinds[0]).toBe('run.compiled')
    expect(kinds.at(-1)).toBe('run.finished')
    expect(kinds.filter((k) => k === 'run.batch').length).toBeGreaterThan(1)
    const final = h.posted.at(-1) as Extract<FromWorker, { kind: 'run.finished' }>
    const oneShot = runScenario(scenario, { seed: 42, durationMs: 60_000 })
    expect(final.final.traceHash).toBe(oneShot.traceHash)
    expect(final.final.services.productpage!.requests).toBe(oneShot.services.productpage!.requests)

    // Streamed rows rebuild the whole series: each batch resends only the last point onward.
    const buffers = createSeriesBuffers()
    for (const m of h.posted) if (m.kind === 'run.batch') appendBatch(buffers, m.batch)
    expect(buffers.services.get('productpage')!.requests).toEqual(oneShot.timeSeries.services.productpage!.fields.requests)
    expect(buffers.edges.get('productpage->reviews')!.retries).toEqual(oneShot.timeSeries.edges['productpage->reviews']!.fields.retries)
    // Per-second latency percentiles stream like every other field, per service and per edge.
    const p99 = buffers.services.get('productpage')!.latencyP99Ms!
    expect(p99).toEqual(oneShot.timeSeries.services.productpage!.fields.latencyP99Ms)
    expect(p99.filter((v) => v > 0).length).toBeGreaterThan(50)
    expect(buffers.edges.get('productpage->reviews')!.latencyP50Ms).toEqual(oneShot.timeSeries.edges['productpage->reviews']!.fields.latencyP50Ms)
  })

  it('paces a run to its speed and reports at most every BATCH_MS', () => {
    const h = createHarness(16)
    h.session.handle({ kind: 'run.start', runId: 1, scenario, settings: { seed: 1, durationMs: 4_000, speed: 2 } })
    h.drain(40)
    const batches = h.posted.filter((m): m is Extract<FromWorker, { kind: 'run.batch' }> => m.kind === 'run.batch')
    // 40 slices, each a 16 ms wait and 16 ms of work: 1.28 s of wall time at 2× ≈ 2.5 s simulated.
    const simulated = batches.at(-1)!.batch.progress.simulatedSeconds
    expect(simulated).toBeGreaterThan(2.2)
    expect(simulated).toBeLessThan(2.6)
    expect(batches.length).toBeLessThanOrEqual(Math.ceil((40 * 32) / BATCH_MS) + 1)
  })

  it('pauses, steps one simulated second at a time, resumes and stops', () => {
    const h = createHarness()
    h.session.handle({ kind: 'run.start', runId: 1, scenario, settings: { seed: 1, durationMs: 10_000, speed: 1 } })
    h.drain(5)
    h.session.handle({ kind: 'run.pause' })
    const at = () => (h.posted.filter((m) => m.kind === 'run.batch').at(-1) as Extract<FromWorker, { kind: 'run.batch' }>).batch.progress.simulatedSeconds
    const paused = at()
    h.drain()
    expect(at()).toBe(paused)
    h.session.handle({ kind: 'run.step' })
    expect(at()).toBeCloseTo(paused + 1, 6)
    h.session.handle({ kind: 'run.resume' })
    h.session.handle({ kind: 'run.speed', speed: 0 })
    h.drain()
    expect(h.kinds().at(-1)).toBe('run.finished')
  })

  it('reports a scenario the engine cannot compile as a failure', () => {
    const h = createHarness()
    const broken = { ...scenario, routes: [{ service: 'reviews', rules: [{ split: [{ version: 'nope', weight: 100 }] }] }] }
    h.session.handle({ kind: 'run.start', runId: 9, scenario: broken, settings: { seed: 1, durationMs: 1000, speed: 0 } })
    h.drain()
    expect(h.posted.at(-1)).toMatchObject({ kind: expect.stringMatching(/run\.(failed|finished)/), runId: 9 })
  })
})
