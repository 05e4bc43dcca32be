import { describe, expect, it } from 'vitest'
import { faultInjectionSchema as faultSchema } from '../../../engine/index'
import { appendItem, removeItem } from './lists'
import { getDelayKind, setDelayKind } from './serviceTime'

describe('list rows', () => {
  it('append and remove keep the other rows', () => {
    const a = { at: 0 }
    const list = appendItem([a], { at: 1 })
    expect(list).toEqual([{ at: 0 }, { at: 1 }])
    expect(list[0]).toBe(a)
    expect(appendItem(undefined, 1)).toEqual([1])
    expect(removeItem(list, 1)).toEqual([{ at: 0 }])
  })

  it('a required list keeps its last row; an optional one becomes undefined', () => {
    const one = [{ at: 0 }]
    expect(removeItem(one, 0, 1)).toBe(one)
    expect(removeItem(one, 0)).toBeUndefined()
    expect(removeItem(one, 5)).toBe(one)
  })
})

describe('injected delay kind', () => {
  it('switches between fixed and a distribution, never both', () => {
    const fixed = { percent: 10, fixed: 250 }
    const random = setDelayKind(fixed, 'lognormal')
    expect(random).toEqual({ percent: 10, distribution: { kind: 'lognormal', p50: 5, p99: 25 } })
    expect(getDelayKind(random)).toBe('lognormal')
    expect(setDelayKind(random, 'fixed')).toEqual({ percent: 10, fixed: 100 })
    expect(setDelayKind(fixed, 'fixed')).toBe(fixed)
    for (const d of [random, setDelayKind(random, 'empirical'), setDelayKind(random, 'exponential')]) {
      expect(faultSchema.safeParse(faultSchema.encode({ delay: d })).success).toBe(true)
    }
  })
})
