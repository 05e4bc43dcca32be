/**
 * SLO evaluation. Each objective is tracked on its service's requests (arrived after the
 * warm-up) as "bad" events: a request slower than the threshold (latency SLO: p-th
 * percentile ≤ threshold ⇔ at most (100 − p) % of requests are slower), or a failed
 * request (success-rate SLO). At every simulated second the objective is checked over its
 * `window` (the last `window` seconds), or cumulatively since the warm-up when no window
 * is given; the first second at which it does not hold is `firstViolationSeconds`.
 * The reported value is over the whole measured run: the latency percentile from the
 * service's histogram, or the success rate. `ok` needs the whole-run value to meet the
 * objective and, for a windowed SLO, no window to have violated it.
 * NOTE(model): objectives are checked at whole simulated seconds, so a first violation is
 * reported at the end of the second in which it happened; windows are whole seconds.
 * Memory: one ring of `window` seconds per SLO.
 */
import type { Slo } from '../model/types'
import type { ServiceStats } from '../metrics/stats'

/** The evaluation of one SLO. */
export interface SloResult {
  readonly name: string
  readonly kind: Slo['kind']
  readonly service: string
  readonly ok: boolean
  /** Latency: the threshold in ms; success rate: the objective in percent. */
  readonly objective: number
  /** Latency: the measured percentile in ms; success rate: the measured percent. */
  readonly value: number
  /** Latency SLOs: the percentile. */
  readonly percentile?: number
  readonly windowSeconds: number | null
  readonly firstViolationSeconds: number | null
  /** Windowed SLOs: the share of requests that were bad in the worst window, percent. */
  readonly worstWindowBadPercent?: number
}

/** Per-SLO counters fed by the service's finished requests. */
export class SloTracker {
  private secTotal = 0
  private secBad = 0
  private total = 0
  private bad = 0
  private readonly ringTotal: Float64Array
  private readonly ringBad: Float64Array
  private pos = 0
  private windowTotal = 0
  private windowBad = 0
  private worstBad = 0
  private readonly thresholdUs: number
  private readonly maxBad: number
  firstViolationUs = -1

  constructor(readonly slo: Slo) {
    const windowSec = slo.window !== undefined ? Math.max(1, Math.round(slo.window / 1000)) : 0
    this.ringTotal = new Float64Array(windowSec)
    this.ringBad = new Float64Array(windowSec)
    this.thresholdUs = slo.kind === 'latency' ? Math.round(slo.threshold * 1000) : 0
    this.maxBad = slo.kind === 'latency' ? (100 - slo.percentile) / 100 : (100 - slo.objective) / 100
  }

  /** One finished request of the service. */
  observe(latencyUs: number, ok: boolean): void {
    this.secTotal++
    if (this.slo.kind === 'latency' ? latencyUs > this.thresholdUs : !ok) this.secBad++
  }

  /** Closes one simulated second and checks the objective. */
  closeSecond(nowUs: number): void {
    this.total += this.secTotal
    this.bad += this.secBad
    let total = this.total
    let bad = this.bad
    const n = this.ringTotal.length
    if (n > 0) {
      this.windowTotal += this.secTotal - this.ringTotal[this.pos]!
      this.windowBad += this.secBad - this.ringBad[this.pos]!
      this.ringTotal[this.pos] = this.secTotal
      this.ringBad[this.pos] = this.secBad
      this.pos = (this.pos + 1) % n
      total = this.windowTotal
      bad = this.windowBad
      if (total > 0 && bad / total > this.worstBad) this.worstBad = bad / total
    }
    this.secTotal = this.secBad = 0
    if (total > 0 && bad / total > this.maxBad + 1e-12 && this.firstViolationUs < 0) this.firstViolationUs = nowUs
  }

  /** The SLO's result given its service's whole-run statistics. */
  result(stats: ServiceStats): SloResult {
    const slo = this.slo
    const windowSeconds = this.ringTotal.length > 0 ? this.ringTotal.length : null
    const firstViolationSeconds = this.firstViolationUs < 0 ? null : this.firstViolationUs / 1e6
    const windowOk = windowSeconds === null || firstViolationSeconds === null
    const extra = windowSeconds === null ? {} : { worstWindowBadPercent: Math.round(this.worstBad * 1e6) / 1e4 }
    if (slo.kind === 'latency') {
      const value = stats.latency.percentileMs(slo.percentile)
      return {
        name: slo.name, kind: slo.kind, service: slo.service, ok: value <= slo.threshold && windowOk,
        objective: slo.threshold, value, percentile: slo.percentile, windowSeconds, firstViolationSeconds, ...extra,
      }
    }
    const done = stats.succeeded + stats.failed
    const value = done === 0 ? 100 : Math.round((stats.succeeded / done) * 1e6) / 1e4
    return {
      name: slo.name, kind: slo.kind, service: slo.service, ok: value >= slo.objective && windowOk,
      objective: slo.objective, value, windowSeconds, firstViolationSeconds, ...extra,
    }
  }
}
