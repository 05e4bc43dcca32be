import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  formatDurationMs, formatPercent, formatRateRps, formatSizeBytes,
  parseDurationMs, parsePercent, parseQuantity, parseRateRps, parseSizeBytes,
} from './units'

describe('units', () => {
  it('parses durations to milliseconds', () => {
    expect(parseDurationMs('250ms')).toBe(250)
    expect(parseDurationMs('2s')).toBe(2000)
    expect(parseDurationMs('1.5m')).toBe(90_000)
    expect(parseDurationMs('1h')).toBe(3_600_000)
    expect(parseDurationMs('500us')).toBe(0.5)
    expect(parseDurationMs('0.25s')).toBe(250)
    expect(parseDurationMs('2 seconds')).toBeNaN()
    expect(parseDurationMs('250')).toBeNaN()
    expect(parseDurationMs('-1s')).toBeNaN()
  })

  it('formats durations with the largest exact unit', () => {
    expect(formatDurationMs(2000)).toBe('2s')
    expect(formatDurationMs(90_000)).toBe('90s')
    expect(formatDurationMs(120_000)).toBe('2m')
    expect(formatDurationMs(250)).toBe('250ms')
    expect(formatDurationMs(0.5)).toBe('500us')
    expect(formatDurationMs(0)).toBe('0ms')
  })

  it('parses rates, percentages and sizes', () => {
    expect(parseRateRps('100rps')).toBe(100)
    expect(parseRateRps('30rpm')).toBe(0.5)
    expect(formatRateRps(0.5)).toBe('30rpm')
    expect(parsePercent('0.5%')).toBe(0.5)
    expect(formatPercent(12.5)).toBe('12.5%')
    expect(parseSizeBytes('4KiB')).toBe(4096)
    expect(formatSizeBytes(4096)).toBe('4KiB')
    expect(formatSizeBytes(1000)).toBe('1000B')
  })

  it('compares quantities across spellings', () => {
    expect(parseQuantity('0.25s')).toEqual(parseQuantity('250ms'))
    expect(parseQuantity('10%')).not.toEqual(parseQuantity('10ms'))
    expect(parseQuantity('hello')).toBeUndefined()
  })

  it('round-trips: parse(format(x)) === x', () => {
    const ms = fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000)
    fc.assert(fc.property(ms, (x) => parseDurationMs(formatDurationMs(x)) === x))
    fc.assert(fc.property(fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 60), (x) => Math.abs(parseRateRps(formatRateRps(x)) - x) < 1e-9))
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }).map((n) => n / 100), (x) => parsePercent(formatPercent(x)) === x))
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (x) => parseSizeBytes(formatSizeBytes(x)) === x))
  })
})
