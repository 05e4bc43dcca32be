import { describe, expect, it } from 'vitest'
import { formatValue, parseValue } from './codecs'

describe('field codecs', () => {
  it('read units as the YAML file does, and a bare number in the field\'s unit', () => {
    expect(parseValue('duration', '250ms', false)).toEqual({ ok: true, value: 250 })
    expect(parseValue('duration', '1.5s', false)).toEqual({ ok: true, value: 1500 })
    expect(parseValue('duration', '40', false)).toEqual({ ok: true, value: 40 })
    expect(parseValue('percent', '10', false)).toEqual({ ok: true, value: 10 })
    expect(parseValue('rate', '30rpm', false)).toEqual({ ok: true, value: 0.5 })
    expect(parseValue('size', '4KiB', false)).toEqual({ ok: true, value: 4096 })
    expect(parseValue('durationList', '5ms, 1s', false)).toEqual({ ok: true, value: [5, 1000] })
  })

  it('explain what they expected, never throw', () => {
    expect(parseValue('duration', 'soon', false)).toEqual({ ok: false, error: expect.stringContaining("'250ms'") })
    expect(parseValue('int', '2.5', false)).toEqual({ ok: false, error: 'expected a whole number' })
    expect(parseValue('map', 'a=1, b', true)).toEqual({ ok: false, error: expect.stringContaining('key=value') })
    expect(parseValue('text', '  ', false)).toEqual({ ok: false, error: 'required' })
  })

  it('an empty optional field removes the value; formatting round-trips', () => {
    expect(parseValue('duration', '', true)).toEqual({ ok: true, value: undefined })
    for (const [kind, value] of [['duration', 2000], ['percent', 12.5], ['rate', 100], ['map', { a: '1', b: '2' }], ['intList', [503, 429]]] as const) {
      expect(parseValue(kind, formatValue(kind, value), false)).toEqual({ ok: true, value })
    }
    expect(formatValue('duration', undefined)).toBe('')
  })
})
