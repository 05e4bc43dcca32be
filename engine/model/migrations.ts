/**
 * The migration seam: a file written in an older format version is upgraded step by step
 * before validation, so old files keep opening. Each step is a pure function on the plain
 * document (after YAML/JSON decoding, before the schema).
 *
 * Adding a format version: bump `CURRENT_FORMAT_VERSION` in `schema.ts`, append a
 * `Migration` from the previous version to `migrations`, add a fixture of the old format
 * under `test/fixtures/migrations/` and a test that opens it.
 */
import { diagnostic } from './diagnostics'
import type { Diagnostic, DocPath } from './diagnostics'
import { CURRENT_FORMAT_VERSION } from './schema'

/** One upgrade step from format `from` to `from + 1`. */
export interface Migration {
  readonly from: number
  readonly describe: string
  migrate(doc: Record<string, unknown>): Record<string, unknown>
}

/** Every migration, oldest first. Version 1 is the first published format: none yet. */
export const migrations: readonly Migration[] = []

/** The result of migrating: the upgraded document, or diagnostics saying why not. */
export interface MigrationResult {
  readonly value?: Record<string, unknown>
  readonly diagnostics: (Diagnostic & { docPath: DocPath })[]
  /** The version the file was written in, when it was older than the current one. */
  readonly migratedFrom?: number
}

/** Upgrades `doc` to `current` through `list`; never mutates its input. */
export function migrateScenario(
  doc: Record<string, unknown>,
  list: readonly Migration[] = migrations,
  current: number = CURRENT_FORMAT_VERSION,
): MigrationResult {
  const version = doc.formatVersion
  if (version === undefined) {
    return { diagnostics: [diagnostic('FORMAT_001', `formatVersion is missing; add 'formatVersion: ${current}' at the top`, [])] }
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { diagnostics: [diagnostic('FORMAT_003', `formatVersion must be a whole number (this build writes ${current})`, ['formatVersion'])] }
  }
  if (version > current) {
    return {
      diagnostics: [diagnostic('FORMAT_002', `this file is format ${version}, written by a newer meshsim; this build reads up to format ${current}`, ['formatVersion'])],
    }
  }
  let value = doc
  for (let v = version; v < current; v++) {
    const step = list.find((m) => m.from === v)
    if (!step) {
      return { diagnostics: [diagnostic('FORMAT_003', `no migration from format ${v}; this build reads formats ${list[0]?.from ?? current}–${current}`, ['formatVersion'])] }
    }
    value = { ...step.migrate(structuredCloneJson(value)), formatVersion: v + 1 }
  }
  return version < current ? { value, diagnostics: [], migratedFrom: version } : { value, diagnostics: [] }
}

// Documents decoded from YAML/JSON are plain data, so a JSON round trip is a full clone.
function structuredCloneJson<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}
