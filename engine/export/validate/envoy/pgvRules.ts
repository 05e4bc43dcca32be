/**
 * protoc-gen-validate (PGV) rules, checked on a decoded Envoy message.
 *
 * Envoy annotates its API with `(validate.rules)` on fields and `(validate.required)` on
 * oneofs; Envoy runs the generated validators when it loads a config, so a config that
 * decodes can still be rejected (an empty cluster name, `connect_timeout: 0s`,
 * `max_ejection_percent: 150`, a route without an action). This walk reads the rules from
 * the descriptors' options at run time and applies them depth-first, unpacking `Any`s.
 *
 * Semantics follow PGV: scalar rules apply to implicit-presence fields even when unset
 * (their zero value), unless `ignore_empty`; message rules apply only when the message is
 * set, except `required`; wrapper types (UInt32Value, …) take the scalar rules of the value
 * they wrap; `repeated.items` / `map.keys|values` apply to each element.
 * NOTE(model): well-known string formats other than the HTTP header regexes (email,
 * hostname, ip, uri, address, uuid) are not checked; Envoy's mesh configs rarely use them.
 *
 * @see https://github.com/bufbuild/protoc-gen-validate/blob/main/validate/validate.proto
 */
import { getExtension, hasExtension } from '@bufbuild/protobuf'
import type { DescExtension, DescField, DescMessage, FileRegistry, Message } from '@bufbuild/protobuf'
import { reflect } from '@bufbuild/protobuf/reflect'
import type { ReflectMessage } from '@bufbuild/protobuf/reflect'
import { anyUnpack } from '@bufbuild/protobuf/wkt'
import type { Any } from '@bufbuild/protobuf/wkt'
import type { DecodeProblem } from './strictDecode'
import { checkScalar, durationNanos } from './pgvScalar'
import type { Rule } from './pgvScalar'

/** `validate.FieldRules` as the dynamic message decodes it (only what is read here). */
interface FieldRules {
  readonly message?: { readonly required?: boolean; readonly skip?: boolean }
  readonly type: { readonly case: string | undefined; readonly value?: Rule }
}

interface Extensions {
  readonly rules: DescExtension
  readonly required: DescExtension
  readonly disabled?: DescExtension
}

const cache = new WeakMap<FileRegistry, Extensions>()

function extensionsOf(registry: FileRegistry): Extensions {
  let ext = cache.get(registry)
  if (!ext) {
    const rules = registry.getExtension('validate.rules')
    const required = registry.getExtension('validate.required')
    if (!rules || !required) throw new Error('the descriptor set has no protoc-gen-validate extensions (validate/validate.proto)')
    ext = { rules, required, disabled: registry.getExtension('validate.disabled') }
    cache.set(registry, ext)
  }
  return ext
}

const rulesCache = new WeakMap<DescField, FieldRules | null>()

function rulesOf(registry: FileRegistry, ext: Extensions, field: DescField): FieldRules | undefined {
  let rules = rulesCache.get(field)
  if (rules === undefined) {
    const opts = field.proto.options
    rules = opts && hasExtension(opts, ext.rules) ? normalizeRules(registry, getExtension(opts, ext.rules) as Message) : null
    rulesCache.set(field, rules)
  }
  return rules ?? undefined
}

/**
 * validate.proto is proto2: unset fields read as their defaults (a `const` of 0), so rules are
 * copied into plain objects holding only the fields that are set, nested FieldRules included.
 */
function normalizeRules(registry: FileRegistry, fieldRules: Message): FieldRules {
  const plain = setFields(registry, fieldRules)
  const type = (fieldRules as unknown as { type: { case: string | undefined; value?: Message } }).type
  const value = type.value ? setFields(registry, type.value) : undefined
  if (value) {
    for (const key of ['items', 'keys', 'values']) {
      if (value[key]) value[key] = normalizeRules(registry, value[key] as Message)
    }
  }
  const message = plain.message ? setFields(registry, plain.message as Message) : undefined
  return { message, type: { case: type.case, value } }
}

function setFields(registry: FileRegistry, message: Message): Record<string, unknown> {
  const desc = registry.getMessage(message.$typeName)
  if (!desc) return {}
  const r = reflect(desc, message)
  const out: Record<string, unknown> = {}
  for (const f of r.fields) {
    if (!r.isSet(f)) continue
    out[f.localName] = (message as unknown as Record<string, unknown>)[f.oneof ? f.oneof.localName : f.localName]
    if (f.oneof) out[f.localName] = (out[f.localName] as { value: unknown }).value
  }
  return out
}

/** Every PGV violation in `message` (a decoded message of `desc`), with document paths. */
export function checkPgvRules(registry: FileRegistry, desc: DescMessage, message: Message): DecodeProblem[] {
  const out: DecodeProblem[] = []
  walkMessage(registry, extensionsOf(registry), reflect(desc, message), '', out)
  return out
}

function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`
  return /^[A-Za-z_]\w*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`
}

