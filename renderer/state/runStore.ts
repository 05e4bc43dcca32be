/**
 * The run store: telemetry of the current run, separate from the document (a run never
 * edits the scenario, and the canvas must not re-derive the graph 20 times a second).
 * Written only by the run machine's effects, at most ~20 times a second; charts read the
 * series buffers imperatively when `seriesVersion` changes, canvas edges and nodes select
 * their own live values, which keep their identity while their numbers do not change.
 */
import { createContext, useContext } from 'react'
import { createStore, useStore } from 'zustand'
import type { StoreApi } from 'zustand'
import type { Fate, Interval, SloResult, Trace } from '../../engine/index'
import type { RunBatch, RunFinal, RunProgressView } from '../sim/protocol'
import { appendBatch, computeEdgeLive, computeHealth, computeServiceLive, createSeriesBuffers, isSameLive } from './telemetry'
import type { EdgeLive, SeriesBuffers, ServiceHealth, ServiceLive } from './telemetry'

export interface RunState {
  readonly runId: number
  /** The run's simulated duration, ms (the charts' time axis). */
  readonly durationMs: number
  readonly progress: RunProgressView
  readonly warmupSeconds: number
  /** Append-only buffers (see telemetry.ts); `seriesVersion` changes when they grow. */
  readonly series: SeriesBuffers
  readonly seriesVersion: number
  readonly services: Readonly<Record<string, ServiceLive>>
  readonly edges: Readonly<Record<string, EdgeLive>>
  /** Open breakers and ejected replicas per service, now. */
  readonly health: Readonly<Record<string, ServiceHealth>>
  readonly breakers: readonly Interval[]
  readonly ejections: readonly Interval[]
  readonly fates: Readonly<Record<Fate, number>> | undefined
  readonly slos: readonly SloResult[]
  readonly traces: readonly Trace[]
  readonly final: RunFinal | undefined
  readonly error: string | undefined
  readonly reset: (runId: number, durationMs: number) => void
  readonly applyBatch: (batch: RunBatch) => void
  readonly applyFinal: (final: RunFinal) => void
  readonly applyFailure: (message: string) => void
}

export type RunStore = StoreApi<RunState>

const NO_PROGRESS: RunProgressView = { simulatedSeconds: 0, totalSeconds: 0, fraction: 0, events: 0 }

export function createRunStore(): RunStore {
  return createStore<RunState>()((set, get) => ({
    runId: 0,
    durationMs: 0,
    progress: NO_PROGRESS,
    warmupSeconds: 0,
    series: createSeriesBuffers(),
    seriesVersion: 0,
    services: {},
    edges: {},
    health: {},
    breakers: [],
    ejections: [],
    fates: undefined,
    slos: [],
    traces: [],
    final: undefined,
    error: undefined,
    reset: (runId, durationMs) => set({
      runId, durationMs, progress: { ...NO_PROGRESS, totalSeconds: durationMs / 1000 }, warmupSeconds: 0, series: createSeriesBuffers(),
      seriesVersion: get().seriesVersion + 1, services: {}, edges: {}, health: {}, breakers: [], ejections: [], fates: undefined,
      slos: [], traces: [], final: undefined, error: undefined,
    }),
    applyBatch: (batch) => {
      const state = get()
      appendBatch(state.series, batch)
      set({
        progress: batch.progress,
        warmupSeconds: batch.warmupSeconds,
        seriesVersion: state.seriesVersion + 1,
        services: computeLiveRecord(state.services, batch.services.names, (n) => computeServiceLive(state.series.services.get(n), state.series.bucketSeconds)),
        edges: computeLiveRecord(state.edges, batch.edges.names, (n) => computeEdgeLive(state.series.edges.get(n), state.series.bucketSeconds)),
        ...(batch.breakers && batch.ejections
          ? { health: computeHealth(state.health, batch.breakers, batch.ejections), breakers: batch.breakers, ejections: batch.ejections }
          : {}),
        fates: batch.fates,
        slos: batch.slos,
        ...(batch.traces ? { traces: [...state.traces, ...batch.traces] } : {}),
      })
    },
    applyFinal: (final) => set({ final, slos: final.slos, fates: final.fates, traces: final.traces, breakers: final.breakers.intervals, ejections: final.ejections.intervals }),
    applyFailure: (error) => set({ error }),
  }))
}

/** `previous` with the entries named in `changed` recomputed; unchanged numbers keep their objects. */
function computeLiveRecord<T extends object>(previous: Readonly<Record<string, T>>, changed: readonly string[], compute: (name: string) => T | undefined): Record<string, T> {
  let next: Record<string, T> | undefined
  for (const name of changed) {
    const value = compute(name)
    if (!value || isSameLive(previous[name], value)) continue
    next ??= { ...previous }
    next[name] = value
  }
  return next ?? (previous as Record<string, T>)
}

export const RunStoreContext = createContext<RunStore | null>(null)

export function useRunStore(): RunStore {
  const store = useContext(RunStoreContext)
  if (!store) throw new Error('useRunStore: no RunStoreContext provider above this component')
  return store
}

/** Subscribes to a slice of the run store. */
export function useRun<T>(selector: (state: RunState) => T): T {
  return useStore(useRunStore(), selector)
}
