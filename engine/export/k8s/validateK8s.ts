/**
 * Strict validation of the Kubernetes resources this exporter writes, against the schema in
 * k8sSchema.ts (which says what is and is not covered), plus the API server's own name and
 * label rules and the Deployment rule that the selector must match the template's labels.
 */
import type { FileFinding, OutFile } from '../types'
import { parseYamlDocuments } from '../yaml'
import { K8S_SCHEMAS } from './k8sSchema'
import type { Schema } from './k8sSchema'

type Obj = Record<string, unknown>

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key
}

/** Checks `value` against `schema`; problems go to `out` as [path, message]. */
export function checkSchema(schema: Schema, value: unknown, path: string, out: [string, string][]): void {
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return void out.push([path, `expected a string, got ${JSON.stringify(value)}`])
      if (schema.enum && !schema.enum.includes(value)) out.push([path, `"${value}" is not one of ${schema.enum.join(', ')}`])
      if (schema.pattern && !schema.pattern.test(value)) out.push([path, `"${value}" is not ${schema.what ?? `matching ${String(schema.pattern)}`}`])
      return
    case 'integer':
    case 'int-or-string':
      if (schema.type === 'int-or-string' && typeof value === 'string') {
        if (!DNS1123_LABEL.test(value) || value.length > 15) out.push([path, `"${value}" is not a port name`])
        return
      }
      if (typeof value !== 'number' || !Number.isInteger(value)) return void out.push([path, `expected an integer, got ${JSON.stringify(value)}`])
      if (schema.min !== undefined && value < schema.min) out.push([path, `must be at least ${schema.min}, is ${value}`])
      if (schema.max !== undefined && value > schema.max) out.push([path, `must be at most ${schema.max}, is ${value}`])
      return
    case 'boolean':
      if (typeof value !== 'boolean') out.push([path, `expected true or false, got ${JSON.stringify(value)}`])
      return
    case 'map':
      if (!isObj(value)) return void out.push([path, 'expected a map of strings'])
      for (const [k, v] of Object.entries(value)) if (typeof v !== 'string') out.push([join(path, k), `expected a string value, got ${JSON.stringify(v)}`])
      return
    case 'array':
      if (!Array.isArray(value)) return void out.push([path, 'expected a list'])
      if (schema.minItems !== undefined && value.length < schema.minItems) out.push([path, `needs at least ${schema.minItems} item(s)`])
      value.forEach((item, i) => checkSchema(schema.items, item, join(path, i), out))
      return
    case 'object':
      if (!isObj(value)) return void out.push([path, 'expected an object'])
      for (const key of schema.required ?? []) if (value[key] === undefined) out.push([join(path, key), 'required field is missing'])
      for (const [key, v] of Object.entries(value)) {
        const child = schema.fields[key]
        if (!child) out.push([join(path, key), `unknown field "${key}"`])
        else checkSchema(child, v, join(path, key), out)
      }
  }
}

function checkLabels(labels: unknown, path: string, out: [string, string][]): void {
  if (!isObj(labels)) return
  for (const [k, v] of Object.entries(labels)) {
    const slash = k.lastIndexOf('/')
    const name = slash < 0 ? k : k.slice(slash + 1)
    const prefix = slash < 0 ? '' : k.slice(0, slash)
    if (!LABEL_NAME.test(name) || name.length > 63 || (prefix && (!DNS1123_SUBDOMAIN.test(prefix) || prefix.length > 253))) out.push([join(path, k), `"${k}" is not a valid label key`])
    if (typeof v === 'string' && v !== '' && (!LABEL_NAME.test(v) || v.length > 63)) out.push([join(path, k), `"${v}" is not a valid label value`])
  }
}

