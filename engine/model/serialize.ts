/**
 * Scenario serialiser: model → YAML (or JSON) text.
 *
 * Given the document the model was parsed from, it edits that document in place of
 * rewriting it, so the user's comments, key order and spelling of unchanged values
 * (`0.25s` stays `0.25s` even though the model holds 250) survive a save. Sequences of
 * named items (services, versions, …) are matched by name, so deleting one service keeps
 * the comments on the others.
 */
import { Document, isMap, isScalar, isSeq } from 'yaml'
import type { Node, YAMLMap, YAMLSeq } from 'yaml'
import { scenarioSchema } from './schema'
import type { Scenario } from './types'
import { parseQuantity } from './units'

/** The modeline that makes the YAML language server offer completion from our schema. */
export const SCHEMA_MODELINE = 'yaml-language-server: $schema=./scenario.schema.json'

/** Fixed output options, so saving is deterministic and unchanged files reprint identically. */
const YAML_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const

export interface SerializeOptions {
  /** The document the scenario was parsed from; its comments and order are kept. */
  readonly base?: Document
  readonly format?: 'yaml' | 'json'
}

/** Encodes the model to plain file values (durations as strings, …). */
export function encodeScenario(scenario: Scenario): Record<string, unknown> {
  return scenarioSchema.encode(scenario) as Record<string, unknown>
}

/**
 * Serialises a scenario. `parseScenario(serializeScenario(s)).scenario` deep-equals `s`.
 * @example serializeScenario(edited, { base: parsed.document })
 */
export function serializeScenario(scenario: Scenario, opts: SerializeOptions = {}): string {
  const plain = encodeScenario(scenario)
  if (opts.format === 'json') return `${JSON.stringify(plain, null, 2)}\n`
  if (!opts.base) {
    const doc = new Document(plain)
    doc.commentBefore = ` ${SCHEMA_MODELINE}`
    return doc.toString(YAML_OPTIONS)
  }
  const doc = opts.base.clone()
  doc.contents = patch(doc, doc.contents as Node | null, plain) as typeof doc.contents
  return doc.toString(YAML_OPTIONS)
}

function patch(doc: Document, node: Node | null | undefined, value: unknown): Node {
  if (isPlainObject(value) && isMap(node)) return patchMap(doc, node, value)
  if (Array.isArray(value) && isSeq(node)) return patchSeq(doc, node, value)
  if (isScalar(node) && sameScalar(node.value, value)) return node
  const created = doc.createNode(value) as Node
  if (node && 'comment' in node) (created as { comment?: string | null }).comment = node.comment
  return created
}

function patchMap(doc: Document, node: YAMLMap, value: Record<string, unknown>): YAMLMap {
  node.items = node.items.filter((pair) => isScalar(pair.key) && String(pair.key.value) in value && value[String(pair.key.value)] !== undefined)
  const present = new Set<string>()
  for (const pair of node.items) {
    const key = String((pair.key as { value: unknown }).value)
    present.add(key)
    pair.value = patch(doc, pair.value as Node | null, value[key])
  }
  for (const [key, v] of Object.entries(value)) {
    if (!present.has(key) && v !== undefined) node.add(doc.createPair(key, v))
  }
  return node
}

function patchSeq(doc: Document, node: YAMLSeq, value: readonly unknown[]): YAMLSeq {
  const old = node.items as (Node | null)[]
  const byName = new Map<string, Node>()
  for (const item of old) {
    const name = isMap(item) ? item.get('name') : undefined
    if (typeof name === 'string') byName.set(name, item as Node)
  }
  node.items = value.map((v, i) => {
    const name = isPlainObject(v) && typeof v.name === 'string' ? v.name : undefined
    const match = name !== undefined && byName.size > 0 ? byName.get(name) : old[i]
    return patch(doc, match ?? null, v)
  })
  return node
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'string' || typeof b !== 'string') return false
  const qa = parseQuantity(a)
  const qb = parseQuantity(b)
  return qa !== undefined && qb !== undefined && qa[0] === qb[0] && qa[1] === qb[1]
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}
