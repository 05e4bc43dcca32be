/**
 * Scenario parser: YAML or JSON text in, typed model out, with every problem reported at
 * once as a diagnostic that names its place (file:line:column and document path).
 *
 * Pipeline: size check → YAML parse (JSON is YAML) → migrate old format versions → schema
 * decode (units become numbers) → cross-reference checks.
 */
import { LineCounter, parseDocument } from 'yaml'
import type { Document } from 'yaml'
import type { z } from 'zod'
import { diagnostic } from './diagnostics'
import type { Diagnostic, DocPath } from './diagnostics'
import { migrateScenario } from './migrations'
import type { Migration } from './migrations'
import { locate } from './positions'
import { checkReferences } from './references'
import { scenarioSchema } from './schema'
import type { Scenario } from './types'

/** Files above this size are refused before parsing (a scenario is a few kB). */
export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024

export interface ParseOptions {
  /** Shown in diagnostics (`file:line:column`). */
  readonly file?: string
  readonly maxBytes?: number
  /** Injected for tests of the migration seam; defaults to the built-in list. */
  readonly migrations?: readonly Migration[]
}

export interface ParseResult {
  /** The model, present whenever the document is schema-valid (it may still have reference errors). */
  readonly scenario?: Scenario
  /** True when there is a scenario and no error diagnostic. */
  readonly ok: boolean
  readonly diagnostics: readonly Diagnostic[]
  /** The parsed YAML document: the serialiser edits it to keep comments and key order. */
  readonly document?: Document
  readonly migratedFrom?: number
}

type Located = Diagnostic & { docPath: DocPath; key?: string }

/**
 * Parses and validates a scenario.
 * @example parseScenario(text, { file: 'bookinfo.scenario.yaml' }).diagnostics.map(formatDiagnostic)
 */
export function parseScenario(text: string, opts: ParseOptions = {}): ParseResult {
  const file = opts.file
  const limit = opts.maxBytes ?? MAX_SCENARIO_BYTES
  if (text.length > limit) {
    return fail([{ code: 'FILE_001', severity: 'error', path: '', file, message: `the file is ${text.length} bytes; scenarios are limited to ${limit} bytes` }])
  }
  if (text.trim() === '') return fail([{ code: 'FILE_002', severity: 'error', path: '', file, message: 'the file is empty' }])

  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const syntax: Diagnostic[] = [
    ...doc.errors.map((e) => yamlDiagnostic('YAML_001', 'error', e, lines, file)),
    ...doc.warnings.map((e) => yamlDiagnostic('YAML_002', 'warning', e, lines, file)),
  ]
  if (doc.errors.length) return fail(syntax, doc)

  let raw: unknown
  try {
    raw = doc.toJS({ maxAliasCount: 100 })
  } catch (err) {
    // The yaml library refuses documents whose aliases would expand exponentially.
    return fail([...syntax, { code: 'YAML_004', severity: 'error', path: '', file, line: 1, column: 1, message: (err as Error).message }], doc)
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail([...syntax, { code: 'YAML_003', severity: 'error', path: '', file, line: 1, column: 1, message: 'a scenario must be a mapping (key: value pairs) at the top level' }], doc)
  }
  const place = (d: Located): Diagnostic => withPosition(d, doc, lines, file)
  const migrated = migrateScenario(raw as Record<string, unknown>, opts.migrations)
  if (!migrated.value) return fail([...syntax, ...migrated.diagnostics.map(place)], doc)

  const decoded = scenarioSchema.safeDecode(migrated.value as z.input<typeof scenarioSchema>)
  if (!decoded.success) {
    const found = decoded.error.issues.flatMap((issue) => fromIssue(issue, migrated.value))
    // Report reference errors too, so the user sees every problem at once; the lenient
    // check skips whatever the schema already rejected.
    const refs = lenientReferences(migrated.value, new Set(found.map((d) => d.path)))
    return fail([...syntax, ...found.map(place), ...refs.map(place)], doc)
  }
  const refs = checkReferences(decoded.data).map(place)
  const diagnostics = [...syntax, ...refs]
  return { scenario: decoded.data, ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics, document: doc, migratedFrom: migrated.migratedFrom }
}

function lenientReferences(raw: unknown, reported: ReadonlySet<string>): Located[] {
  try {
    return checkReferences(raw as Scenario, { lenient: true }).filter((d) => !reported.has(d.path))
  } catch {
    return []
  }
}

function fail(diagnostics: Diagnostic[], document?: Document): ParseResult {
  return { ok: false, diagnostics, document }
}

function withPosition(d: Located, doc: Document, lines: LineCounter, file: string | undefined): Diagnostic {
  const pos = locate(doc, lines, d.docPath, d.key)
  const { docPath: _docPath, key: _key, ...rest } = d
  return { ...rest, file, line: pos?.line, column: pos?.column }
}

interface YamlProblem { message: string; pos: [number, number] }

function yamlDiagnostic(code: string, severity: 'error' | 'warning', e: YamlProblem, lines: LineCounter, file?: string): Diagnostic {
  const pos = lines.linePos(e.pos[0])
  const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
  return { code, severity, message, path: '', file, line: pos.line, column: pos.col }
}

type Issue = z.core.$ZodIssue

/** Maps one zod issue to stable-coded diagnostics (unknown keys give one per key). */
function fromIssue(issue: Issue, input: unknown): Located[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol')
  if (issue.code !== 'unrecognized_keys' && path.length > 0 && valueAt(input, path) === undefined) {
    return [diagnostic('SCHEMA_006', `missing required field '${String(path[path.length - 1])}'`, path)]
  }
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ ...diagnostic('SCHEMA_002', `unknown field '${key}'`, [...path, key]), docPath: path, key }))
    case 'invalid_type':
      return [diagnostic('SCHEMA_001', issue.message, path)]
    case 'too_small':
    case 'too_big':
      return [diagnostic('SCHEMA_003', issue.message, path)]
    case 'invalid_value':
      return [diagnostic('SCHEMA_004', issue.message, path)]
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator !== undefined) return [diagnostic('SCHEMA_004', issue.message, path)]
      return [diagnostic('SCHEMA_007', issue.message, path)]
    case 'invalid_format':
    case 'custom':
      return [diagnostic('SCHEMA_005', issue.message, path)]
    default:
      return [diagnostic('SCHEMA_007', issue.message, path)]
  }
}

function valueAt(input: unknown, path: DocPath): unknown {
  let v = input
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string | number, unknown>)[p]
  }
  return v
}

