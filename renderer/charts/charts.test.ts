import { describe, expect, it } from 'vitest'
import type { FaultEvent, Interval } from '../../engine/index'
import { appendBatch, createSeriesBuffers } from '../state/telemetry'
import type { RunBatch, SeriesBlock } from '../sim/protocol'
import { computeDrawnFault, computeFaultSpan, describeFault } from './faultDraft'
import { computeLanes } from './lanes'
import { computeEdgeLatencyLines, computeLatencyLines, computeRetryLines, computeSuccessLines, findValueAt } from './series'

/** A series block from plain rows (what the worker packs column by column). */
function block(rows: Record<string, { from: number; fields: Record<string, number[]> }>): SeriesBlock {
  const names = Object.keys(rows)
  const counts = Int32Array.from(names, (n) => Object.values(rows[n]!.fields)[0]!.length)
  const fieldNames = Object.keys(Object.values(rows)[0]?.fields ?? {})
  const fields = Object.fromEntries(fieldNames.map((f) => [f, Float64Array.from(names.flatMap((n) => rows[n]!.fields[f]!))]))
  return { names, from: Int32Array.from(names, (n) => rows[n]!.from), counts, fields }
}

function batch(partial: Partial<RunBatch>): RunBatch {
  return {
    progress: { simulatedSeconds: 3, totalSeconds: 60, fraction: 0.05, events: 1 }, warmupSeconds: 0, bucketSeconds: 1,
    services: block({}), edges: block({}), fates: {} as RunBatch['fates'], slos: [], ...partial,
  }
}

describe('series', () => {
  const buffers = createSeriesBuffers()
  appendBatch(buffers, batch({
    services: block({ api: { from: 0, fields: { requests: [10, 20, 0], completed: [10, 20, 0], failed: [0, 5, 0], latencyMsSum: [100, 400, 0], latencyP50Ms: [8, 15, 0], latencyP90Ms: [12, 30, 0], latencyP99Ms: [19, 55, 0] } } }),
    edges: block({
      'web->api': { from: 0, fields: { requests: [10, 20, 0], attempts: [10, 24, 0], retries: [0, 4, 0], failed: [0, 1, 0], completed: [10, 20, 0], latencyP50Ms: [9, 16, 0], latencyP90Ms: [13, 31, 0], latencyP99Ms: [20, 60, 0] } },
      'cron->api': { from: 0, fields: { requests: [0, 1, 0], attempts: [0, 1, 0], retries: [0, 0, 0], failed: [0, 0, 0], completed: [0, 1, 0], latencyP50Ms: [0, 7, 0], latencyP90Ms: [0, 7, 0], latencyP99Ms: [0, 7, 0] } },
    }),
  }))

  it('derive success rate, mean latency and retries per second from the rows', () => {
    expect(computeSuccessLines(buffers, 'api')[0]).toMatchObject({ t: [1, 2, 3], v: [100, 75, Number.NaN] })
    const latency = computeLatencyLines(buffers, 'api')
    expect(latency.map((l) => l.name)).toEqual(['p99', 'p90', 'p50', 'mean'])
    expect(latency[3]!.v.slice(0, 2)).toEqual([10, 20])
    expect(computeRetryLines(buffers, 'api')[0]!.v).toEqual([0, 4, 0])
  })

  it('plot the per-second percentiles the engine recorded, with empty seconds as gaps', () => {
    const [p99, p90, p50] = computeLatencyLines(buffers, 'api')
    expect(p99).toMatchObject({ t: [1, 2, 3], v: [19, 55, Number.NaN] })
    expect(p90!.v).toEqual([12, 30, Number.NaN])
    expect(p50!.v).toEqual([8, 15, Number.NaN])
    expect(findValueAt(p99!, 2.2)).toEqual({ t: 2, v: 55 }) // what hovering shows
    const edges = computeEdgeLatencyLines(buffers, 'api')
    expect(edges.map((l) => [l.name, l.v])).toEqual([['p99 from web', [20, 60, Number.NaN]], ['p99 from cron', [Number.NaN, 7, Number.NaN]]])
  })

  it('rows sent again replace the points they cover', () => {
    appendBatch(buffers, batch({ services: block({ api: { from: 2, fields: { requests: [8, 9], failed: [0, 0], latencyMsSum: [80, 90] } }, db: { from: 0, fields: { requests: [1], failed: [0], latencyMsSum: [3] } } }) }))
    expect(buffers.services.get('api')!.requests).toEqual([10, 20, 8, 9])
    expect(buffers.services.get('db')!.latencyMsSum).toEqual([3])
  })

  it('find the point nearest to a time', () => {
    const line = { name: 'x', className: '', t: [1, 2, 3], v: [5, 6, 7] }
    expect(findValueAt(line, 2.4)).toEqual({ t: 2, v: 6 })
    expect(findValueAt(line, 2.6)).toEqual({ t: 3, v: 7 })
    expect(findValueAt(line, 99)).toEqual({ t: 3, v: 7 })
  })
})

describe('lanes', () => {
  it('merge breakers per cluster and ejections per host; open intervals end now', () => {
    const i = (cluster: string, start: number, end: number | null, host?: string): Interval => ({ sidecar: 'web-v1-0', cluster, startSeconds: start, endSeconds: end, ...(host ? { host } : {}) })
    const { lanes } = computeLanes([i('api', 1, 2), i('api', 5, null)], [i('api/v1', 3, null, 'api-v1-0')], 8)
    expect(lanes.map((l) => [l.label, l.spans.map((s) => [s.start, s.end, s.open])])).toEqual([
      ['breaker open · api', [[1, 2, false], [5, 8, true]]],
      ['ejected · api-v1-0', [[3, 8, true]]],
    ])
  })
})

describe('drawing faults on the timeline', () => {
  const target = { service: 'reviews', version: 'v1', zones: ['a', 'b'] }
  it('a drag becomes a fault from its earlier to its later end; a click gets a default length', () => {
    expect(computeDrawnFault('latency', 30_040, 20_010, target)).toEqual({ kind: 'latency', at: 20_000, for: 10_000, service: 'reviews', version: 'v1', add: 200 })
    expect(computeDrawnFault('crash', 20_000, 35_000, target)).toEqual({ kind: 'crash', at: 20_000, service: 'reviews', version: 'v1', replica: 0, restartAfter: 15_000 })
    expect(computeDrawnFault('crash', 20_000, 20_100, target)).toEqual({ kind: 'crash', at: 20_000, service: 'reviews', version: 'v1', replica: 0 })
    expect(computeDrawnFault('partition', 1000, 2000, target)).toEqual({ kind: 'partition', at: 1000, for: 1000, zones: ['a', 'b'] })
    expect(computeDrawnFault('partition', 1000, 2000, { ...target, zones: [] })).toMatch(/two zones/)
  })

  it('spans and names of faults', () => {
    const crash: FaultEvent = { kind: 'crash', at: 5000, service: 'a' }
    expect(computeFaultSpan(crash, 60_000)).toEqual({ start: 5000, end: 60_000 })
    expect(describeFault(crash)).toBe('Crash a replica 0 at 5 s, stays down')
  })
})
