import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EventQueue } from './queue'

function drain(q: EventQueue): [number, number, number, number][] {
  const out: [number, number, number, number][] = []
  while (q.pop()) out.push([q.time, q.kind, q.a, q.b])
  return out
}

describe('EventQueue', () => {
  it('pops by time, and events at the same time in push order', () => {
    const q = new EventQueue()
    q.push(30, 1, 0, 0)
    q.push(10, 2, 0, 0)
    q.push(20, 3, 0, 0)
    q.push(10, 4, 5, -6)
    q.push(10, 5, 0, 0)
    expect(drain(q)).toEqual([[10, 2, 0, 0], [10, 4, 5, -6], [10, 5, 0, 0], [20, 3, 0, 0], [30, 1, 0, 0]])
    expect(q.pop()).toBe(false)
  })

  it('grows past its initial capacity and reports its size and head', () => {
    const q = new EventQueue()
    for (let i = 5000; i > 0; i--) q.push(i, 0, i, 0)
    expect(q.size).toBe(5000)
    expect(q.peekTime()).toBe(1)
    expect(drain(q).map((e) => e[2])).toEqual(Array.from({ length: 5000 }, (_, i) => i + 1))
    expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY)
  })

  it('property: interleaved pushes and pops come out as a stable sort by time', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.boolean()), { maxLength: 300 }), (ops) => {
        const q = new EventQueue()
        const model: { time: number; seq: number }[] = []
        let seq = 0
        for (const [time, pop] of ops) {
          if (pop && model.length > 0) {
            model.sort((x, y) => x.time - y.time || x.seq - y.seq)
            const want = model.shift()!
            expect(q.pop()).toBe(true)
            expect([q.time, q.a]).toEqual([want.time, want.seq])
          } else {
            const t = model.length > 0 ? Math.max(time, 0) : time
            q.push(t, 0, seq, 0)
            model.push({ time: t, seq: seq++ })
          }
        }
        expect(q.size).toBe(model.length)
      }),
    )
  })
})
