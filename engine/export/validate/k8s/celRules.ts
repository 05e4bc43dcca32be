/**
 * `x-kubernetes-validations` CEL rules, evaluated the way the API server does: each rule runs
 * with `self` bound to the (defaulted) value at its schema node, integers as CEL ints,
 * object properties under Kubernetes' escaped names (`namespace` → `__namespace__`,
 * `a-b` → `a__dash__b`). Transition rules (those reading `oldSelf`) are skipped: an export is
 * always a create. The same walk checks `x-kubernetes-list-type: map` key uniqueness.
 *
 * `@marcbachmann/cel-js` rejects `has(self.list[0].field)` (legal CEL); such macros are
 * rewritten to the equivalent `'field' in self.list[0]` before parsing.
 *
 * @see https://kubernetes.io/docs/reference/using-api/cel/
 */
import { parse } from '@marcbachmann/cel-js'
import type { CelRule, OpenApiSchema } from './structural'

/** A failed rule: where (document path) and why. */
export interface RuleFinding {
  readonly field: string
  readonly message: string
}

type Program = (ctx: Record<string, unknown>) => unknown

const RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function',
  'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var'])

/** Kubernetes' CEL property-name escaping; undefined when the name is not accessible from CEL. */
export function escapeCelName(name: string): string | undefined {
  if (name === '' || /^[0-9]/.test(name)) return undefined
  if (RESERVED.has(name)) return `__${name}__`
  let ok = true
  const escaped = name.replace(/__|[-./]|[^a-zA-Z0-9_]/g, (s) => {
    switch (s) {
      case '__': return '__underscores__'
      case '.': return '__dot__'
      case '-': return '__dash__'
      case '/': return '__slash__'
      default:
        ok = false
        return s
    }
  })
  return ok ? escaped : undefined
}

/** Rewrites `has(x[i].f)` (rejected by cel-js) to `'f' in x[i]`. */
export function rewriteRule(rule: string): string {
  return rule.replace(/has\(([A-Za-z_][\w.]*(?:\[[^\]()]*\][\w.]*)*\[[^\]()]*\])\.([A-Za-z_]\w*)\)/g, "('$2' in $1)")
}

const programs = new Map<string, Program | Error>()

function compile(rule: string): Program | Error {
  let p = programs.get(rule)
  if (p === undefined) {
    try {
      p = parse(rewriteRule(rule)) as unknown as Program
    } catch (err) {
      p = err instanceof Error ? err : new Error(String(err))
    }
    programs.set(rule, p)
  }
  return p
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** The CEL view of a value typed by its schema: ints as bigint, properties escaped. */
export function toCel(schema: OpenApiSchema | undefined, value: unknown): unknown {
  if (typeof value === 'number') {
    const intTyped = schema?.type === 'integer' || schema?.['x-kubernetes-int-or-string']
    return intTyped && Number.isInteger(value) ? BigInt(value) : value
  }
  if (Array.isArray(value)) return value.map((v) => toCel(schema?.items, v))
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    const prop = schema?.properties?.[k]
    if (prop) {
      const name = escapeCelName(k)
      if (name !== undefined) out[name] = toCel(prop, v)
    } else {
      const extra = schema?.additionalProperties
      out[k] = toCel(typeof extra === 'object' ? extra : undefined, v)
    }
  }
  return out
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  return path === '' ? key : `${path}.${key}`
}

function runRule(r: CelRule, schema: OpenApiSchema, value: unknown, path: string): RuleFinding | undefined {
  if (/\boldSelf\b/.test(r.rule)) return undefined
  const field = r.fieldPath ? `${path}${r.fieldPath}`.replace(/^\./, '') : path
  const program = compile(r.rule)
  if (program instanceof Error) return { field, message: `CEL rule could not be compiled (${program.message}): ${r.rule}` }
  let result: unknown
  try {
    result = program({ self: toCel(schema, value) })
  } catch (err) {
    return { field, message: `CEL rule could not be evaluated (${(err as Error).message}): ${r.rule}` }
  }
  if (result === true) return undefined
  return { field, message: r.message ?? `failed rule: ${r.rule}` }
}

function duplicateKeys(schema: OpenApiSchema, list: readonly unknown[], path: string): RuleFinding[] {
  const keys = schema['x-kubernetes-list-map-keys']
  if (schema['x-kubernetes-list-type'] !== 'map' || !keys) return []
  const seen = new Set<string>()
  const found: RuleFinding[] = []
  list.forEach((item, i) => {
    if (!isObject(item)) return
    const key = JSON.stringify(keys.map((k) => item[k] ?? null))
    if (seen.has(key)) found.push({ field: join(path, i), message: `duplicate entry for key ${keys.join(', ')} = ${key}` })
    seen.add(key)
  })
  return found
}

/**
 * Evaluates every CEL rule that applies to `value` (already defaulted) under `schema`.
 * @param path document path of `value`, e.g. `spec.rules[0]`
 */
export function checkCelRules(schema: OpenApiSchema, value: unknown, path = ''): RuleFinding[] {
  if (value === undefined || value === null) return []
  const found: RuleFinding[] = []
  for (const r of schema['x-kubernetes-validations'] ?? []) {
    const f = runRule(r, schema, value, path)
    if (f) found.push(f)
  }
  if (Array.isArray(value)) {
    found.push(...duplicateKeys(schema, value, path))
    if (schema.items) value.forEach((v, i) => found.push(...checkCelRules(schema.items!, v, join(path, i))))
    return found
  }
  if (!isObject(value)) return found
  for (const [k, v] of Object.entries(value)) {
    const prop = schema.properties?.[k]
    const extra = schema.additionalProperties
    const sub = prop ?? (typeof extra === 'object' ? extra : undefined)
    if (sub) found.push(...checkCelRules(sub, v, join(path, k)))
  }
  return found
}