function walkMessage(registry: FileRegistry, ext: Extensions, r: ReflectMessage, path: string, out: DecodeProblem[]): void {
  const mopts = r.desc.proto.options
  if (ext.disabled && mopts && hasExtension(mopts, ext.disabled) && getExtension(mopts, ext.disabled) === true) return
  if (r.desc.typeName === 'google.protobuf.Any') {
    const inner = anyUnpack(r.message as Any, registry)
    const innerDesc = inner && registry.getMessage(inner.$typeName)
    if (inner && innerDesc) walkMessage(registry, ext, reflect(innerDesc, inner), path, out)
    return
  }
  for (const oneof of r.oneofs) {
    const oopts = oneof.proto.options
    if (oopts && hasExtension(oopts, ext.required) && getExtension(oopts, ext.required) === true && !r.oneofCase(oneof)) {
      out.push({ path: join(path, oneof.name), message: `one of ${oneof.fields.map((f) => f.name).join(', ')} is required` })
    }
  }
  for (const field of r.fields) {
    if (field.oneof && r.oneofCase(field.oneof) !== field) continue
    checkField(registry, ext, r, field, join(path, field.name), out)
  }
}

function checkField(registry: FileRegistry, ext: Extensions, r: ReflectMessage, field: DescField, path: string, out: DecodeProblem[]): void {
  const rules = rulesOf(registry, ext, field)
  const set = r.isSet(field)
  const rule = rules?.type.value
  const kind = rules?.type.case
  switch (field.fieldKind) {
    case 'scalar':
    case 'enum': {
      const explicit = field.presence !== 2 || field.oneof !== undefined // 2 = IMPLICIT (proto3)
      if (rule && kind && (set || !explicit)) checkScalar(kind, rule, r.get(field), path, out, field.fieldKind === 'enum' ? field.enum : undefined)
      return
    }
    case 'message': {
      if (!set) {
        if (rules?.message?.required || (kind === 'duration' && rule?.required) || (kind === 'any' && rule?.required)) {
          out.push({ path, message: 'value is required' })
        }
        return
      }
      const value = r.get(field) as ReflectMessage
      if (rule && kind) checkMessageValue(kind, rule, value, path, out)
      if (!rules?.message?.skip) walkMessage(registry, ext, value, path, out)
      return
    }
    case 'list': {
      const list = r.get(field) as Iterable<unknown> & { size: number }
      if (rule && kind === 'repeated') {
        if (rule.minItems !== undefined && list.size < Number(rule.minItems)) out.push({ path, message: `needs at least ${rule.minItems} item(s), has ${list.size}` })
        if (rule.maxItems !== undefined && rule.maxItems !== 0n && list.size > Number(rule.maxItems)) out.push({ path, message: `allows at most ${rule.maxItems} item(s), has ${list.size}` })
      }
      const items = kind === 'repeated' ? (rule?.items as FieldRules | undefined) : undefined
      let i = 0
      const seen = new Set<unknown>()
      for (const item of list) {
        const p = join(path, i++)
        if (rule?.unique && field.listKind !== 'message') {
          if (seen.has(item)) out.push({ path: p, message: 'items must be unique' })
          seen.add(item)
        }
        checkElement(registry, ext, field.listKind === 'message' ? field.message : undefined, field.listKind === 'enum' ? field.enum : undefined, items, item, p, out)
      }
      return
    }
    case 'map': {
      const map = r.get(field) as Iterable<[unknown, unknown]> & { size: number }
      if (rule && kind === 'map' && rule.minPairs !== undefined && map.size < Number(rule.minPairs)) out.push({ path, message: `needs at least ${rule.minPairs} entr(ies)` })
      for (const [k, v] of map) {
        const p = join(path, String(k))
        const keyRules = kind === 'map' ? (rule?.keys as FieldRules | undefined) : undefined
        if (keyRules?.type.case && keyRules.type.value) checkScalar(keyRules.type.case, keyRules.type.value, k, p, out)
        const valueRules = kind === 'map' ? (rule?.values as FieldRules | undefined) : undefined
        checkElement(registry, ext, field.mapKind === 'message' ? field.message : undefined, field.mapKind === 'enum' ? field.enum : undefined, valueRules, v, p, out)
      }
    }
  }
}

function checkElement(
  registry: FileRegistry, ext: Extensions, desc: DescMessage | undefined, enumDesc: DescField['enum'], rules: FieldRules | undefined,
  value: unknown, path: string, out: DecodeProblem[],
): void {
  const kind = rules?.type.case
  const rule = rules?.type.value
  if (desc) {
    const r = value as ReflectMessage
    if (rule && kind) checkMessageValue(kind, rule, r, path, out)
    if (!rules?.message?.skip) walkMessage(registry, ext, r, path, out)
  } else if (rule && kind) {
    checkScalar(kind, rule, value, path, out, enumDesc)
  }
}

/** Rules on a set message field: Duration/Any rules, or scalar rules on a wrapper's value. */
function checkMessageValue(kind: string, rule: Rule, r: ReflectMessage, path: string, out: DecodeProblem[]): void {
  if (kind === 'duration') {
    checkScalar('duration', rule, durationNanos(r), path, out)
    return
  }
  if (kind === 'any') {
    const url = (r.message as Any).typeUrl
    const allowed = rule.in as readonly string[] | undefined
    if (allowed?.length && !allowed.includes(url)) out.push({ path, message: `@type must be one of ${allowed.join(', ')}` })
    return
  }
  if (r.desc.typeName.startsWith('google.protobuf.') && r.desc.typeName.endsWith('Value')) {
    const valueField = r.desc.fields.find((f) => f.name === 'value')
    if (valueField) checkScalar(kind, rule, r.get(valueField), path, out)
  }
}
