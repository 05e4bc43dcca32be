/**
 * Public types of Envoy outlier detection: results fed in, ejection kinds, the detector's
 * conformance surface and its read-only inspection views.
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/envoy/upstream/outlier_detection.h
 */
import type { Random64 } from '../random64'

/** One upstream outcome: an HTTP status, or a local failure ('reset', 'connect_failure', 'timeout'). */
export type OutlierResult = number | 'reset' | 'connect_failure' | 'timeout'

/** Why a host was ejected (Envoy's `OutlierEjectionType`, in snake_case). */
export type OutlierEjectionKind = 'consecutive_5xx' | 'consecutive_gateway_failure' | 'success_rate' | 'failure_percentage'

/** The conformance surface of an outlier detector. */
export interface OutlierDetector {
  /** Records one response from a host (index into the cluster's host list). */
  record(host: number, status: OutlierResult, nowMs: number): void
  /** Runs the interval timer: un-ejection, success-rate / failure-percentage analysis, back-off decay. */
  tick(nowMs: number): void
  /** True while the host carries Envoy's FAILED_OUTLIER_CHECK flag. */
  isEjected(host: number): boolean
}

/** Cluster-wide counters, named after Envoy's `outlier_detection.*` stats. */
export interface OutlierStats {
  /** `ejections_active`. */
  readonly ejectionsActive: number
  /** `ejections_enforced_total`. */
  readonly ejectionsEnforcedTotal: number
  /** `ejections_overflow`: attempts refused by max_ejection_percent. */
  readonly ejectionsOverflow: number
  /** `ejections_detected_*`: attempts, enforced or not. */
  readonly ejectionsDetected: Readonly<Record<OutlierEjectionKind, number>>
  /** `ejections_enforced_*`. */
  readonly ejectionsEnforced: Readonly<Record<OutlierEjectionKind, number>>
}

/** An outlier detector with the read-only views a simulator needs. */
export interface InspectableOutlierDetector extends OutlierDetector {
  /** The configured tick interval; call `tick()` every `intervalMs` from creation. */
  readonly intervalMs: number
  /** Hosts currently ejected. */
  ejectedCount(): number
  /** How many times the host has been ejected (Envoy's `num_ejections`). */
  ejectionCount(host: number): number
  /** Back-off multiplier k: the current (or next) ejection lasts min(base·k, max) + jitter. */
  ejectionMultiplier(host: number): number
  /** Time of the last ejection, or undefined if never ejected. */
  lastEjectionMs(host: number): number | undefined
  /** Time of the last unejection, or undefined if never unejected. */
  lastUnejectionMs(host: number): number | undefined
  /** Earliest time the current ejection may end (the first tick at or after it unejects);
   *  undefined when the host is not ejected. */
  ejectionEndMs(host: number): number | undefined
  /** Success rate (percent) from the last analysis, or −1 when the host did not qualify. */
  successRate(host: number): number
  /** Cluster mean and ejection threshold from the last success-rate analysis; −1 each when it did not run. */
  successRateSummary(): { mean: number; threshold: number }
  /** A snapshot of the counters. */
  stats(): OutlierStats
}

/** Injected randomness and optional change listeners (Envoy's `addChangedStateCb`). */
export interface OutlierContext {
  /** Drawn for enforcement rolls strictly between 0 and 100 % and once per enforced ejection (jitter). */
  random: Random64
  /** Called after a host is ejected. */
  onEject?: (host: number, kind: OutlierEjectionKind, nowMs: number) => void
  /** Called after a host is unejected by tick(). */
  onUneject?: (host: number, nowMs: number) => void
}
