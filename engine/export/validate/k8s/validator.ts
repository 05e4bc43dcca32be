/**
 * The Kubernetes resource validator: what `kubectl apply --validate=strict` against a real API
 * server with the CRDs installed (and the meshes' admission webhooks) would say, offline.
 *
 * Per resource, in the API server's order: apiVersion/kind must be a served version of a known
 * kind → ObjectMeta → schema defaults applied → structural schema (@cfworker/json-schema;
 * unknown fields, types, enums, bounds, patterns, junctors) → CEL rules (only on a schema-valid object, as the server
 * does) → the kind's webhook checks. Then checks across all resources (e.g. every
 * VirtualService subset exists in a DestinationRule).
 *
 * The schema validator is an interpreter, not a code generator (ajv compiles schemas with
 * `new Function`, which the renderer's Content-Security-Policy forbids), so the same
 * validation runs in the CLI, in Electron and in the browser. Converted schemas are cached
 * per schema object, so a validator is cheap to reuse.
 */
import { Validator } from '@cfworker/json-schema'
import type { OutputUnit } from '@cfworker/json-schema'
import type { FileFinding } from '../../types'
import { parseYamlDocuments } from '../../yaml'
import { checkCelRules } from './celRules'
import type { RuleFinding } from './celRules'
import { checkObjectMeta } from './objectMeta'
import type { NameRule } from './objectMeta'
import { applyDefaults, resourceJsonSchema } from './structural'
import type { OpenApiSchema } from './structural'

/** One kind/version's schema, as vendored (`engine/export/schemas/k8s/*.json`) or read from a CRD. */
export interface KindSchema {
  readonly group: string
  readonly version: string
  readonly kind: string
  readonly schema: OpenApiSchema
  /** Where the schema comes from (file and release), for messages. */
  readonly source?: string
  /** Name rule for `metadata.name` (default: DNS-1123 subdomain). */
  readonly nameRule?: NameRule
}

/** A parsed resource and the file it came from. */
export interface K8sDocument {
  readonly file: string
  /** Document index within the file (multi-document YAML). */
  readonly index: number
  readonly resource: unknown
}

/** Extra per-kind checks (admission webhooks), keyed by `group/Kind` (`/Service` for core). */
export type WebhookChecks = Readonly<Record<string, (resource: Record<string, unknown>) => RuleFinding[]>>

/** Checks across every resource of one validation run. */
export type CrossCheck = (documents: readonly K8sDocument[]) => FileFinding[]

/** Extra checks a validator runs after the schema and CEL rules. */
export interface K8sValidatorOptions {
  readonly webhooks?: WebhookChecks
  readonly crossChecks?: readonly CrossCheck[]
}

/** A validator bound to a set of kind schemas. */
export interface K8sValidator {
  /** Findings for one resource (fields relative to the resource). */
  validateResource(resource: unknown): RuleFinding[]
  /** Findings for parsed documents, including cross-resource checks. */
  validateDocuments(documents: readonly K8sDocument[]): FileFinding[]
  /** Parses YAML files (multi-document allowed) and validates every resource in them. */
  validateFiles(files: readonly { readonly path: string; readonly content: string }[]): FileFinding[]
}

const compiled = new WeakMap<OpenApiSchema, Validator>()

/** The schema validator of a kind (JSON Schema draft 7, every error reported). */
function compiledFor(entry: KindSchema): Validator {
  let validator = compiled.get(entry.schema)
  if (!validator) {
    const apiVersion = entry.group === '' ? entry.version : `${entry.group}/${entry.version}`
    validator = new Validator(resourceJsonSchema(entry.schema, apiVersion, entry.kind), '7', false)
    compiled.set(entry.schema, validator)
  }
  return validator
}

