/**
 * Diagnostics: every problem found in a scenario, with a stable code, the path in the
 * document (`services[2].versions[0].replicas`) and, when the text is known, its position.
 *
 * Codes are stable: tools and tests may match on them. The catalogue:
 *
 * | code | meaning |
 * |---|---|
 * | FILE_001 | the file is larger than the limit |
 * | FILE_002 | the file is empty |
 * | FILE_003 | the file cannot be read (missing, a directory, no permission) |
 * | YAML_001 | YAML / JSON syntax error |
 * | YAML_002 | a key appears twice in one mapping |
 * | YAML_003 | the document is not a mapping |
 * | YAML_004 | aliases would expand too far (an alias bomb) |
 * | YAML_005 | YAML warning (e.g. an unresolved tag) |
 * | FORMAT_001 | formatVersion is missing |
 * | FORMAT_002 | formatVersion is newer than this build understands |
 * | FORMAT_003 | formatVersion is not a known version |
 * | SCHEMA_001 | wrong type |
 * | SCHEMA_002 | unknown field |
 * | SCHEMA_003 | value out of range |
 * | SCHEMA_004 | value not one of the allowed options |
 * | SCHEMA_005 | malformed value (unit, pattern, one-of) |
 * | SCHEMA_006 | missing required field |
 * | SCHEMA_007 | other schema violation |
 * | REF_001 | duplicate name |
 * | REF_002 | reference to an unknown service |
 * | REF_003 | reference to an unknown version of a service |
 * | REF_004 | split weights do not sum to 100 |
 * | REF_005 | calls form a cycle (a request would never finish) |
 * | REF_006 | reference to an unknown zone |
 * | REF_007 | replica index out of range |
 * | REF_008 | time outside the scenario's duration |
 * | REF_009 | inconsistent values (e.g. lognormal p99 below p50) |
 * | REF_010 | a service no traffic can reach (warning) |
 */

/** How bad a diagnostic is: errors stop a run or an export, warnings do not. */
export type Severity = 'error' | 'warning'

/** One problem, located in the document. Lines and columns are 1-based. */
export interface Diagnostic {
  readonly code: string
  readonly severity: Severity
  readonly message: string
  /** Path in the document, e.g. `services[2].versions[0].replicas`; empty for the root. */
  readonly path: string
  readonly file?: string
  readonly line?: number
  readonly column?: number
}

/** A path into the document as keys and indices. */
export type DocPath = readonly (string | number)[]

/** Formats `['services', 2, 'versions', 0]` as `services[2].versions[0]`. */
export function formatPath(path: DocPath): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? part : `.${part}`
  }
  return out
}

/**
 * Builds a diagnostic without a position (the parser adds positions). `atKey` places it on
 * the key of the last path element (a whole list at fault) rather than on its value.
 */
export function diagnostic(code: string, message: string, path: DocPath, severity: Severity = 'error', atKey = false): Diagnostic & { docPath: DocPath; key?: string } {
  const base = { code, severity, message, path: formatPath(path) }
  if (atKey && path.length > 0) return { ...base, docPath: path.slice(0, -1), key: String(path[path.length - 1]) }
  return { ...base, docPath: path }
}

/** `file:line:column: error CODE: message (at path)`, the format compilers and editors link. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ''}: ` : ''
  const at = d.path ? ` (at ${d.path})` : ''
  return `${where}${d.severity} ${d.code}: ${d.message}${at}`
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error')
}

/** Drops repeats of the same code, path and message, keeping the first (order preserved). */
export function dedupeDiagnostics<T extends Diagnostic>(list: readonly T[]): T[] {
  const seen = new Set<string>()
  return list.filter((d) => {
    const key = `${d.code}|${d.path}|${d.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