/** Rules beyond the schema: names, labels, selectors. */
function checkSemantics(kind: string, doc: Obj, out: [string, string][]): void {
  const meta = (doc.metadata ?? {}) as Obj
  const name = String(meta.name ?? '')
  const nameRule = kind === 'Service' ? DNS1035_LABEL : kind === 'Namespace' ? DNS1123_LABEL : DNS1123_SUBDOMAIN
  const max = kind === 'Service' || kind === 'Namespace' ? 63 : 253
  if (!nameRule.test(name) || name.length > max) out.push(['metadata.name', `"${name}" is not a valid ${kind} name (${kind === 'Service' ? 'DNS-1035 label' : kind === 'Namespace' ? 'DNS-1123 label' : 'DNS-1123 subdomain'})`])
  if (meta.namespace !== undefined && (!DNS1123_LABEL.test(String(meta.namespace)) || String(meta.namespace).length > 63)) out.push(['metadata.namespace', `"${String(meta.namespace)}" is not a valid namespace`])
  checkLabels(meta.labels, 'metadata.labels', out)
  const spec = (doc.spec ?? {}) as Obj
  const template = (spec.template ?? {}) as Obj
  const tmeta = (template.metadata ?? {}) as Obj
  checkLabels(tmeta.labels, 'spec.template.metadata.labels', out)
  const podSpec = (template.spec ?? {}) as Obj
  ;((podSpec.containers ?? []) as Obj[]).forEach((c, i) => {
    if (!DNS1123_LABEL.test(String(c.name))) out.push([`spec.template.spec.containers[${i}].name`, `"${String(c.name)}" is not a DNS-1123 label`])
  })
  if (kind === 'Deployment') {
    const match = (((spec.selector ?? {}) as Obj).matchLabels ?? {}) as Obj
    const labels = (tmeta.labels ?? {}) as Obj
    if (!Object.keys(match).length) out.push(['spec.selector.matchLabels', 'the selector must not be empty'])
    for (const [k, v] of Object.entries(match)) if (labels[k] !== v) out.push([`spec.selector.matchLabels.${k}`, `selector ${k}=${String(v)} does not match the template labels`])
  }
  if (kind === 'Job' && podSpec.restartPolicy === undefined) out.push(['spec.template.spec.restartPolicy', 'a Job needs restartPolicy Never or OnFailure'])
  if (kind === 'Service') {
    checkLabels(spec.selector, 'spec.selector', out)
    const names = ((spec.ports ?? []) as Obj[]).map((p) => p.name)
    if (names.length > 1 && names.some((n) => typeof n !== 'string')) out.push(['spec.ports', 'every port needs a name when there are several'])
    if (new Set(names).size !== names.length) out.push(['spec.ports', 'port names must be unique'])
  }
}

/** Validates one parsed resource; returns [field, message] problems. */
export function validateK8sResource(doc: unknown): [string, string][] {
  const out: [string, string][] = []
  if (!isObj(doc)) return [['', 'a resource must be a mapping']]
  const key = `${String(doc.apiVersion)}/${String(doc.kind)}`
  const schema = K8S_SCHEMAS[key]
  if (!schema) return [['apiVersion', `${key} is not a kind this exporter writes (${Object.keys(K8S_SCHEMAS).join(', ')})`]]
  checkSchema(schema, doc, '', out)
  checkSemantics(String(doc.kind), doc, out)
  return out
}

/** Validates exported Kubernetes YAML files (multi-document). */
export function validateK8sFiles(files: readonly OutFile[]): FileFinding[] {
  const findings: FileFinding[] = []
  for (const file of files) {
    const { documents, problems } = parseYamlDocuments(file.content)
    for (const p of problems) findings.push({ file: file.path, field: `document ${p.document}`, message: p.message })
    for (const doc of documents) {
      const d = (isObj(doc) ? doc : {}) as Obj
      const id = `${String(d.kind)} ${String(((d.metadata ?? {}) as Obj).name)}`
      for (const [field, message] of validateK8sResource(doc)) findings.push({ file: file.path, field, message: `${id}: ${message}` })
    }
  }
  return findings
}
