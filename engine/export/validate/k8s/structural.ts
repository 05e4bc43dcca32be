/**
 * Kubernetes structural schemas (a CRD version's `openAPIV3Schema`) → JSON Schema (draft 7),
 * with the API server's strict semantics, plus the server's defaulting.
 *
 * What `kubectl apply --validate=strict` does, and how it is reproduced here:
 * - unknown fields are errors: every object schema that is not
 *   `x-kubernetes-preserve-unknown-fields` (and has no `additionalProperties` schema of its
 *   own) gets `additionalProperties: false`. Junctors (`allOf`/`anyOf`/`oneOf`/`not`) only
 *   add value validations, so nothing inside them closes an object;
 * - `x-kubernetes-int-or-string` → integer or string; `nullable` → the type or null;
 * - `int32`/`uint32`/`int64` formats → numeric bounds (other formats: see `celRules.ts`);
 * - `x-kubernetes-list-type: set` → `uniqueItems` (`map` keys are checked by `celRules.ts`);
 * - OpenAPI 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` → JSON Schema's numeric form;
 * - `metadata` is checked by `objectMeta.ts` (the CRD only says `type: object`).
 *
 * `applyDefaults` fills `default`s top-down before validation, as the API server does;
 * Gateway API's CEL rules read defaulted fields.
 *
 * @see https://kubernetes.io/docs/tasks/extend-kubernetes/custom-resources/custom-resource-definitions/#specifying-a-structural-schema
 */

/** An OpenAPI v3 schema node as CRDs write it (structural subset plus `x-kubernetes-*`). */
export interface OpenApiSchema {
  readonly type?: string
  readonly properties?: Readonly<Record<string, OpenApiSchema>>
  readonly additionalProperties?: OpenApiSchema | boolean
  readonly items?: OpenApiSchema
  readonly allOf?: readonly OpenApiSchema[]
  readonly anyOf?: readonly OpenApiSchema[]
  readonly oneOf?: readonly OpenApiSchema[]
  readonly not?: OpenApiSchema
  readonly default?: unknown
  readonly nullable?: boolean
  readonly format?: string
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean
  readonly 'x-kubernetes-int-or-string'?: boolean
  readonly 'x-kubernetes-list-type'?: string
  readonly 'x-kubernetes-list-map-keys'?: readonly string[]
  readonly 'x-kubernetes-validations'?: readonly CelRule[]
  readonly [keyword: string]: unknown
}

/** One `x-kubernetes-validations` entry. */
export interface CelRule {
  readonly rule: string
  readonly message?: string
  readonly messageExpression?: string
  readonly fieldPath?: string
  readonly reason?: string
  readonly optionalOldSelf?: boolean
}

type JsonSchema = Record<string, unknown>

/** Keywords copied as they are (value validations JSON Schema and OpenAPI share). */
const COPIED = ['enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems',
  'uniqueItems', 'minProperties', 'maxProperties', 'required', 'multipleOf'] as const

/** Inclusive bounds of the integer formats the API server enforces. */
const INT_BOUNDS: Record<string, readonly [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  uint32: [0, 2 ** 32 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
}

/**
 * Converts a structural schema to a JSON Schema (draft-07 keywords).
 * @param inJunctor true below `allOf`/`anyOf`/`oneOf`/`not`, where schemas only validate values.
 */
export function toJsonSchema(s: OpenApiSchema, inJunctor = false): JsonSchema {
  const out: JsonSchema = {}
  const type = s['x-kubernetes-int-or-string'] ? ['integer', 'string'] : s.type
  if (type !== undefined) out.type = s.nullable ? [...(Array.isArray(type) ? type : [type]), 'null'] : type
  for (const k of COPIED) if (s[k] !== undefined) out[k] = s[k]
  if (s.exclusiveMinimum === true && typeof s.minimum === 'number') {
    out.exclusiveMinimum = s.minimum
    delete out.minimum
  }
  if (s.exclusiveMaximum === true && typeof s.maximum === 'number') {
    out.exclusiveMaximum = s.maximum
    delete out.maximum
  }
  const bounds = s.format !== undefined ? INT_BOUNDS[s.format] : undefined
  if (bounds && (s.type === 'integer' || s['x-kubernetes-int-or-string'])) {
    out.minimum = Math.max(bounds[0], typeof out.minimum === 'number' ? out.minimum : bounds[0])
    out.maximum = Math.min(bounds[1], typeof out.maximum === 'number' ? out.maximum : bounds[1])
  }
  if (s['x-kubernetes-list-type'] === 'set') out.uniqueItems = true
  if (s.properties) {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toJsonSchema(v, inJunctor)]))
  }
  if (s.items) out.items = toJsonSchema(s.items, inJunctor)
  if (typeof s.additionalProperties === 'object') out.additionalProperties = toJsonSchema(s.additionalProperties, inJunctor)
  else if (typeof s.additionalProperties === 'boolean') out.additionalProperties = s.additionalProperties
  else if (!inJunctor && !s['x-kubernetes-preserve-unknown-fields'] && (s.type === 'object' || s.properties)) {
    out.additionalProperties = false
  }
  for (const j of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = s[j]
    if (list) out[j] = list.map((x) => toJsonSchema(x, true))
  }
  if (s.not) out.not = toJsonSchema(s.not, true)
  return out
}

/**
 * The JSON Schema of a whole resource: the CRD's root with `apiVersion`/`kind` pinned and
 * `metadata` left to `objectMeta.ts`.
 */
export function resourceJsonSchema(root: OpenApiSchema, apiVersion: string, kind: string): JsonSchema {
  const converted = toJsonSchema(root)
  const properties = { ...(converted.properties as Record<string, JsonSchema> | undefined) }
  properties.apiVersion = { const: apiVersion }
  properties.kind = { const: kind }
  properties.metadata = { type: 'object' }
  return { ...converted, type: 'object', properties, required: ['apiVersion', 'kind', 'metadata', ...((converted.required as string[]) ?? [])], additionalProperties: false }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

/**
 * Returns a copy of `value` with the schema's `default`s filled in where a field is missing,
 * top-down (a defaulted object gets its own fields' defaults too). Junctors never default.
 */
export function applyDefaults(schema: OpenApiSchema, value: unknown): unknown {
  if (Array.isArray(value)) return schema.items ? value.map((v) => applyDefaults(schema.items!, v)) : value
  if (!isObject(value)) return value
  const out: Record<string, unknown> = { ...value }
  if (schema.properties) {
    for (const [key, sub] of Object.entries(schema.properties)) {
      if (out[key] === undefined && sub.default !== undefined) out[key] = structuredCloneJson(sub.default)
      if (out[key] !== undefined) out[key] = applyDefaults(sub, out[key])
    }
  }
  const extra = schema.additionalProperties
  if (typeof extra === 'object') {
    for (const key of Object.keys(out)) {
      if (!schema.properties?.[key]) out[key] = applyDefaults(extra, out[key])
    }
  }
  return out
}

function structuredCloneJson(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v)) as unknown
}
