/**
 * Run-wide records that are not per service or per edge: the fates of user requests,
 * circuit-breaker open intervals, outlier ejection intervals, panic-routing intervals and
 * rollout actions.
 * Interval logs keep at most `maxIntervals` entries (later ones are only counted), so
 * memory stays bounded however often a breaker flaps.
 */
import { createFateCounts } from './fates'

/** A breaker-open, ejection or panic interval. Times are simulated seconds. */
export interface Interval {
  /** The client sidecar (a replica or a traffic source). */
  readonly sidecar: string
  /** The upstream cluster (`service` or `service/version`). */
  readonly cluster: string
  /** The ejected endpoint (ejections only). */
  readonly host?: string
  readonly startSeconds: number
  endSeconds: number | null
}

/** A bounded log of intervals, keyed while open. */
export class IntervalLog {
  readonly items: Interval[] = []
  /** Intervals opened, including those not stored. */
  opened = 0
  /** Total closed duration, seconds (including intervals not stored). */
  totalSeconds = 0
  private readonly open = new Map<number, { interval: Interval | null; startUs: number }>()

  constructor(private readonly maxIntervals = 1000) {}

  /** Opens the interval `key` at `nowUs` (ignored if already open). */
  start(key: number, nowUs: number, make: () => Interval): void {
    if (this.open.has(key)) return
    this.opened++
    const interval = this.items.length < this.maxIntervals ? make() : null
    if (interval) this.items.push(interval)
    this.open.set(key, { interval, startUs: nowUs })
  }

  /** Closes the interval `key` at `nowUs`. */
  end(key: number, nowUs: number): void {
    const entry = this.open.get(key)
    if (!entry) return
    this.open.delete(key)
    this.totalSeconds += (nowUs - entry.startUs) / 1e6
    if (entry.interval) entry.interval.endSeconds = nowUs / 1e6
  }
}

/** A rollout action. */
export interface RolloutEvent {
  readonly atSeconds: number
  readonly service: string
  readonly action: 'step' | 'promote' | 'rollback' | 'switch'
  readonly weight: number
  readonly reason?: string
}

/** Run-wide records. */
export class Recorder {
  /** Fates of user requests (from traffic sources), after the warm-up. */
  readonly rootFates = createFateCounts()
  rootRequests = 0
  readonly breakers = new IntervalLog()
  readonly ejections = new IntervalLog()
  /** Client sidecars balancing in panic (every host, ejected ones included), per cluster. */
  readonly panics = new IntervalLog()
  readonly rollouts: RolloutEvent[] = []
}
