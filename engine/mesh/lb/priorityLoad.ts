/**
 * Envoy priority-level load distribution and panic mode.
 *
 * Algorithm (integer arithmetic, percentages 0..100):
 *   healthᵢ   = min(100, factor · healthyᵢ  / (hostsᵢ − excludedᵢ))      (0 for an empty level)
 *   degradedᵢ = min(100, factor · degradedᵢ / (hostsᵢ − excludedᵢ))
 *   total     = min(100, Σ health + Σ degraded)                          (normalised availability)
 *   healthy loadᵢ = min(remaining, healthᵢ · 100 / total), walking levels in order from 100;
 *   degraded loads likewise from what is left; a rounding remainder goes to the first level
 *   with healthy availability, else the first with degraded availability.
 * Panic (doubles): a level is in panic when 100·healthy/n + 100·degraded/n < threshold
 * (n = hosts − excluded), never when total = 100. When every level is in panic the load is
 * re-split by raw host counts, 100 · hostsᵢ / Σ hosts, remainder to the first non-empty
 * level, degraded loads 0. Threshold 0 with total 0 sends 100 to P0.
 *
 * Level choice for a request: h = hash mod 100 + 1; the first level whose running sum of
 * healthy loads, then of degraded loads, reaches h wins. Ties cannot occur (running sums).
 *
 * Complexity: O(levels) for both.
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/common/load_balancer_impl.cc
 */

/** Host counts of one priority level, as Envoy's HostSet reports them. */
export interface PriorityLevelCounts {
  hosts: number
  healthy: number
  degraded: number
  /** Hosts excluded from the health denominator (still counted in total panic). */
  excluded: number
}

/** Per-level load percentages (each array sums with the other to 100) and panic flags. */
export interface PriorityLoad {
  healthy: number[]
  degraded: number[]
  panic: boolean[]
}

/** Options of {@link computePriorityLoad}, both in percent. */
export interface PriorityLoadOptions {
  /** Default 140 (Envoy `overprovisioning_factor`). */
  overprovisioningFactor?: number
  /** Default 50, capped at 100 (Envoy `healthy_panic_threshold`). */
  healthyPanicThreshold?: number
}

/** A level chosen for one request. */
export interface PrioritySelection {
  priority: number
  /** True when the level was chosen by its degraded load. */
  degraded: boolean
}

/** Default `overprovisioning_factor`, percent. */
export const DEFAULT_OVERPROVISIONING_FACTOR = 140
/** Default `healthy_panic_threshold`, percent. */
export const DEFAULT_HEALTHY_PANIC_THRESHOLD = 50

function availability(count: number, level: PriorityLevelCounts, factor: number): number {
  const usable = level.hosts - level.excluded
  if (usable <= 0) return 0
  return Math.min(100, Math.floor((factor * count) / usable))
}

/** Walks levels in order giving each min(remaining, availᵢ·100/total); returns what is left. */
function distributeLoad(out: number[], avail: readonly number[], total: number, totalAvail: number): number {
  let remaining = total
  for (let i = 0; i < avail.length; i++) {
    const load = Math.min(remaining, Math.floor(((avail[i] as number) * 100) / totalAvail))
    out[i] = load
    remaining -= load
  }
  return remaining
}

function isLevelInPanic(level: PriorityLevelCounts, threshold: number): boolean {
  const usable = level.hosts - level.excluded
  const healthyPct = usable <= 0 ? 0 : (100 * level.healthy) / usable
  const degradedPct = usable <= 0 ? 0 : (100 * level.degraded) / usable
  return healthyPct + degradedPct < threshold
}

/** Total panic: every level balances over all of its hosts, so split load by host counts. */
function splitByHostCounts(levels: readonly PriorityLevelCounts[], load: PriorityLoad): void {
  const totalHosts = levels.reduce((sum, l) => sum + l.hosts, 0)
  if (totalHosts === 0) {
    load.healthy[0] = 100
    return
  }
  let remaining = 100
  let firstNonEmpty = -1
  levels.forEach((level, i) => {
    if (firstNonEmpty < 0 && level.hosts !== 0) firstNonEmpty = i
    const share = Math.floor((100 * level.hosts) / totalHosts)
    load.healthy[i] = share
    load.degraded[i] = 0
    remaining -= share
  })
  load.healthy[firstNonEmpty] = (load.healthy[firstNonEmpty] as number) + remaining
}

