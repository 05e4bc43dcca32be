/**
 * Envoy outlier detection (passive health checking) for one cluster.
 *
 * Algorithm (`DetectorImpl` / `DetectorHostMonitorImpl`):
 * - record(): every response counts toward the host's current success-rate bucket. A 5xx
 *   increments consecutive_5xx; a 502/503/504 also increments consecutive_gateway_failure,
 *   other 5xx reset it; anything else resets both and counts a success. Local failures map as
 *   Envoy maps them without split local-origin errors: 'connect_failure' and 'reset' → 503
 *   (`LocalOriginConnectFailed`), 'timeout' → 504 (`LocalOriginTimeout`). When a counter
 *   *equals* its threshold the host is ejected unless already ejected, and that counter is
 *   reset; an ejected host's counters keep growing until unejection resets them.
 * - Ejection: allowed when 100·(ejected + 1)/hosts ≤ min(max_ejection_percent, 100) (or
 *   always_eject_one_host with nothing ejected), else counted as overflow. The enforcement
 *   percentage is then rolled like Envoy's runtime featureEnabled (0 → no, 100 → yes, no
 *   draw; otherwise random() % 100 < pct). Enforced: jitter = random() % (max_jitter + 1), and
 *   the multiplier k grows by one while k·base < max + base.
 * - tick(): (1) uneject hosts with min(base·k, max) + jitter ≤ now − last ejection (so the real
 *   ejection time is rounded up to the tick grid); (2) swap the two buckets and run the
 *   success-rate and failure-percentage analyses over the interval just ended; (3) k − 1
 *   (not below 0) for each healthy host unejected at least one interval ago.
 * Tie-breaking: hosts are visited in index order (Envoy iterates a hash map). record() is
 * O(1) and allocation-free; tick() is O(hosts) and allocates only the success-rate result.
 *
 * NOTE(model): Envoy posts consecutive-error ejections to its main thread; here they happen
 * synchronously inside record(). Host membership is fixed at creation. A host ejected by the
 * success-rate analysis is not ejected again by failure percentage in the same tick (Envoy
 * would count it twice, which trips an ASSERT in its debug builds).
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/upstream/outlier_detection_impl.cc
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/outlier
 */
import type { Random64 } from '../random64'
import { resolveOutlierConfig } from './outlierConfig'
import type { OutlierDetectionConfig, ResolvedOutlierConfig } from './outlierConfig'
import { IntervalAnalysis } from './successRate'
import type {
  InspectableOutlierDetector, OutlierContext, OutlierEjectionKind, OutlierResult, OutlierStats,
} from './outlierTypes'

export type {
  InspectableOutlierDetector, OutlierContext, OutlierDetector, OutlierEjectionKind, OutlierResult, OutlierStats,
} from './outlierTypes'
export type { OutlierDetectionConfig } from './outlierConfig'
export { successRateEjectionThreshold } from './successRate'
export type { SuccessRateThreshold } from './successRate'

const zeroByKind = (): Record<OutlierEjectionKind, number> =>
  ({ consecutive_5xx: 0, consecutive_gateway_failure: 0, success_rate: 0, failure_percentage: 0 })

/** Maps a result to the HTTP code Envoy's `putResultNoLocalExternalSplit` reports. */
function toHttpCode(status: OutlierResult): number {
  if (status === 'timeout') return 504
  if (status === 'reset' || status === 'connect_failure') return 503
  return status
}

class EnvoyOutlierDetector implements InspectableOutlierDetector {
  readonly intervalMs: number
  private readonly n: number
  private readonly maxPercent: number
  private readonly jitterModulus: bigint
  private readonly enforcing: Record<OutlierEjectionKind, number>
  private readonly cons5xx: Float64Array
  private readonly consGateway: Float64Array
  private readonly ejected: Uint8Array
  private readonly numEjections: Float64Array
  private readonly backoffK: Float64Array
  private readonly jitterMs: Float64Array
  private readonly lastEjection: Float64Array
  private readonly lastUnejection: Float64Array
  /** Two success-rate buckets per host, [0, n) and [n, 2n); `current` selects the writer. */
  private readonly bucketTotal: Float64Array
  private readonly bucketSuccess: Float64Array
  private current = 0
  private readonly analysis: IntervalAnalysis
  private readonly ejectFromAnalysis: (host: number, kind: OutlierEjectionKind) => void
  private analysisNowMs = 0
  /** The bucket of the interval that just ended, handed to the analysis. */
  private readonly previous: { total: Float64Array; success: Float64Array; offset: number; ejected: Uint8Array }
  private ejectedTotal = 0
  private overflow = 0
  private enforcedTotal = 0
  private readonly detected = zeroByKind()
  private readonly enforced = zeroByKind()

