/**
 * Envoy's success-rate outlier threshold.
 *
 * Algorithm (`DetectorImpl::successRateEjectionThreshold`): over the success rates (percent)
 * of the hosts that qualified this interval,
 *   mean      = Σ rate / n                      (sum taken in host order)
 *   variance  = Σ (rate − mean)² / n            (population variance)
 *   threshold = mean − stdevFactor × √variance
 * A host whose rate is strictly below the threshold is an outlier. Example from Envoy's code
 * comment: rates {50, 100, 100, 100, 100}, factor 1.9 → mean 90, stdev 20, threshold 52.
 * No tie-breaking applies. O(n), no allocation besides the result object.
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
