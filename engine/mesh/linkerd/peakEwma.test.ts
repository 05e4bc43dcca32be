import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { vectorList } from '../../../test/support/vectors'
import { createPeakEwma } from './peakEwma'

interface LoadPoint { t_ms: number; load_ns?: number; load_ns_range?: [number, number]; reference_value_ns?: number }
interface PeakEwmaVector { name: string; inputs: { default_rtt_ms: number; decay_ms: number; pending: number }; expected: LoadPoint[] }

const vectors = vectorList<{ name: string }>('linkerd_tower.json')
const peakVectors = vectors.filter((v) => v.name.startsWith('PeakEwma')) as PeakEwmaVector[]

describe('linkerd_tower.json PeakEwma vectors', () => {
  it('has at least one PeakEwma vector', () => expect(peakVectors.length).toBeGreaterThan(0))

  it.each(peakVectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const ewma = createPeakEwma({ defaultRttMs: v.inputs.default_rtt_ms, decayMs: v.inputs.decay_ms })
    for (let i = 0; i < v.inputs.pending; i++) ewma.start(0)
    for (const point of v.expected) {
      const load = ewma.load(point.t_ms)
      if (point.load_ns !== undefined) expect(load).toBe(point.load_ns)
      if (point.load_ns_range !== undefined) {
        const [lo, hi] = point.load_ns_range
        expect(load).toBeGreaterThan(lo) // tower asserts strict bounds
        expect(load).toBeLessThan(hi)
      }
      if (point.reference_value_ns !== undefined) {
        expect(Math.abs(load - point.reference_value_ns) / point.reference_value_ns).toBeLessThan(1e-12)
      }
    }
  })
})

describe('createPeakEwma', () => {
  it('tower compound_decay: a 200 ms peak with one pending costs exactly 400 ms, then 200 ms', () => {
    const ewma = createPeakEwma({ defaultRttMs: 20, decayMs: 1000 })
    expect(ewma.load(0)).toBe(20e6)
    const done0 = ewma.start(100)
    expect(ewma.load(100)).toBeGreaterThan(20e6)
    const done1 = ewma.start(200)
    expect(ewma.load(200)).toBeGreaterThan(40e6)
    done0(300)
    expect(ewma.load(300)).toBe(400e6)
    done1(400)
    expect(ewma.load(400)).toBe(200e6)
    expect(ewma.load(1400)).toBeLessThan(100e6)
    expect(ewma.load(11_400)).toBeLessThan(100_000)
  })

  it('a completion callback counts once; begin/complete track pending without closures', () => {
    const ewma = createPeakEwma({ defaultRttMs: 30, decayMs: 10_000 })
    const done = ewma.start(0)
    done(5)
    done(9)
    expect(ewma.pending()).toBe(0)
    ewma.begin()
    expect(ewma.pending()).toBe(1)
    ewma.complete(10, 50)
    expect(ewma.pending()).toBe(0)
    expect(() => ewma.complete(0, 1)).toThrow(RangeError)
    expect(() => createPeakEwma({ defaultRttMs: 0, decayMs: 1 })).toThrow(RangeError)
  })

  it('property: load is positive, equals estimate × (pending + 1), and decays while idle', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 30 }), (rtts) => {
        const ewma = createPeakEwma({ defaultRttMs: 30, decayMs: 10_000 })
        let now = 0
        for (const rtt of rtts) {
          ewma.begin()
          ewma.complete(now, now + rtt)
          now += rtt
        }
        const a = ewma.load(now)
        expect(a).toBeGreaterThanOrEqual(0)
        ewma.begin()
        expect(ewma.load(now)).toBe(a * 2)
        ewma.complete(now, now)
        expect(ewma.load(now + 5000)).toBeLessThanOrEqual(a)
      }),
    )
  })
})