  constructor(hostCount: number, private readonly cfg: ResolvedOutlierConfig, private readonly random: Random64,
    private readonly listeners: Omit<OutlierContext, 'random'>) {
    const n = (this.n = hostCount)
    this.intervalMs = cfg.intervalMs
    this.maxPercent = Math.min(100, cfg.maxEjectionPercent)
    this.jitterModulus = BigInt(Math.floor(cfg.maxEjectionTimeJitterMs) + 1)
    this.enforcing = {
      consecutive_5xx: cfg.enforcingConsecutive5xx,
      consecutive_gateway_failure: cfg.enforcingConsecutiveGatewayFailure,
      success_rate: cfg.enforcingSuccessRate,
      failure_percentage: cfg.enforcingFailurePercentage,
    }
    this.cons5xx = new Float64Array(n)
    this.consGateway = new Float64Array(n)
    this.ejected = new Uint8Array(n)
    this.numEjections = new Float64Array(n)
    this.backoffK = new Float64Array(n)
    this.jitterMs = new Float64Array(n)
    this.lastEjection = new Float64Array(n).fill(Number.NaN)
    this.lastUnejection = new Float64Array(n).fill(Number.NaN)
    this.bucketTotal = new Float64Array(2 * n)
    this.bucketSuccess = new Float64Array(2 * n)
    this.analysis = new IntervalAnalysis(n, cfg)
    this.previous = { total: this.bucketTotal, success: this.bucketSuccess, offset: n, ejected: this.ejected }
    this.ejectFromAnalysis = (host, kind) => this.eject(host, kind, this.analysisNowMs)
  }

  record(host: number, status: OutlierResult, nowMs: number): void {
    const slot = this.current * this.n + this.at(host)
    const code = toHttpCode(status)
    this.bucketTotal[slot]++
    if (!(code >= 500 && code < 600)) { // Http::CodeUtility::is5xx
      this.bucketSuccess[slot]++
      this.cons5xx[host] = 0
      this.consGateway[host] = 0
      return
    }
    if (code >= 502 && code <= 504) {
      if (++this.consGateway[host]! === this.cfg.consecutiveGatewayFailure && this.ejected[host] === 0) {
        this.eject(host, 'consecutive_gateway_failure', nowMs)
        this.consGateway[host] = 0
      }
    } else {
      this.consGateway[host] = 0
    }
    if (++this.cons5xx[host]! === this.cfg.consecutive5xx && this.ejected[host] === 0) {
      this.eject(host, 'consecutive_5xx', nowMs)
      this.cons5xx[host] = 0
    }
  }

  tick(nowMs: number): void {
    const n = this.n
    for (let h = 0; h < n; h++) {
      if (this.ejected[h] === 1 && this.endOf(h) <= nowMs) this.uneject(h, nowMs)
    }
    // Envoy's updateCurrentWriter: the old backup bucket is zeroed and becomes the writer.
    const writer = (this.current = 1 - this.current) * n
    this.bucketTotal.fill(0, writer, writer + n)
    this.bucketSuccess.fill(0, writer, writer + n)
    this.analysisNowMs = nowMs
    this.previous.offset = (1 - this.current) * n
    this.analysis.run(this.previous, this.ejectFromAnalysis)
    for (let h = 0; h < n; h++) {
      if (this.ejected[h] === 0 && this.backoffK[h]! > 0 && nowMs - this.lastUnejection[h]! >= this.intervalMs) {
        this.backoffK[h]--
      }
    }
  }

