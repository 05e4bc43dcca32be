/**
 * protoc-gen-validate rules on one value: numbers (all widths, and the value inside a
 * wrapper), durations (compared as whole nanoseconds), strings, bytes, bools and enums.
 *
 * Rule messages arrive as dynamic messages, so 64-bit bounds are `bigint` and durations
 * are `{seconds, nanos}`; everything is compared as bigint nanoseconds (durations) or as
 * numbers (scalars; Envoy's bounds are far below 2^53).
 *
 * @see https://github.com/bufbuild/protoc-gen-validate/blob/main/validate/validate.proto
 */
import type { DescEnum } from '@bufbuild/protobuf'
import type { ReflectMessage } from '@bufbuild/protobuf/reflect'
import type { DecodeProblem } from './strictDecode'

/** One rules message (`UInt32Rules`, `StringRules`, …) as decoded: read by field name. */
export type Rule = Readonly<Record<string, unknown>>

interface DurationLike { readonly seconds: bigint; readonly nanos: number }

const HEADER_NAME_STRICT = /^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/
const HEADER_VALUE_STRICT = /^[^\u0000-\u0008\u000A-\u001F\u007F]*$/
const HEADER_LAX = /^[^\u0000\u000A\u000D]*$/

/** A Duration message's length in nanoseconds. */
export function durationNanos(r: ReflectMessage): bigint {
  const m = r.message as unknown as DurationLike
  return BigInt(m.seconds ?? 0n) * 1_000_000_000n + BigInt(m.nanos ?? 0)
}

function asDurationNanos(v: unknown): bigint | undefined {
  if (v === undefined || v === null || typeof v !== 'object') return undefined
  const d = v as DurationLike
  return BigInt(d.seconds ?? 0n) * 1_000_000_000n + BigInt(d.nanos ?? 0)
}

