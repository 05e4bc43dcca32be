import { describe, expect, it } from 'vitest'
import { Simulation } from './simulation'
import { ms, sec, toMs, toSec } from './time'

describe('time', () => {
  it('converts milliseconds and seconds to integer microseconds and back', () => {
    expect(ms(0.25)).toBe(250)
    expect(ms(1.0004)).toBe(1000)
    expect(sec(1.5)).toBe(1_500_000)
    expect(toMs(2500)).toBe(2.5)
    expect(toSec(sec(3))).toBe(3)
  })
})

describe('Simulation', () => {
  function recorder(): { log: string[]; sim: Simulation } {
    const log: string[] = []
    const sim: Simulation = new Simulation((kind, a, b) => {
      log.push(`${sim.now}:${kind}:${a}:${b}`)
      if (kind === 1 && a < 3) sim.scheduleIn(10, 1, a + 1, 0)
    })
    return { log, sim }
  }

  it('dispatches events in time order and lets handlers schedule more', () => {
    const { log, sim } = recorder()
    sim.schedule(5, 1, 0, 0)
    sim.schedule(5, 2, 9, 9)
    expect(sim.runUntil(Number.POSITIVE_INFINITY)).toBe('empty')
    expect(log).toEqual(['5:1:0:0', '5:2:9:9', '15:1:1:0', '25:1:2:0', '35:1:3:0'])
    expect(sim.events).toBe(5)
  })

  it('runUntil stops at the limit, sets now to it, and continues on the next call', () => {
    const { log, sim } = recorder()
    sim.schedule(0, 1, 0, 0)
    expect(sim.runUntil(15)).toBe('time')
    expect(sim.now).toBe(15)
    expect(log).toHaveLength(2)
    expect(sim.peek()).toBe(20)
    sim.runUntil(100)
    expect(log).toHaveLength(4)
    expect(sim.now).toBe(100)
  })

  it('step(), the event budget and pause/resume', () => {
    const { log, sim } = recorder()
    sim.schedule(0, 1, 0, 0)
    expect(sim.step()).toBe(true)
    expect(sim.runUntil(1000, 1)).toBe('budget')
    expect(log).toHaveLength(2)
    const paused: Simulation = new Simulation(() => paused.pause())
    paused.schedule(1, 0, 0, 0)
    paused.schedule(2, 0, 0, 0)
    expect(paused.runUntil(10)).toBe('paused')
    expect(paused.isPaused).toBe(true)
    paused.resume()
    expect(paused.isPaused).toBe(false)
    expect(paused.events).toBe(1)
  })

  it('refuses to schedule in the past', () => {
    const { sim } = recorder()
    sim.runUntil(50)
    expect(() => sim.schedule(10, 1, 0, 0)).toThrow(RangeError)
  })

  it('reports progress and hashes the event trace the same however the run is sliced', () => {
    const progress: number[] = []
    const a = new Simulation((k, x) => { if (x < 1000) a.scheduleIn(7, k, x + 1, 0) }, { onProgress: (p) => progress.push(p.events), progressEveryEvents: 100 })
    const b = new Simulation((k, x) => { if (x < 1000) b.scheduleIn(7, k, x + 1, 0) })
    a.schedule(0, 3, 0, 0)
    b.schedule(0, 3, 0, 0)
    a.runUntil(Number.POSITIVE_INFINITY)
    for (let t = 0; b.pending > 0; t += 100) b.runUntil(t, 13)
    expect(a.traceHash).toBe(b.traceHash)
    expect(a.traceHash).toMatch(/^[0-9a-f]{16}$/)
    expect(progress).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000])
    const c = new Simulation(() => undefined)
    c.schedule(1, 3, 0, 0)
    c.runUntil(10)
    expect(c.traceHash).not.toBe(a.traceHash)
  })
})