/** `/spec/http/0/route` → `spec.http[0].route`. */
export function pointerToPath(pointer: string): string {
  let out = ''
  for (const raw of pointer.split('/').slice(1)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`
  }
  return out
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}

function valueAtPointer(root: unknown, pointer: string): unknown {
  let v = root
  for (const raw of pointer.split('/').slice(1)) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[raw.replace(/~1/g, '/').replace(/~0/g, '~')]
  }
  return v
}

const QUOTED = /"((?:[^"\\]|\\.)*)"/

/** Maps the validator's output units to API-server-style findings on the failing field. */
function fromValidator(errors: readonly OutputUnit[], instance: unknown): RuleFinding[] {
  const found: RuleFinding[] = []
  for (const e of errors) {
    // Summaries ("property x does not match") repeat their children's errors; errors below a
    // junctor only explain why a branch failed, and the junctor's own error says it.
    if (['properties', 'items', 'false', 'additionalItems', '$ref'].includes(e.keyword)) continue
    if (/\/(oneOf|anyOf|allOf|not)\//.test(e.keywordLocation)) continue
    const pointer = e.instanceLocation.replace(/^#/, '')
    const path = pointerToPath(pointer)
    const data = valueAtPointer(instance, pointer)
    const named = QUOTED.exec(e.error)?.[1] ?? ''
    switch (e.keyword) {
      case 'additionalProperties':
        found.push({ field: join(path, named), message: `unknown field "${named}"` })
        break
      case 'required':
        found.push({ field: join(path, named), message: 'Required value' })
        break
      case 'enum':
      case 'const':
        found.push({ field: path, message: `Unsupported value: ${JSON.stringify(data)}: ${e.error.replace(/^Instance does not match (any of )?/, 'supported values: ').replace(/\.$/, '')}` })
        break
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const bound = /than (?:or equal to )?(\S+?)\.?$/.exec(e.error)?.[1]
        const op = { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[e.keyword]
        found.push({ field: path, message: `must be ${op} ${bound} (got ${JSON.stringify(data)})` })
        break
      }
      case 'type':
        found.push({ field: path, message: `must be ${/Expected (.*)\.$/.exec(e.error)?.[1]?.replace(/"/g, '') ?? 'another type'} (got ${JSON.stringify(data)})` })
        break
      case 'oneOf':
        found.push({ field: path, message: 'must set exactly one of the mutually exclusive fields (oneOf)' })
        break
      default:
        found.push({ field: path, message: `${e.error.replace(/\.$/, '')}${data !== undefined && typeof data !== 'object' ? ` (got ${JSON.stringify(data)})` : ''}` })
    }
  }
  return found
}

function dedupe<T extends { field: string; message: string }>(list: readonly T[]): T[] {
  const seen = new Set<string>()
  return list.filter((f) => {
    const key = `${f.field}\u0000${f.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * Creates a validator for the given kinds.
 * @example createK8sValidator(bundledKindSchemas, { webhooks: istioWebhooks }).validateFiles(files)
 */
export function createK8sValidator(kinds: readonly KindSchema[], options: K8sValidatorOptions = {}): K8sValidator {
  const byGroupKind = new Map<string, KindSchema[]>()
  for (const k of kinds) {
    const key = `${k.group}/${k.kind}`
    byGroupKind.set(key, [...(byGroupKind.get(key) ?? []), k])
  }

  function validateResource(resource: unknown): RuleFinding[] {
    if (resource === null || typeof resource !== 'object' || Array.isArray(resource)) return [{ field: '', message: 'a Kubernetes resource must be a mapping' }]
    const r = resource as Record<string, unknown>
    if (typeof r.apiVersion !== 'string' || r.apiVersion === '') return [{ field: 'apiVersion', message: 'Required value' }]
    if (typeof r.kind !== 'string' || r.kind === '') return [{ field: 'kind', message: 'Required value' }]
    const slash = r.apiVersion.lastIndexOf('/')
    const group = slash < 0 ? '' : r.apiVersion.slice(0, slash)
    const version = r.apiVersion.slice(slash + 1)
    const candidates = byGroupKind.get(`${group}/${r.kind}`)
    if (!candidates) return [{ field: 'kind', message: `no kind "${r.kind}" is known in group "${group || 'core'}"` }]
    const entry = candidates.find((c) => c.version === version)
    if (!entry) {
      return [{ field: 'apiVersion', message: `${r.kind} is not served as ${r.apiVersion} (served: ${candidates.map((c) => c.version).join(', ')})` }]
    }
    const found = checkObjectMeta(r.metadata, entry.nameRule)
    const defaulted = applyDefaults(entry.schema, resource)
    const result = compiledFor(entry).validate(defaulted)
    const schemaFindings = result.valid ? [] : fromValidator(result.errors, defaulted)
    found.push(...schemaFindings)
    if (schemaFindings.length === 0) found.push(...checkCelRules(entry.schema, defaulted))
    const webhook = options.webhooks?.[`${group}/${r.kind}`]
    if (webhook && found.length === 0) found.push(...webhook(defaulted as Record<string, unknown>))
    return dedupe(found)
  }

  function validateDocuments(documents: readonly K8sDocument[]): FileFinding[] {
    const counts = new Map<string, number>()
    for (const d of documents) counts.set(d.file, (counts.get(d.file) ?? 0) + 1)
    const found: FileFinding[] = []
    for (const d of documents) {
      const prefix = (counts.get(d.file) ?? 0) > 1 ? `[document ${d.index}] ` : ''
      for (const f of validateResource(d.resource)) found.push({ file: d.file, field: `${prefix}${f.field}`, message: f.message })
    }
    for (const check of options.crossChecks ?? []) found.push(...check(documents))
    return dedupe(found)
  }

  function validateFiles(files: readonly { readonly path: string; readonly content: string }[]): FileFinding[] {
    const documents: K8sDocument[] = []
    const found: FileFinding[] = []
    for (const file of files) {
      const parsed = parseYamlDocuments(file.content)
      for (const p of parsed.problems) found.push({ file: file.path, field: '', message: `YAML: ${p.message}` })
      parsed.documents.forEach((resource, index) => documents.push({ file: file.path, index, resource }))
    }
    return [...found, ...validateDocuments(documents)]
  }

  return { validateResource, validateDocuments, validateFiles }
}