  isEjected(host: number): boolean { return this.ejected[this.at(host)] === 1 }
  ejectedCount(): number { return this.ejectedTotal }
  ejectionCount(host: number): number { return this.numEjections[this.at(host)]! }
  ejectionMultiplier(host: number): number { return this.backoffK[this.at(host)]! }
  lastEjectionMs(host: number): number | undefined { return orUndefined(this.lastEjection[this.at(host)]!) }
  lastUnejectionMs(host: number): number | undefined { return orUndefined(this.lastUnejection[this.at(host)]!) }
  ejectionEndMs(host: number): number | undefined { return this.ejected[this.at(host)] === 1 ? this.endOf(host) : undefined }
  successRate(host: number): number { return this.analysis.hostSuccessRate[this.at(host)]! }
  successRateSummary(): { mean: number; threshold: number } { return { mean: this.analysis.mean, threshold: this.analysis.threshold } }
  stats(): OutlierStats {
    return {
      ejectionsActive: this.ejectedTotal,
      ejectionsEnforcedTotal: this.enforcedTotal,
      ejectionsOverflow: this.overflow,
      ejectionsDetected: { ...this.detected },
      ejectionsEnforced: { ...this.enforced },
    }
  }

  private at(host: number): number {
    if (!(host >= 0 && host < this.n && Number.isInteger(host))) throw new RangeError(`host ${host} is outside [0, ${this.n})`)
    return host
  }

  private endOf(host: number): number {
    const { baseEjectionTimeMs, maxEjectionTimeMs } = this.cfg
    return this.lastEjection[host]! + Math.min(baseEjectionTimeMs * this.backoffK[host]!, maxEjectionTimeMs) + this.jitterMs[host]!
  }

  /** Runtime `featureEnabled(key, pct)`: no draw at 0 or 100, else random() % 100 < pct. */
  private featureEnabled(percent: number): boolean {
    if (percent <= 0) return false
    if (percent >= 100) return true
    return Number(this.random() % 100n) < percent
  }

  /** `DetectorImpl::ejectHost`. */
  private eject(host: number, kind: OutlierEjectionKind, nowMs: number): void {
    this.detected[kind]++
    let allowed = (100 * (this.ejectedTotal + 1)) / this.n <= this.maxPercent
    if (this.cfg.alwaysEjectOneHost) allowed = this.ejectedTotal === 0 || allowed
    if (!allowed) {
      this.overflow++
      return
    }
    if (!this.featureEnabled(this.enforcing[kind])) return
    this.ejectedTotal++
    this.enforcedTotal++
    this.enforced[kind]++
    this.ejected[host] = 1
    this.numEjections[host]++
    this.lastEjection[host] = nowMs
    this.jitterMs[host] = Number(this.random() % this.jitterModulus)
    const { baseEjectionTimeMs, maxEjectionTimeMs } = this.cfg
    if (this.backoffK[host]! * baseEjectionTimeMs < maxEjectionTimeMs + baseEjectionTimeMs) this.backoffK[host]++
    this.listeners.onEject?.(host, kind, nowMs)
  }

  private uneject(host: number, nowMs: number): void {
    this.ejectedTotal--
    this.ejected[host] = 0
    this.cons5xx[host] = 0
    this.consGateway[host] = 0
    this.lastUnejection[host] = nowMs
    this.listeners.onUneject?.(host, nowMs)
  }
}

function orUndefined(value: number): number | undefined {
  return Number.isNaN(value) ? undefined : value
}

/**
 * Creates an Envoy outlier detector for `hostCount` hosts (indices 0 … hostCount − 1).
 *
 * @param config Envoy's `outlier_detection` fields; unset fields take Envoy's defaults.
 * @param ctx the random source, plus optional eject / uneject listeners.
 * @example
 * const od = createOutlierDetector(3, { maxEjectionPercent: 100 }, { random })
 * for (let i = 0; i < 5; i++) od.record(0, 503, 0)
 * od.isEjected(0) // true; the first tick at or after 30 000 ms unejects it
 * @throws RangeError on a negative or fractional hostCount, or an invalid config.
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/outlier_detection.proto
 */
export function createOutlierDetector(
  hostCount: number,
  config: OutlierDetectionConfig,
  ctx: OutlierContext,
): InspectableOutlierDetector {
  if (!Number.isInteger(hostCount) || hostCount < 0) throw new RangeError(`hostCount must be an integer ≥ 0, got ${hostCount}`)
  const { random, ...listeners } = ctx
  return new EnvoyOutlierDetector(hostCount, resolveOutlierConfig(config), random, listeners)
}