function showNanos(n: bigint): string {
  const ms = Number(n) / 1e6
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`
}

function checkBounds(rule: Rule, value: number | bigint, show: (v: number | bigint) => string, bound: (v: unknown) => number | bigint | undefined, path: string, out: DecodeProblem[]): void {
  const lt = bound(rule.lt)
  const lte = bound(rule.lte)
  const gt = bound(rule.gt)
  const gte = bound(rule.gte)
  const c = bound(rule.const)
  if (c !== undefined && value !== c) out.push({ path, message: `must equal ${show(c)}, is ${show(value)}` })
  if (lt !== undefined && !(value < lt)) out.push({ path, message: `must be less than ${show(lt)}, is ${show(value)}` })
  if (lte !== undefined && !(value <= lte)) out.push({ path, message: `must be at most ${show(lte)}, is ${show(value)}` })
  if (gt !== undefined && !(value > gt)) out.push({ path, message: `must be greater than ${show(gt)}, is ${show(value)}` })
  if (gte !== undefined && !(value >= gte)) out.push({ path, message: `must be at least ${show(gte)}, is ${show(value)}` })
  const inList = (rule.in as readonly unknown[] | undefined)?.map(bound)
  if (inList?.length && !inList.includes(value)) out.push({ path, message: `must be one of ${inList.map((v) => show(v!)).join(', ')}` })
  const notIn = (rule.notIn as readonly unknown[] | undefined)?.map(bound)
  if (notIn?.includes(value)) out.push({ path, message: `must not be ${show(value)}` })
}

function num(v: unknown): number | undefined {
  return typeof v === 'bigint' || typeof v === 'number' ? Number(v) : undefined
}

function isEmptyValue(v: unknown): boolean {
  return v === 0 || v === 0n || v === '' || v === false || (v instanceof Uint8Array && v.length === 0)
}

/**
 * Checks `value` against a PGV rules message of kind `kind` (`uint32`, `string`, `enum`,
 * `duration`, …) and appends violations to `out`.
 */
export function checkScalar(kind: string, rule: Rule, value: unknown, path: string, out: DecodeProblem[], enumDesc?: DescEnum): void {
  if (rule.ignoreEmpty === true && isEmptyValue(value)) return
  switch (kind) {
    case 'duration':
      checkBounds(rule, value as bigint, (v) => showNanos(BigInt(v)), asDurationNanos, path, out)
      return
    case 'string':
      checkString(rule, String(value), path, out)
      return
    case 'bytes': {
      const len = (value as Uint8Array).length
      if (rule.minLen !== undefined && len < Number(rule.minLen)) out.push({ path, message: `must be at least ${rule.minLen} byte(s)` })
      if (rule.maxLen !== undefined && Number(rule.maxLen) > 0 && len > Number(rule.maxLen)) out.push({ path, message: `must be at most ${rule.maxLen} byte(s)` })
      return
    }
    case 'bool':
      if (rule.const !== undefined && value !== rule.const) out.push({ path, message: `must be ${String(rule.const)}` })
      return
    case 'enum':
      checkEnum(rule, Number(value), path, out, enumDesc)
      return
    case 'float': case 'double': case 'int32': case 'int64': case 'uint32': case 'uint64':
    case 'sint32': case 'sint64': case 'fixed32': case 'fixed64': case 'sfixed32': case 'sfixed64':
      checkBounds(rule, Number(value), String, num, path, out)
      return
    default:
      return
  }
}

function checkEnum(rule: Rule, value: number, path: string, out: DecodeProblem[], enumDesc?: DescEnum): void {
  if (rule.definedOnly === true && enumDesc && !enumDesc.values.some((v) => v.number === value)) {
    out.push({ path, message: `${value} is not a defined value of ${enumDesc.typeName}` })
  }
  const name = enumDesc?.values.find((v) => v.number === value)?.name ?? String(value)
  const inList = rule.in as readonly number[] | undefined
  if (inList?.length && !inList.includes(value)) out.push({ path, message: `${name} is not allowed here` })
  if ((rule.notIn as readonly number[] | undefined)?.includes(value)) out.push({ path, message: `${name} is not allowed here` })
}

function checkString(rule: Rule, s: string, path: string, out: DecodeProblem[]): void {
  const chars = [...s].length
  const bytes = utf8Length(s)
  const push = (message: string) => out.push({ path, message })
  if (rule.const !== undefined && s !== rule.const) push(`must be "${String(rule.const)}"`)
  if (rule.minLen !== undefined && chars < Number(rule.minLen)) push(s === '' ? 'must not be empty' : `must be at least ${rule.minLen} characters`)
  if (rule.maxLen !== undefined && Number(rule.maxLen) > 0 && chars > Number(rule.maxLen)) push(`must be at most ${rule.maxLen} characters`)
  if (rule.minBytes !== undefined && bytes < Number(rule.minBytes)) push(s === '' ? 'must not be empty' : `must be at least ${rule.minBytes} bytes`)
  if (rule.maxBytes !== undefined && Number(rule.maxBytes) > 0 && bytes > Number(rule.maxBytes)) push(`must be at most ${rule.maxBytes} bytes`)
  if (typeof rule.prefix === 'string' && rule.prefix && !s.startsWith(rule.prefix)) push(`must start with "${rule.prefix}"`)
  if (typeof rule.suffix === 'string' && rule.suffix && !s.endsWith(rule.suffix)) push(`must end with "${rule.suffix}"`)
  if (typeof rule.contains === 'string' && rule.contains && !s.includes(rule.contains)) push(`must contain "${rule.contains}"`)
  const inList = rule.in as readonly string[] | undefined
  if (inList?.length && !inList.includes(s)) push(`must be one of ${inList.join(', ')}`)
  if ((rule.notIn as readonly string[] | undefined)?.includes(s)) push(`"${s}" is not allowed`)
  if (typeof rule.pattern === 'string' && rule.pattern && !safeRegex(rule.pattern).test(s)) push(`must match ${rule.pattern}`)
  const known = rule.wellKnownRegex // 1 = HTTP_HEADER_NAME, 2 = HTTP_HEADER_VALUE
  if (known === 1 || known === 2) {
    const re = rule.strict === false ? HEADER_LAX : known === 1 ? HEADER_NAME_STRICT : HEADER_VALUE_STRICT
    if (!re.test(s)) push(`is not a valid HTTP header ${known === 1 ? 'name' : 'value'}`)
  }
}

function utf8Length(s: string): number {
  let n = 0
  for (const ch of s) {
    const cp = ch.codePointAt(0)!
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
  }
  return n
}

const regexCache = new Map<string, RegExp>()

// PGV patterns are RE2; the ones Envoy uses are also valid JavaScript regexes.
function safeRegex(pattern: string): RegExp {
  let re = regexCache.get(pattern)
  if (!re) {
    try {
      re = new RegExp(pattern, 'u')
    } catch {
      re = /[\s\S]*/
    }
    regexCache.set(pattern, re)
  }
  return re
}
