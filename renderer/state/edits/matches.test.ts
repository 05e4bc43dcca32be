import { describe, expect, it } from 'vitest'
import { routeRuleSchema } from '../../../engine/index'
import { addHeaderMatch, getMatchKind, getMatchText, removeHeaderMatch, renameHeaderMatch, setHeaderMatch } from './matches'

describe('header matches', () => {
  const headers = { 'x-user': { exact: 'jason' }, 'x-tier': { prefix: 'gold' } }

  it('reads the kind and text of a match', () => {
    expect(getMatchKind(headers['x-tier'])).toBe('prefix')
    expect(getMatchText(headers['x-tier'])).toBe('gold')
    expect(getMatchKind({ regex: '^a' })).toBe('regex')
    expect(getMatchKind(undefined)).toBe('exact')
  })

  it('switching the kind keeps the text and gives exactly one of exact, prefix or regex', () => {
    const next = setHeaderMatch(headers, 'x-user', 'regex')
    expect(next['x-user']).toEqual({ regex: 'jason' })
    expect(setHeaderMatch(next, 'x-user', 'regex', '^j.*')['x-user']).toEqual({ regex: '^j.*' })
    const rule = { match: [{ headers: next }], split: [{ version: 'v1', weight: 100 }] }
    expect(routeRuleSchema.safeParse(rule).success).toBe(true)
  })

  it('renames in place and refuses a taken name', () => {
    expect(Object.keys(renameHeaderMatch(headers, 'x-user', 'x-id'))).toEqual(['x-id', 'x-tier'])
    expect(renameHeaderMatch(headers, 'x-user', 'x-tier')).toBe(headers)
    expect(renameHeaderMatch(headers, 'x-user', '')).toBe(headers)
  })

  it('adds with a fresh name and removes down to undefined', () => {
    const added = addHeaderMatch(addHeaderMatch(undefined))
    expect(added).toEqual({ 'x-header': { exact: '' }, 'x-header-2': { exact: '' } })
    expect(removeHeaderMatch({ a: { exact: '1' } }, 'a')).toBeUndefined()
    expect(removeHeaderMatch(headers, 'x-user')).toEqual({ 'x-tier': { prefix: 'gold' } })
    expect(removeHeaderMatch(headers, 'nope')).toBe(headers)
  })
})
