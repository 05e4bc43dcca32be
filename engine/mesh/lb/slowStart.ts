/**
 * Slow start (Envoy `slow_start_config`, round_robin and least_request only): a host that
 * recently became healthy gets a reduced EDF weight that ramps up over a window.
 *
 * Formula: while t = now − lastHealthCheckPass < window (t truncated to whole ms),
 *   timeFactor = max(1 ms, t) / window
 *   effective  = weight × max(minWeightPercent/100, timeFactor^(1/aggression))
 * (the power is skipped when aggression = 1 or timeFactor = 1; aggression ≤ 0 or NaN falls
 * back to 1). Defaults: aggression 1.0, minWeightPercent 10.
 * A host without a health-check pass time starts its window when the balancer first sees it
 * healthy (Envoy stamps `last_hc_pass_time` when the host is added). The balancer counts as
 * "in slow start" — which forces the EDF path even for equal weights — while
 * now − latestHostAdded ≤ window, where latestHostAdded starts at construction time and
 * moves to the newest pass time of a healthy host still inside its window.
 *
 * Complexity: O(1) per weight, O(n) per host update.
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/common/load_balancer_impl.cc
 */
import type { HostState } from './balancer'

/** Envoy `SlowStartConfig`; disabled unless `windowMs` > 0. */
export interface SlowStartConfig {
  windowMs: number
  /** Default 1.0; non-positive or NaN falls back to 1.0. */
  aggression?: number
  /** Default 10 (percent of the host weight a new host starts with). */
  minWeightPercent?: number
}

/** Slow-start bookkeeping for one balancer. */
export interface SlowStart {
  /** True when a window > 0 is configured. */
  readonly enabled: boolean
  /** Envoy `recalculateHostsInSlowStart`: stamps first-seen times, moves latestHostAdded. */
  observe(hosts: readonly HostState[], nowMs: number): void
  /** True while any host may be in slow start (Envoy `!noHostsAreInSlowStart()`). */
  isActive(nowMs: number): boolean
  /** Envoy `applySlowStartFactor`: scales `weight` for a host inside its window. */
  apply(weight: number, host: HostState, nowMs: number): number
}

const DEFAULT_MIN_WEIGHT_PERCENT = 10

class SlowStartTracker implements SlowStart {
  readonly enabled: boolean
  private readonly windowMs: number
  private readonly aggression: number
  private readonly minWeight: number
  /** Envoy writes last_hc_pass_time into the host; we keep it here to leave HostState alone. */
  private readonly firstSeenMs = new WeakMap<HostState, number>()
  private latestHostAddedMs: number

  constructor(config: SlowStartConfig | undefined, nowMs: number) {
    this.windowMs = config?.windowMs ?? 0
    this.enabled = this.windowMs > 0
    const aggression = config?.aggression ?? 1.0
    this.aggression = aggression <= 0 || Number.isNaN(aggression) ? 1.0 : aggression
    this.minWeight = (config?.minWeightPercent ?? DEFAULT_MIN_WEIGHT_PERCENT) / 100
    this.latestHostAddedMs = nowMs
  }

  private passTime(host: HostState): number | undefined {
    return host.lastHealthCheckPassMs ?? this.firstSeenMs.get(host)
  }

  observe(hosts: readonly HostState[], nowMs: number): void {
    if (!this.enabled) return
    for (const host of hosts) {
      if (!host.healthy) continue
      let passMs = this.passTime(host)
      if (passMs === undefined) {
        passMs = nowMs
        this.firstSeenMs.set(host, nowMs)
      }
      const inHealthyMs = Math.trunc(nowMs - passMs)
      if (passMs > this.latestHostAddedMs && inHealthyMs <= this.windowMs) this.latestHostAddedMs = passMs
    }
  }

  isActive(nowMs: number): boolean {
    return this.enabled && Math.trunc(nowMs - this.latestHostAddedMs) <= this.windowMs
  }

  apply(weight: number, host: HostState, nowMs: number): number {
    const passMs = this.passTime(host)
    if (passMs === undefined || !host.healthy) return weight
    const inHealthyMs = Math.trunc(nowMs - passMs)
    if (inHealthyMs >= this.windowMs) return weight
    const timeFactor = Math.max(1, inHealthyMs) / this.windowMs
    const ramp = this.aggression === 1.0 || timeFactor === 1.0 ? timeFactor : timeFactor ** (1 / this.aggression)
    return weight * Math.max(ramp, this.minWeight)
  }
}

/**
 * Creates the slow-start state of a balancer built at `nowMs`.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/slow_start
 */
export function createSlowStart(config: SlowStartConfig | undefined, nowMs: number): SlowStart {
  return new SlowStartTracker(config, nowMs)
}
