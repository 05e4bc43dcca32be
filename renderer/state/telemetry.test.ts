import { describe, expect, it } from 'vitest'
import type { Interval } from '../../engine/index'
import { computeCrashedReplicas } from '../canvas/replicaState'
import { computeStrokeKey, computeTrafficKey, parseTrafficKey } from '../canvas/edges/trafficStyle'
import { computeEdgeLive, computeHealth, computeServiceLive } from './telemetry'

describe('live values', () => {
  it('average the last three points of a series', () => {
    expect(computeServiceLive({ requests: [100, 40, 50, 60], failed: [0, 0, 15, 0], latencyMsSum: [0, 400, 500, 600], utilization: [0, 0.1, 0.2, 0.3] }, 1)).toEqual({
      rps: 50, errorPct: 10, meanMs: 10, utilization: expect.closeTo(0.2, 9),
    })
    expect(computeEdgeLive({ requests: [10], retries: [2], failed: [1] }, 2)).toEqual({ rps: 5, errorPct: 10, retryRps: 1 })
    expect(computeServiceLive(undefined, 1)).toBeUndefined()
  })

  it('edges select rounded keys, so a batch re-renders only what visibly changed', () => {
    const key = computeTrafficKey({ rps: 42.37, errorPct: 0.04, retryRps: 1.234 })
    expect(key).toBe('42|0.0|1.2')
    expect(parseTrafficKey(key)).toEqual({ rps: 42, errorPct: 0, retryRps: 1.2 })
    expect(computeStrokeKey({ rps: 42.37, errorPct: 0.4, retryRps: 0 })).toBe(computeStrokeKey({ rps: 43.1, errorPct: 0.2, retryRps: 3 }))
  })

  it('stroke keys stop telling widths apart as the zoom makes them invisible', () => {
    const quiet = { rps: 2, errorPct: 0, retryRps: 0 }
    const busy = { rps: 900, errorPct: 0, retryRps: 0 }
    expect(computeStrokeKey(quiet, 'full')).not.toBe(computeStrokeKey(busy, 'full'))
    expect(computeStrokeKey(quiet, 'name')).not.toBe(computeStrokeKey(busy, 'name'))
    expect(computeStrokeKey({ rps: 30, errorPct: 0, retryRps: 0 }, 'name')).toBe(computeStrokeKey({ rps: 40, errorPct: 0, retryRps: 0 }, 'name'))
    expect(computeStrokeKey(quiet, 'shape')).toBe(computeStrokeKey(busy, 'shape'))
    // Errors still show at every zoom, and so does an edge that carries nothing.
    expect(computeStrokeKey({ ...busy, errorPct: 30 }, 'shape')).not.toBe(computeStrokeKey(busy, 'shape'))
    expect(computeStrokeKey({ rps: 0, errorPct: 0, retryRps: 0 }, 'shape')).not.toBe(computeStrokeKey(quiet, 'shape'))
  })
})

describe('health', () => {
  const open = (cluster: string, host?: string): Interval => ({ sidecar: 's', cluster, startSeconds: 1, endSeconds: null, ...(host ? { host } : {}) })
  it('collects open breakers and ejected hosts per service, keeping unchanged entries', () => {
    const first = computeHealth({}, [open('api/v1')], [open('api', 'api-v1-0'), { ...open('db', 'db-v1-0'), endSeconds: 3 }])
    expect(first).toEqual({ api: { breakersOpen: ['api/v1'], ejected: ['api-v1-0'] } })
    const again = computeHealth(first, [open('api/v1')], [open('api', 'api-v1-0')])
    expect(again).toBe(first)
  })

  it('crashed replicas follow the fault timeline', () => {
    const svc = { name: 'api', versions: [{ name: 'v1', replicas: 2 }, { name: 'v2' }] }
    const faults = [{ kind: 'crash' as const, at: 10_000, service: 'api', replica: 2, restartAfter: 5000 }]
    expect(computeCrashedReplicas(svc, faults, 9)).toEqual([])
    expect(computeCrashedReplicas(svc, faults, 12)).toEqual(['api-v2-0'])
    expect(computeCrashedReplicas(svc, faults, 15)).toEqual([])
  })
})
