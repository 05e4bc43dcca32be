/**
 * Text codecs of the inspector's fields: how a model value is shown in an input and how
 * what the user typed becomes a model value again. Units use the engine's own parsers, so
 * a field accepts exactly what the YAML file accepts (`250ms`, `2s`, `10%`, `50rps`), and a
 * bare number is read in the field's unit. Parsing never throws: it returns an error text.
 */
import {
  UNIT_EXAMPLES, formatDurationMs, formatPercent, formatRateRps, formatSizeBytes, parseDurationMs, parsePercent, parseRateRps,
  parseSizeBytes,
} from '../../../engine/index'

export type FieldKind = 'text' | 'int' | 'number' | 'duration' | 'percent' | 'rate' | 'size' | 'list' | 'intList' | 'durationList' | 'map'

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string }

const ok = (value: unknown): Parsed => ({ ok: true, value })
const bad = (error: string): Parsed => ({ ok: false, error })
const BARE = /^\d+(\.\d+)?$/

/** The text an input shows for `value` (empty for an absent optional value). */
export function formatValue(kind: FieldKind, value: unknown): string {
  if (value === undefined || value === null) return ''
  switch (kind) {
    case 'duration':
      return formatDurationMs(value as number)
    case 'percent':
      return formatPercent(value as number)
    case 'rate':
      return formatRateRps(value as number)
    case 'size':
      return formatSizeBytes(value as number)
    case 'list':
    case 'intList':
      return (value as unknown[]).join(', ')
    case 'durationList':
      return (value as number[]).map(formatDurationMs).join(', ')
    case 'map':
      return Object.entries(value as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(', ')
    default:
      return String(value)
  }
}

/** The model value for `text` (undefined for an empty optional field), or why it is not one. */
export function parseValue(kind: FieldKind, text: string, optional: boolean): Parsed {
  const t = text.trim()
  if (t === '') return optional ? ok(undefined) : bad('required')
  switch (kind) {
    case 'text':
      return ok(t)
    case 'int':
      return /^-?\d+$/.test(t) ? ok(Number(t)) : bad('expected a whole number')
    case 'number':
      return Number.isFinite(Number(t)) ? ok(Number(t)) : bad('expected a number')
    case 'duration':
      return unit(BARE.test(t) ? `${t}ms` : t, parseDurationMs, UNIT_EXAMPLES.duration)
    case 'percent':
      return unit(BARE.test(t) ? `${t}%` : t, parsePercent, UNIT_EXAMPLES.percent)
    case 'rate':
      return unit(BARE.test(t) ? `${t}rps` : t, parseRateRps, UNIT_EXAMPLES.rate)
    case 'size':
      return unit(BARE.test(t) ? `${t}B` : t, parseSizeBytes, UNIT_EXAMPLES.size)
    case 'list':
      return ok(splitList(t))
    case 'intList': {
      const items = splitList(t)
      return items.every((x) => /^\d+$/.test(x)) ? ok(items.map(Number)) : bad('expected whole numbers separated by commas')
    }
    case 'durationList': {
      const items = splitList(t).map((x) => parseDurationMs(BARE.test(x) ? `${x}ms` : x))
      return items.every((x) => !Number.isNaN(x)) ? ok(items) : bad(`expected durations separated by commas (${UNIT_EXAMPLES.duration})`)
    }
    case 'map': {
      const pairs = splitList(t).map((p) => p.split('='))
      if (pairs.some((p) => p.length !== 2 || !p[0]!.trim())) return bad('expected key=value pairs separated by commas')
      return ok(Object.fromEntries(pairs.map(([k, v]) => [k!.trim(), v!.trim()])))
    }
  }
}

function unit(text: string, parse: (s: string) => number, example: string): Parsed {
  const n = parse(text)
  return Number.isNaN(n) ? bad(`expected ${example}`) : ok(n)
}

function splitList(text: string): string[] {
  return text.split(',').map((x) => x.trim()).filter(Boolean)
}
