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
export { routeRuleSchema, faultSchema as faultInjectionSchema } from './model/schema/routes'
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
export { exportIstio, istioExporter } from './export/istio/istioExporter'
export { exportLinkerd, linkerdExporter } from './export/linkerd/linkerdExporter'
export { toYaml, toYamlDocuments, sortResources, parseYamlDocuments, resourceFiles } from './export/yaml'
export { createK8sValidator } from './export/validate/k8s/validator'
export type { K8sValidator, K8sValidatorOptions, KindSchema, K8sDocument } from './export/validate/k8s/validator'
export { bundledK8sValidator, bundledKindSchemas, meshValidatorOptions } from './export/validate/k8s/bundled'
export { importIstio, IMPORT_DURATION_MS, IMPORT_INGRESS_RPS } from './import/istio'
export type { ImportFile, ImportOptions, ImportResult } from './import/istio'

// ---- simulation ----
export { runScenario, createSimulationRun } from './sim/run'
export type { RunOptions, RunProgress, SimulationRun } from './sim/run'
export type { RunResult, RunMetrics, RunTelemetry, SeriesCursor, ServiceSummary, EdgeSummary, ClusterSummary } from './sim/summary'
export type { SloResult } from './sim/slo'
export { FATES } from './metrics/fates'
export type { Fate } from './metrics/fates'
export type { LatencySummary } from './metrics/histogram'
export type { Interval, RolloutEvent } from './metrics/recorder'
export type { SeriesData } from './metrics/timeSeries'
export type { Span, Trace } from './metrics/traces'
export { resolveScenario, MODEL_DEFAULTS } from './model/resolve'
export type { ResolvedScenario, ResolvedService, ResolvedVersion, ResolvedCall, ResolvedRule, ResolvedSource, ResolveOptions } from './model/resolve'
export { meshProfiles, getMeshProfile, resolveClusterPolicy, ISTIO_UNLIMITED } from './model/profiles'
export type {
  MeshProfileDefaults, ResolvedClusterPolicy, ResolvedRetryPolicy, ResolvedConnectionPool, ResolvedTpsBudget,
  ResolvedFailureAccrual, RetryCondition, RetryMode,
} from './model/profiles'
export { Simulation } from './kernel/simulation'
export type { EventHandler, KernelProgress, RunStop, SimulationOptions } from './kernel/simulation'
export { EventQueue } from './kernel/queue'
export { Rng, hashName } from './kernel/rng'
export { ms, sec, toMs, toSec, US_PER_MS, US_PER_SEC } from './kernel/time'
export type { SimTime } from './kernel/time'
export { sidecarStages, stages } from './mesh/pipeline/index'
export type { SidecarStageKind } from './mesh/pipeline/index'

// ---- insights ----
export { insightAnalysers } from './insights/index'
export type { InsightAnalyserKind } from './insights/index'
export { computeInsights, MAX_PER_CODE } from './insights/computeInsights'
export { AMPLIFICATION_THRESHOLD } from './insights/retryAmplification'
export type { Insight, InsightAnalyser, InsightContext, InsightSeverity } from './insights/types'
