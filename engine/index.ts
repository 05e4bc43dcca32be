/**
 * meshsim engine: the public API. Pure TypeScript (no DOM, no Node): it runs the same in a
 * Web Worker, in Node (the CLI) and in the Electron main process. Everything outside
 * `engine/` imports from this file only.
 */

// ---- scenario model ----
export { parseScenario, MAX_SCENARIO_BYTES } from './model/parse'
export type { ParseOptions, ParseResult } from './model/parse'
export { serializeScenario, encodeScenario, SCHEMA_MODELINE } from './model/serialize'
export type { SerializeOptions } from './model/serialize'
export { formatDiagnostic, formatPath, hasErrors } from './model/diagnostics'
export type { Diagnostic, Severity, DocPath } from './model/diagnostics'
export { scenarioSchema, CURRENT_FORMAT_VERSION, MESH_PROFILES } from './model/schema'
export { generateScenarioJsonSchema, SCENARIO_SCHEMA_ID } from './model/jsonSchema'
export { migrateScenario, migrations } from './model/migrations'
export type { Migration, MigrationResult } from './model/migrations'
export { checkReferences } from './model/references'
export * from './model/units'
export type * from './model/types'

// ---- export ----
export { exporters, getExporter } from './export/index'
export type { ExportOptions, ExportResult, ExporterDef, FileFinding, OutFile } from './export/types'
