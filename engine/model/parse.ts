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
    return fail([{ code: 'FILE_001', severity: 'error', path: '', file, line: 1, column: 1, message: `the file is ${text.length} bytes; scenarios are limited to ${limit} bytes` }])
  }
  if (text.trim() === '') return fail([{ code: 'FILE_002', severity: 'error', path: '', file, line: 1, column: 1, message: 'the file is empty' }])

  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  const syntax: Diagnostic[] = [
    ...doc.errors.map((e) => yamlDiagnostic(e, 'error', text, lines, file)),
    ...doc.warnings.map((e) => yamlDiagnostic(e, 'warning', text, lines, file)),
  ]
  if (doc.errors.length) return fail(syntax, doc)

  let raw: unknown
  try {
    raw = doc.toJS({ maxAliasCount: 100 })
  } catch (err) {
    // The yaml library refuses documents whose aliases would expand exponentially.
    return fail([...syntax, { code: 'YAML_004', severity: 'error', path: '', file, line: 1, column: 1, message: (err as Error).message }], doc)
  }
  if (raw === null || raw === undefined) {
    return fail([...syntax, { code: 'FILE_002', severity: 'error', path: '', file, line: 1, column: 1, message: 'the file has no content (only comments or blank lines)' }], doc)
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    const start = lines.linePos(doc.contents?.range?.[0] ?? 0)
    return fail([...syntax, { code: 'YAML_003', severity: 'error', path: '', file, line: start.line, column: start.col, message: `a scenario must be a mapping (key: value pairs) at the top level, not ${Array.isArray(raw) ? 'a list' : 'a single value'}` }], doc)
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
    return fail(byPosition([...syntax, ...found.map(place), ...refs.map(place)]), doc)
  }
  const refs = checkReferences(decoded.data).map(place)
  const diagnostics = byPosition([...syntax, ...refs])
  return { scenario: decoded.data, ok: !diagnostics.some((d) => d.severity === 'error'), diagnostics, document: doc, migratedFrom: migrated.migratedFrom }
}

function lenientReferences(raw: unknown, reported: ReadonlySet<string>): Located[] {
  try {
    return checkReferences(raw as Scenario, { lenient: true }).filter((d) => !reported.has(d.path))
  } catch {
    return []
  }
}

/** Orders diagnostics as they appear in the file, the way editors list problems. */
function byPosition(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0))
}

function fail(diagnostics: Diagnostic[], document?: Document): ParseResult {
  return { ok: false, diagnostics, document }
}

function withPosition(d: Located, doc: Document, lines: LineCounter, file: string | undefined): Diagnostic {
  const pos = locate(doc, lines, d.docPath, d.key)
  const { docPath: _docPath, key: _key, ...rest } = d
  return { ...rest, file, line: pos?.line, column: pos?.column }
}

interface YamlProblem { code: string; message: string; pos: [number, number] }

/** YAML_002 for a duplicate key (naming it), YAML_001 for other errors, YAML_005 for warnings. */
function yamlDiagnostic(e: YamlProblem, severity: 'error' | 'warning', text: string, lines: LineCounter, file?: string): Diagnostic {
  // An error at the very end (an unclosed bracket) is placed on the last character written,
  // not on a line past the end of the file.
  const offset = Math.min(e.pos[0], Math.max(0, text.trimEnd().length - 1))
  const pos = lines.linePos(offset)
  const where = { severity, path: '', file, line: pos.line, column: pos.col }
  if (e.code === 'DUPLICATE_KEY') {
    const key = /^[^\s:#,{}[\]]+|^"[^"]*"|^'[^']*'/.exec(text.slice(e.pos[0]))?.[0] ?? ''
    return { ...where, code: 'YAML_002', message: `duplicate key ${key ? `'${key.replace(/^["']|["']$/g, '')}' ` : ''}in this mapping; the second one would silently win` }
  }
  const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')
  return { ...where, code: severity === 'error' ? 'YAML_001' : 'YAML_005', message }
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
      return [diagnostic('SCHEMA_004', unknownOption(path, valueAt(input, path), issue.values), path)]
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator !== undefined) {
        const options = (issue as { options?: readonly unknown[] }).options ?? []
        return [diagnostic('SCHEMA_004', unknownOption(path, valueAt(input, path), options), path)]
      }
      return [diagnostic('SCHEMA_007', issue.message, path)]
    case 'invalid_format':
    case 'custom':
      return [diagnostic('SCHEMA_005', issue.message, path)]
    default:
      return [diagnostic('SCHEMA_007', issue.message, path)]
  }
}

function unknownOption(path: DocPath, value: unknown, options: readonly unknown[]): string {
  const field = String(path[path.length - 1] ?? 'value')
  const list = options.map(String)
  const expected = list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0]
  return `unknown ${field} ${JSON.stringify(value)}: expected ${expected}`
}

function valueAt(input: unknown, path: DocPath): unknown {
  let v = input
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string | number, unknown>)[p]
  }
  return v
}

