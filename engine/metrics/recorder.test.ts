import { describe, expect, it } from 'vitest'
import { FATE, FATES, createFateCounts, fateRecord } from './fates'
import { IntervalLog } from './recorder'
import { TraceSampler, closeSpan, openSpan } from './traces'

describe('IntervalLog', () => {
  it('opens and closes intervals by key, bounded in storage but not in counting', () => {
    const log = new IntervalLog(2)
    const make = (t: number) => () => ({ sidecar: 's', cluster: 'c', startSeconds: t / 1e6, endSeconds: null })
    log.start(1, 1_000_000, make(1_000_000))
    log.start(1, 1_500_000, make(1_500_000)) // already open: ignored
    log.end(1, 3_000_000)
    log.start(2, 4_000_000, make(4_000_000))
    log.start(3, 4_000_000, make(4_000_000))
    log.end(3, 5_000_000)
    expect(log.items).toHaveLength(2)
    expect(log.items[0]).toMatchObject({ startSeconds: 1, endSeconds: 3 })
    expect(log.items[1]!.endSeconds).toBeNull()
    expect(log.opened).toBe(3)
    expect(log.totalSeconds).toBe(3)
  })
})

describe('fates and traces', () => {
  it('fate codes index FATES and records list every fate', () => {
    for (const [name, code] of Object.entries(FATE)) expect(FATES[code]).toBe(name)
    const counts = createFateCounts()
    counts[FATE.overflow]++
    expect(Object.keys(fateRecord(counts))).toEqual([...FATES])
    expect(fateRecord(counts).overflow).toBe(1)
  })

  it('samples one request in `stride`, keeps at most `max`, a third reserved for failures', () => {
    const sampler = new TraceSampler(3, 2)
    const picks = Array.from({ length: 6 }, () => sampler.shouldSample())
    expect(picks).toEqual([true, false, true, false, true, false])
    for (let i = 0; i < 3; i++) {
      const root = openSpan(null, 'request', 'ingress → a', 1000 * i)
      openSpan(root, 'attempt', 'a-v1-0', 1000 * i)
      closeSpan(root, 1000 * i + 500, 200, 'success')
      sampler.finish('users', root, 'success')
    }
    expect(sampler.traces).toHaveLength(2)
    const failed = openSpan(null, 'request', 'ingress → a', 0)
    closeSpan(failed, 2000, 503, 'overflow')
    sampler.finish('users', failed, 'overflow')
    expect(sampler.traces.map((t) => t.fate)).toEqual(['success', 'success', 'overflow'])
    expect(sampler.traces[2]!.durationMs).toBe(2)
    expect(sampler.traces[0]!.root.children).toHaveLength(1)
  })
})
