/**
 * Strict ProtoJSON decoding of an Envoy config, with the exact field that is wrong.
 *
 * `fromJson` of @bufbuild/protobuf is strict — unknown fields (also inside `typed_config`
 * Any), unknown enum names, wrong JSON types and unregistered `@type`s all throw — but its
 * error names the message type, not where in the document it is. When decoding fails,
 * `locateJsonError` narrows the failure down: it re-decodes each key of the failing object
 * on its own and descends into the first message-typed key that fails, so the finding reads
 * `static_resources.clusters[2].lb_policy: cannot decode enum …`. Cost: one extra decode per
 * level on the failing branch only.
 */
import { fromJson } from '@bufbuild/protobuf'
import type { DescField, DescMessage, FileRegistry, JsonValue, Message } from '@bufbuild/protobuf'

/** Where strict decoding failed and why. `path` uses the document's own keys. */
export interface DecodeProblem {
  readonly path: string
  readonly message: string
}

/** Result of a strict decode: the message, or the first problem found. */
export type DecodeResult = { readonly ok: true; readonly message: Message } | { readonly ok: false; readonly problem: DecodeProblem }

// Well-known types with a special JSON form: they are leaves for error location.
const JSON_LEAVES = /^google\.protobuf\.(Duration|Timestamp|FieldMask|Struct|Value|ListValue|NullValue|Empty|\w+Value)$/

/** Decodes `json` as `typeName` strictly; on failure, reports the innermost failing field. */
export function strictDecode(registry: FileRegistry, typeName: string, json: unknown): DecodeResult {
  const desc = registry.getMessage(typeName)
  if (!desc) return { ok: false, problem: { path: '', message: `${typeName} is not in the type registry` } }
  try {
    return { ok: true, message: fromJson(desc, json as JsonValue, { registry }) }
  } catch (err) {
    return { ok: false, problem: locateJsonError(registry, desc, json, '') ?? { path: '', message: errorText(err) } }
  }
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

function tryDecode(registry: FileRegistry, desc: DescMessage, json: unknown): string | undefined {
  try {
    fromJson(desc, json as JsonValue, { registry })
    return undefined
  } catch (err) {
    return errorText(err)
  }
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  if (/^[A-Za-z_][\w]*$/.test(key)) return path ? `${path}.${key}` : key
  return `${path}[${JSON.stringify(key)}]`
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/** The innermost failing field below `path`, or undefined when `json` decodes. */
export function locateJsonError(registry: FileRegistry, desc: DescMessage, json: unknown, path: string): DecodeProblem | undefined {
  const whole = tryDecode(registry, desc, json)
  if (whole === undefined) return undefined
  if (!isObject(json) || JSON_LEAVES.test(desc.typeName)) return { path, message: whole }
  if (desc.typeName === 'google.protobuf.Any') return locateInAny(registry, json, path) ?? { path, message: whole }
  for (const [key, value] of Object.entries(json)) {
    const field = desc.fields.find((f) => f.jsonName === key || f.name === key)
    if (!field) return { path: join(path, key), message: `unknown field "${key}" in ${desc.typeName}` }
    const alone = tryDecode(registry, desc, { [key]: value })
    if (alone === undefined) continue
    return locateInField(registry, field, value, join(path, key)) ?? { path: join(path, key), message: alone }
  }
  // Every key decodes alone: the keys conflict (e.g. a field given twice, or two oneof members).
  return { path, message: whole }
}

function locateInField(registry: FileRegistry, field: DescField, value: unknown, path: string): DecodeProblem | undefined {
  if (field.fieldKind === 'message') return locateJsonError(registry, field.message, value, path)
  if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = locateJsonError(registry, field.message, value[i], join(path, i))
      if (found) return found
    }
  }
  if (field.fieldKind === 'map' && field.mapKind === 'message' && isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const found = locateJsonError(registry, field.message, v, join(path, k))
      if (found) return found
    }
  }
  return undefined
}

function locateInAny(registry: FileRegistry, json: Record<string, unknown>, path: string): DecodeProblem | undefined {
  const url = json['@type']
  if (typeof url !== 'string') return { path: join(path, '@type'), message: 'an Any needs a string "@type"' }
  const inner = registry.getMessage(url.slice(url.lastIndexOf('/') + 1))
  if (!inner) return { path: join(path, '@type'), message: `${url} is not a known Envoy type` }
  if (JSON_LEAVES.test(inner.typeName)) return undefined
  const { '@type': _type, ...rest } = json
  return locateJsonError(registry, inner, rest, path)
}
