/**
 * Envoy's success-rate outlier threshold and the per-interval analysis that uses it.
 *
 * Algorithm (`DetectorImpl::successRateEjectionThreshold`): over the success rates (percent)
 * of the hosts that qualified this interval,
 *   mean      = Σ rate / n                      (sum taken in host order)
 *   variance  = Σ (rate − mean)² / n            (population variance)
 *   threshold = mean − stdevFactor × √variance
 * A host whose rate is strictly below the threshold is an outlier. Example from Envoy's code
 * comment: rates {50, 100, 100, 100, 100}, factor 1.9 → mean 90, stdev 20, threshold 52.
 * The interval analysis qualifies hosts by request volume, applies that threshold, then the
 * failure-percentage rule (100 − rate ≥ threshold); candidates are visited in host order.
 * No other tie-breaking applies. O(n), no allocation besides the threshold result object.
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/upstream/outlier_detection_impl.cc
 */

/** Mean, population standard deviation and ejection threshold of a set of success rates. */
export interface SuccessRateThreshold {
  readonly mean: number
  readonly stdev: number
  readonly threshold: number
}

/**
 * Computes the success-rate ejection threshold with Envoy's double arithmetic.
 *
 * @param rates success rates in percent (0–100); only the first `count` entries are read.
 * @param stdevFactor the factor as a real number (Envoy's `success_rate_stdev_factor / 1000`, so 1.9).
 * @param count how many entries of `rates` to use; default `rates.length`. Must be ≥ 1.
 * @example
 * successRateEjectionThreshold([50, 100, 100, 100, 100], 1.9) // { mean: 90, stdev: 20, threshold: 52 }
 * @throws RangeError when count is 0 (Envoy never calls it with no qualifying host).
 */
export function successRateEjectionThreshold(
  rates: ArrayLike<number>,
  stdevFactor: number,
  count: number = rates.length,
): SuccessRateThreshold {
  if (!(count >= 1 && count <= rates.length)) {
    throw new RangeError(`count must be within [1, ${rates.length}], got ${count}`)
  }
  let sum = 0
  for (let i = 0; i < count; i++) sum += rates[i]!
  const mean = sum / count
  let variance = 0
  for (let i = 0; i < count; i++) {
    const d = rates[i]! - mean
    variance += d * d
  }
  variance /= count
  const stdev = Math.sqrt(variance)
  return { mean, stdev, threshold: mean - stdevFactor * stdev }
}

/** Thresholds the interval analysis reads (a subset of the resolved outlier config). */
export interface IntervalAnalysisConfig {
  readonly successRateMinimumHosts: number
  readonly successRateRequestVolume: number
  /** Envoy's ×1000 integer form. */
  readonly successRateStdevFactor: number
  readonly failurePercentageThreshold: number
  readonly failurePercentageMinimumHosts: number
  readonly failurePercentageRequestVolume: number
}

/** The previous interval's per-host counts, as the detector stores them (`offset` selects the bucket). */
export interface IntervalBuckets {
  readonly total: Float64Array
  readonly success: Float64Array
  readonly offset: number
  readonly ejected: Uint8Array
}

/**
 * Envoy's `processSuccessRateEjections` for external-origin results: qualifies non-ejected
 * hosts by request volume, computes the success-rate threshold when at least
 * `success_rate_minimum_hosts` qualify, then applies failure percentage
 * (`100 − rate ≥ threshold`) when at least `failure_percentage_minimum_hosts` qualify.
 * Candidates go to `eject` in host order. Scratch arrays are allocated once per detector.
 */
export class IntervalAnalysis {
  /** Last success rate per host (percent), −1 when the host did not qualify. */
  readonly hostSuccessRate: Float64Array
  /** Cluster mean and threshold of the last analysis, −1 when it did not run. */
  mean = -1
  threshold = -1
  private readonly srHosts: Int32Array
  private readonly srRates: Float64Array
  private readonly fpHosts: Int32Array
  private readonly fpRates: Float64Array

  constructor(private readonly hostCount: number, private readonly cfg: IntervalAnalysisConfig) {
    this.hostSuccessRate = new Float64Array(hostCount).fill(-1)
    this.srHosts = new Int32Array(hostCount)
    this.srRates = new Float64Array(hostCount)
    this.fpHosts = new Int32Array(hostCount)
    this.fpRates = new Float64Array(hostCount)
  }

  /** Runs one analysis; `eject` is Envoy's `ejectHost` for the given ejection type. */
  run(buckets: IntervalBuckets, eject: (host: number, kind: 'success_rate' | 'failure_percentage') => void): void {
    const { cfg, hostCount: n } = this
    this.hostSuccessRate.fill(-1)
    this.mean = -1
    this.threshold = -1
    if (n < cfg.successRateMinimumHosts && n < cfg.failurePercentageMinimumHosts) return
    const { total, success, offset, ejected } = buckets
    const minVolume = Math.min(cfg.successRateRequestVolume, cfg.failurePercentageRequestVolume)
    let srCount = 0
    let fpCount = 0
    for (let h = 0; h < n; h++) {
      const volume = total[offset + h]!
      if (ejected[h] === 1 || volume === 0) continue
      const rate = (success[offset + h]! * 100) / volume
      if (volume >= minVolume) this.hostSuccessRate[h] = rate
      if (volume >= cfg.successRateRequestVolume) {
        this.srHosts[srCount] = h
        this.srRates[srCount++] = rate
      }
      if (volume >= cfg.failurePercentageRequestVolume) {
        this.fpHosts[fpCount] = h
        this.fpRates[fpCount++] = rate
      }
    }
    if (srCount > 0 && srCount >= cfg.successRateMinimumHosts) {
      const result = successRateEjectionThreshold(this.srRates, cfg.successRateStdevFactor / 1000, srCount)
      this.mean = result.mean
      this.threshold = result.threshold
      for (let i = 0; i < srCount; i++) if (this.srRates[i]! < result.threshold) eject(this.srHosts[i]!, 'success_rate')
    }
    if (fpCount > 0 && fpCount >= cfg.failurePercentageMinimumHosts) {
      for (let i = 0; i < fpCount; i++) {
        // NOTE(model): skip a host the success-rate pass just ejected (see outlierDetector.ts).
        const host = this.fpHosts[i]!
        if (100 - this.fpRates[i]! >= cfg.failurePercentageThreshold && ejected[host] === 0) eject(host, 'failure_percentage')
      }
    }
  }
}
