import { describe, expect, it } from 'vitest'
import { BoundedSeries } from './timeSeries'

describe('BoundedSeries', () => {
  it('keeps one point per second until full, then halves its resolution, never exceeding capacity', () => {
    const s = new BoundedSeries(['n', 'peak', 'g'], ['sum', 'max', 'mean'], 8)
    for (let sec = 0; sec < 100; sec++) {
      s.push([1, sec, 2])
      expect(s.toData().points).toBeLessThanOrEqual(8)
    }
    const d = s.toData()
    expect(d.bucketSeconds).toBe(16)
    expect(d.fields.n!.reduce((a, b) => a + b, 0)).toBe(100) // sums are preserved
    expect(d.fields.peak!.at(-1)).toBe(99)
    expect(d.fields.g!.every((x) => x === 2)).toBe(true) // means stay means
  })

  it('reports per-second points before it fills', () => {
    const s = new BoundedSeries(['n'], ['sum'], 512)
    for (let i = 0; i < 10; i++) s.push([i])
    expect(s.toData()).toEqual({ bucketSeconds: 1, points: 10, fields: { n: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] } })
  })
})
