import { describe, expect, it } from 'vitest'
import { NAME_ZOOM, READABLE_ZOOM, computeNodeDetail } from './detail'
import { CHAR_WIDTH_PER_PX, computeBigNameFontPx } from './nodeSize'

describe('level of detail', () => {
  it('draws full nodes from the zoom where 14px text is 7 screen pixels, names below, bare boxes furthest out', () => {
    expect(computeNodeDetail(1)).toBe('full')
    expect(computeNodeDetail(READABLE_ZOOM)).toBe('full')
    expect(computeNodeDetail(READABLE_ZOOM - 0.01)).toBe('name')
    expect(computeNodeDetail(NAME_ZOOM)).toBe('name')
    expect(computeNodeDetail(NAME_ZOOM - 0.01)).toBe('shape')
    expect(computeNodeDetail(0.05)).toBe('shape')
    expect(14 * READABLE_ZOOM).toBe(7)
  })

  it('sizes a zoomed-out name to fit its box in three lines, larger for shorter names', () => {
    const short = computeBigNameFontPx('db', 200)
    const long = computeBigNameFontPx('compose-post-service', 200)
    expect(short).toBe(28)
    expect(long).toBeLessThan(short)
    // Three lines of the box's inner width hold the name, with slack for where lines break.
    expect('compose-post-service'.length * long * CHAR_WIDTH_PER_PX.bold).toBeLessThan(3 * (200 - 34))
    // Even a very long name stays legible when zoomed in a little: never below 12px.
    expect(computeBigNameFontPx('x'.repeat(200), 200)).toBe(12)
  })
})
