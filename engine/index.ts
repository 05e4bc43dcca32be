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

// ---- mesh algorithms: the conformance surface (../shared/conformance-api.md) ----
export type { Random64 } from './mesh/random64'
export { createSplitMix64, mockRandom } from './mesh/random64'
export { xxHash64 } from './mesh/hash/xxHash64'
export { murmurHash2_64 } from './mesh/hash/murmurHash2'
export { buildHashRing, ringLookup } from './mesh/lb/hashRing'
export type { HashRing } from './mesh/lb/hashRing'
export { buildMaglevTable, maglevLookup } from './mesh/lb/maglevTable'
export { computePriorityLoad } from './mesh/lb/priorityLoad'
export { createBalancer } from './mesh/lb/balancer'
export type { Balancer, BalancerConfig, BalancerContext, BalancerKind, HostState } from './mesh/lb/balancer'
export { createResourceManager } from './mesh/breaker/resourceManager'
export type { ResourceLimit } from './mesh/breaker/resourceManager'
export { fixedBackOff, jitteredBackOff, lowerBoundBackOff } from './mesh/retry/backoff'
export type { BackOff } from './mesh/retry/backoff'
export { createOutlierDetector, successRateEjectionThreshold } from './mesh/outlier/outlierDetector'
export type { OutlierDetector } from './mesh/outlier/outlierDetector'
export { createPeakEwma } from './mesh/linkerd/peakEwma'
export type { PeakEwma } from './mesh/linkerd/peakEwma'
export { createEwma } from './mesh/linkerd/ewma'
export type { Ewma } from './mesh/linkerd/ewma'
export { createTpsBudget } from './mesh/linkerd/tpsBudget'
export type { RetryBudget } from './mesh/linkerd/tpsBudget'
export { createFailureAccrual } from './mesh/linkerd/failureAccrual'
export type { FailureAccrual } from './mesh/linkerd/failureAccrual'

// ---- export ----
export { exporters, getExporter } from './export/index'
export type { ExportOptions, ExportResult, ExporterDef, FileFinding, OutFile } from './export/types'
