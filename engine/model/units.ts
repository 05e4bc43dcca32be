/**
 * Human units in scenario files: durations (`250ms`, `2s`, `1.5m`), request rates
 * (`100rps`, `30rpm`), percentages (`10%`, `0.5%`) and sizes (`512B`, `4KiB`).
 *
 * Each unit is a pair of pure functions (parse → canonical number, format → string) so the
 * schema can decode files into numbers and encode numbers back into text. Canonical units:
 * milliseconds, requests per second, percent (0–100) and bytes.
 */

/** Pattern of the text form; also published in the JSON Schema. */
export const DURATION_RE = /^(\d+(?:\.\d+)?)\s*(us|µs|ms|s|m|h)$/
/** Pattern of the text form; also published in the JSON Schema. */
export const RATE_RE = /^(\d+(?:\.\d+)?)\s*(rps|rpm|\/s|\/min)$/
/** Pattern of the text form; also published in the JSON Schema. */
export const PERCENT_RE = /^(\d+(?:\.\d+)?)\s*%$/
/** Pattern of the text form; also published in the JSON Schema. */
export const SIZE_RE = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB|GB|GiB)$/

const DURATION_MS: Record<string, number> = { us: 0.001, µs: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 }
const SIZE_BYTES: Record<string, number> = { B: 1, KB: 1000, KiB: 1024, MB: 1e6, MiB: 1024 ** 2, GB: 1e9, GiB: 1024 ** 3 }

/** Examples shown in error messages, so a user sees what a valid value looks like. */
export const UNIT_EXAMPLES = {
  duration: "a duration like '250ms', '2s', '1.5m' or '500us'",
  rate: "a rate like '100rps' or '30rpm'",
  percent: "a percentage like '10%' or '0.5%'",
  size: "a size like '512B', '4KiB' or '1MB'",
} as const

/** Tests whether `text` is a duration this module can parse. */
export function isDuration(text: string): boolean {
  return DURATION_RE.test(text.trim())
}
/** Parses `250ms` → 250 (milliseconds). Returns NaN when the text is not a duration. */
export function parseDurationMs(text: string): number {
  const m = DURATION_RE.exec(text.trim())
  return m ? roundFloat(Number(m[1]) * DURATION_MS[m[2]!]!) : Number.NaN
}
/** Formats milliseconds with the largest unit that keeps the number exact: 2000 → `2s`. */
export function formatDurationMs(ms: number): string {
  if (ms !== 0 && ms % 3_600_000 === 0) return `${ms / 3_600_000}h`
  if (ms !== 0 && ms % 60_000 === 0) return `${ms / 60_000}m`
  if (ms !== 0 && ms % 1000 === 0) return `${ms / 1000}s`
  if (Number.isInteger(ms)) return `${ms}ms`
  const us = roundFloat(ms * 1000)
  return Number.isInteger(us) ? `${us}us` : `${ms}ms`
}

/** Tests whether `text` is a request rate. */
export function isRate(text: string): boolean {
  return RATE_RE.test(text.trim())
}
/** Parses `100rps` → 100, `30rpm` → 0.5 (requests per second). NaN when not a rate. */
export function parseRateRps(text: string): number {
  const m = RATE_RE.exec(text.trim())
  if (!m) return Number.NaN
  const perMinute = m[2] === 'rpm' || m[2] === '/min'
  return roundFloat(perMinute ? Number(m[1]) / 60 : Number(m[1]))
}
/** Formats requests per second as `100rps` (or `30rpm` when that is exact and shorter). */
export function formatRateRps(rps: number): string {
  const perMinute = roundFloat(rps * 60)
  if (!Number.isInteger(rps) && Number.isInteger(perMinute)) return `${perMinute}rpm`
  return `${rps}rps`
}

/** Tests whether `text` is a percentage. */
export function isPercent(text: string): boolean {
  return PERCENT_RE.test(text.trim())
}
/** Parses `12.5%` → 12.5 (percent, not a fraction). NaN when not a percentage. */
export function parsePercent(text: string): number {
  const m = PERCENT_RE.exec(text.trim())
  return m ? Number(m[1]) : Number.NaN
}
/** Formats a percent value: 12.5 → `12.5%`. */
export function formatPercent(pct: number): string {
  return `${pct}%`
}

/** Tests whether `text` is a size. */
export function isSize(text: string): boolean {
  return SIZE_RE.test(text.trim())
}
/** Parses `4KiB` → 4096 (bytes). NaN when not a size. */
export function parseSizeBytes(text: string): number {
  const m = SIZE_RE.exec(text.trim())
  return m ? Math.round(Number(m[1]) * SIZE_BYTES[m[2]!]!) : Number.NaN
}
/** Formats bytes with the largest binary unit that keeps the number whole: 4096 → `4KiB`. */
export function formatSizeBytes(bytes: number): string {
  for (const unit of ['GiB', 'MiB', 'KiB'] as const) {
    const n = bytes / SIZE_BYTES[unit]!
    if (bytes !== 0 && Number.isInteger(n)) return `${n}${unit}`
  }
  return `${bytes}B`
}

/**
 * Parses any unit-bearing string to a comparable `[unit, value]`, or undefined. The
 * serialiser uses it to keep a user's spelling (`0.25s`) when the value is unchanged (`250ms`).
 */
export function parseQuantity(text: string): readonly [string, number] | undefined {
  if (isDuration(text)) return ['duration', parseDurationMs(text)]
  if (isRate(text)) return ['rate', parseRateRps(text)]
  if (isPercent(text)) return ['percent', parsePercent(text)]
  if (isSize(text)) return ['size', parseSizeBytes(text)]
  return undefined
}

// Unit conversion multiplies by powers of ten; rounding to 9 significant decimals removes
// the binary noise (0.1 * 3 = 0.30000000000000004) so that parse(format(x)) === x.
function roundFloat(x: number): number {
  return Math.round(x * 1e9) / 1e9
}