/**
 * Computes Envoy's per-priority healthy / degraded load and panic flags from host counts.
 *
 * @example computePriorityLoad([{hosts: 4, healthy: 2, degraded: 0, excluded: 0},
 *   {hosts: 4, healthy: 2, degraded: 0, excluded: 0}]) // healthy [70, 30]
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/priority
 */
export function computePriorityLoad(
  levels: ReadonlyArray<PriorityLevelCounts>,
  opts: PriorityLoadOptions = {},
): PriorityLoad {
  const factor = opts.overprovisioningFactor ?? DEFAULT_OVERPROVISIONING_FACTOR
  const threshold = Math.min(100, opts.healthyPanicThreshold ?? DEFAULT_HEALTHY_PANIC_THRESHOLD)
  const n = levels.length
  const load: PriorityLoad = {
    healthy: new Array<number>(n).fill(0),
    degraded: new Array<number>(n).fill(0),
    panic: new Array<boolean>(n).fill(false),
  }
  if (n === 0) return load
  const health = levels.map((l) => availability(l.healthy, l, factor))
  const degraded = levels.map((l) => availability(l.degraded, l, factor))
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0)
  const totalAvail = Math.min(100, sum(health) + sum(degraded))
  if (totalAvail > 0) {
    const left = distributeLoad(load.healthy, health, 100, totalAvail)
    const remainder = distributeLoad(load.degraded, degraded, left, totalAvail)
    if (remainder !== 0) {
      const firstHealthy = health.findIndex((h) => h > 0)
      if (firstHealthy >= 0) load.healthy[firstHealthy] = (load.healthy[firstHealthy] as number) + remainder
      else {
        const firstDegraded = degraded.findIndex((d) => d > 0)
        load.degraded[firstDegraded] = (load.degraded[firstDegraded] as number) + remainder
      }
    }
  }
  if (threshold === 0 && totalAvail === 0) {
    // Nothing is routable; loads must still sum to 100 for level selection.
    load.healthy[0] = 100
    return load
  }
  let totalPanic = true
  levels.forEach((level, i) => {
    const panic = totalAvail === 100 ? false : isLevelInPanic(level, threshold)
    load.panic[i] = panic
    totalPanic = totalPanic && panic
  })
  if (totalPanic) splitByHostCounts(levels, load)
  return load
}

/**
 * Chooses a level for a draw `h` in 1..100 without allocating: returns the level index for
 * a healthy-load match, or `levels + index` for a degraded-load match; 0 if loads are
 * malformed (Envoy's fallback).
 */
export function choosePriorityIndex(h: number, healthy: readonly number[], degraded: readonly number[]): number {
  let aggregate = 0
  for (let i = 0; i < healthy.length; i++) {
    aggregate += healthy[i] as number
    if (h <= aggregate) return i
  }
  for (let i = 0; i < degraded.length; i++) {
    aggregate += degraded[i] as number
    if (h <= aggregate) return healthy.length + i
  }
  return 0
}

/** Reduces an unsigned 64-bit hash or random draw to Envoy's 1..100 level-selection value. */
export function priorityDraw(hash: bigint): number {
  return Number(hash % 100n) + 1
}

/**
 * Chooses the priority level for a request hash (or a per-request random number), as
 * Envoy's `LoadBalancerBase::choosePriority`: `hash % 100 + 1` against the cumulative
 * healthy loads, then the cumulative degraded loads.
 *
 * @example choosePriority(42n, {healthy: [70, 30], degraded: [0, 0]}) // {priority: 0, degraded: false}
 */
export function choosePriority(
  hash: bigint,
  load: Pick<PriorityLoad, 'healthy' | 'degraded'>,
): PrioritySelection {
  const index = choosePriorityIndex(priorityDraw(hash), load.healthy, load.degraded)
  const levels = load.healthy.length
  return index >= levels && levels > 0
    ? { priority: index - levels, degraded: true }
    : { priority: index, degraded: false }
}
