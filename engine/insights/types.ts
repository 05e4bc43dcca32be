/**
 * Insights: what the analysers over a scenario and a run's numbers report. Each names a
 * mesh behaviour that surprises people (a retry that can never fire, an ejection that can
 * never happen, a chain that multiplies retries), explains it with the scenario's own
 * values and backs it with the run's numbers, so the run output says *why*, not only *what*.
 *
 * Codes are stable (tools and tests may match on them). The catalogue:
 *
 * | code | analyser | finding |
 * |---|---|---|
 * | RETRY_001 | per_try_timeout | a slow attempt is never retried: the per-try timeout is at or above the route timeout, or unset while route timeouts end requests (istio#21137) |
 * | RETRY_002 | per_try_timeout | per-try timeouts fire but retryOn has no 5xx, gateway-error or reset, so they are never retried |
 * | RETRY_003 | retry_amplification | retries multiply along a call chain beyond the threshold |
 * | TIMEOUT_001 | timeout_inversion | a caller gives up before its callee's retries can finish |
 * | TIMEOUT_002 | timeout_inversion | the route timeout leaves room for only some of the configured retries |
 * | OUTLIER_001 | gateway_errors | the failures are plain 5xx but only consecutive gateway errors eject (istio#8846) |
 * | OUTLIER_002 | ejection_limit | max_ejection_percent is below one host's share: nothing is ever ejected (envoy#3263) |
 * | OUTLIER_003 | panic_routing | every host can be ejected and panic routing is off: 503 no healthy upstream |
 * | OUTLIER_004 | panic_routing | ejections can drop the healthy share below the panic threshold: ejected hosts get traffic again (envoy#2671) |
 * | OUTLIER_005 | ejection_limit | no detector of the outlier detection can eject anything |
 * | BREAKER_001 | breaker_reach | connection-pool limits above what the callers can ever hold at once |
 * | SPOF_001 | single_point_of_failure | services with a single replica on a required path |
 */
import type { ResolvedScenario } from '../model/resolve'
import type { Scenario } from '../model/types'
import type { RunMetrics } from '../sim/summary'

/** How much an insight matters: `error` the run shows damage the config causes, `warning` a config that will not do what it seems to, `info` worth knowing. */
export type InsightSeverity = 'error' | 'warning' | 'info'

/** One finding, located in the scenario document. */
export interface Insight {
  /** Stable code, `AREA_NNN` (see the catalogue above). */
  readonly code: string
  readonly severity: InsightSeverity
  /** One line: what happens. */
  readonly title: string
  /** Why, in the proxy's terms, with the scenario's values and what to change. */
  readonly explanation: string
  /** The run's numbers that show it (empty without a run). */
  readonly evidence: readonly string[]
  /** Path in the scenario document, e.g. `routes[0].rules[0].retries.perTryTimeout`. */
  readonly path: string
}

/** What an analyser reads. */
export interface InsightContext {
  /** The scenario as written (paths point into it). */
  readonly scenario: Scenario
  /** The scenario with every default applied (what the simulation ran). */
  readonly resolved: ResolvedScenario
  /** The run's numbers, or null for a check without a run. */
  readonly metrics: RunMetrics | null
}

/** An analyser: a pure function of the context. */
export interface InsightAnalyser {
  /** snake_case name. */
  readonly kind: string
  readonly label: string
  analyse(ctx: InsightContext): Insight[]
}
