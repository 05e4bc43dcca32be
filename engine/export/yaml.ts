/**
 * Deterministic YAML for exporters: the same resources always print the same bytes.
 *
 * - Resources are sorted by kind, then namespace, then name, then apiVersion (`sortResources`).
 * - Mapping keys are sorted alphabetically at every depth, as `kubectl get -o yaml` prints
 *   them (top level then reads apiVersion, kind, metadata, spec). Sequences keep their order:
 *   order means something there (route rules, match lists).
 * - `undefined` values are dropped; no timestamps, no anchors, no line folding.
 * - Strings that YAML 1.1 would read as something else (`yes`, `on`, `0o17`, `1_000`) are
 *   quoted, because Kubernetes' YAML reader (go-yaml) still follows YAML 1.1.
 */
import { Document, parseAllDocuments } from 'yaml'
import type { OutFile } from './types'

/** Fixed stringify options; changing one changes every golden file. */
const STRINGIFY = { lineWidth: 0, minContentWidth: 0, indentSeq: true, flowCollectionPadding: false } as const

/** The identity fields sorting reads; any object with these (possibly missing) works. */
interface ResourceLike {
  readonly apiVersion?: unknown
  readonly kind?: unknown
  readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown }
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Returns a new array sorted by kind, namespace, name, then apiVersion (plain code-unit
 * order, so the result does not depend on the runtime's locale).
 */
export function sortResources<T extends object>(resources: readonly T[]): T[] {
  const key = (r: T): string[] => {
    const res = r as ResourceLike
    return [text(res.kind), text(res.metadata?.namespace), text(res.metadata?.name), text(res.apiVersion)]
  }
  return [...resources].sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    for (let i = 0; i < ka.length; i++) {
      const c = compareText(ka[i]!, kb[i]!)
      if (c !== 0) return c
    }
    return 0
  })
}

/** Deep copy with mapping keys sorted and `undefined` members dropped. */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const k of Object.keys(value).sort(compareText)) {
      const v = (value as Record<string, unknown>)[k]
      if (v !== undefined) out[k] = canonicalize(v)
    }
    return out
  }
  return value
}

/** One YAML document (no `---`), keys sorted, ending in a newline. */
export function toYaml(value: unknown): string {
  const doc = new Document(canonicalize(value), { compat: 'yaml-1.1' })
  return doc.toString(STRINGIFY)
}

/**
 * A multi-document YAML stream: resources sorted (`sortResources`) and separated by `---`.
 * @example toYamlDocuments([virtualService, destinationRule])
 */
export function toYamlDocuments(resources: readonly object[], opts: { readonly sort?: boolean } = {}): string {
  const list = opts.sort === false ? resources : sortResources(resources)
  return list.map((r) => `---\n${toYaml(r)}`).join('')
}

/**
 * One YAML file per Kubernetes resource, named `<kind>-<namespace>-<name>.yaml` (lower case;
 * `namespace` omitted for cluster-scoped resources), in `sortResources` order, so a
 * validation finding names exactly one resource and `kubectl apply -f <dir>` takes them all.
 */
export function resourceFiles(resources: readonly object[], dir = ''): OutFile[] {
  const used = new Set<string>()
  return sortResources(resources).map((r) => {
    const res = r as ResourceLike
    const base = [text(res.kind), text(res.metadata?.namespace), text(res.metadata?.name)].filter((p) => p !== '').join('-').toLowerCase()
    let name = base
    // `a-b` in namespace `c` and `b` in `c-a` would collide; a counter keeps names unique.
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`
    used.add(name)
    return { path: `${dir}${name}.yaml`, content: toYaml(r), language: 'yaml' as const }
  })
}

/** A parse problem in one document of a stream. */
export interface YamlStreamProblem {
  readonly document: number
  readonly message: string
}

/**
 * Parses a multi-document YAML stream into plain values (empty documents skipped), for
 * validators and importers. Problems are returned, not thrown.
 */
export function parseYamlDocuments(source: string): { documents: unknown[]; problems: YamlStreamProblem[] } {
  const documents: unknown[] = []
  const problems: YamlStreamProblem[] = []
  parseAllDocuments(source, { prettyErrors: false, uniqueKeys: true }).forEach((doc, i) => {
    if ('errors' in doc && doc.errors.length) {
      for (const e of doc.errors) problems.push({ document: i, message: e.message.split('\n')[0]! })
      return
    }
    const value: unknown = doc.toJS({ maxAliasCount: 100 })
    if (value !== null && value !== undefined) documents.push(value)
  })
  return { documents, problems }
}
