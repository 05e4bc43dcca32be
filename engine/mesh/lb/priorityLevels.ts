/**
 * Groups a flat host list into Envoy's priority set: one host set per priority level, each
 * with its healthy hosts and its hosts per locality, plus the counts that drive priority
 * load and panic (see priorityLoad.ts).
 *
 * Rules: a host's level is `priority ?? 0`; levels 0..max exist even when empty, and a
 * balancer never drops a level once created (Envoy's PrioritySet only grows). Localities
 * are ordered by name (a host without one is in locality ""), and every per-locality list
 * keeps that order. Host order inside every list is host-list order.
 * NOTE(model): Envoy rejects weight 0 in EDS; here a weight-0 host is treated like an
 * excluded host: it counts toward the level's size for total panic, but not toward its
 * health denominator, and it is never placed in a pick list (even in panic).
 *
 * Complexity: O(n + L log L).
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/upstream/upstream_impl.cc
 */
import type { HostState } from './balancer'
import type { PriorityLevelCounts } from './priorityLoad'

/** One priority level; all lists hold indices into the balancer's host list. */
export interface PriorityLevel {
  /** Pickable hosts (weight > 0), healthy or not: the panic list. */
  readonly all: number[]
  /** Healthy pickable hosts. */
  readonly healthy: number[]
  /** Distinct locality names of the level's hosts, sorted. */
  readonly localityNames: string[]
  /** Pickable hosts per locality (same order as `localityNames`). */
  readonly localityAll: number[][]
  /** Healthy pickable hosts per locality. */
  readonly localityHealthy: number[][]
  /** Counts for computePriorityLoad. */
  readonly counts: PriorityLevelCounts
}

function emptyLevel(): PriorityLevel {
  return {
    all: [],
    healthy: [],
    localityNames: [],
    localityAll: [],
    localityHealthy: [],
    counts: { hosts: 0, healthy: 0, degraded: 0, excluded: 0 },
  }
}

function addLocalities(level: PriorityLevel, hosts: readonly HostState[]): void {
  const names = [...new Set(level.all.map((i) => (hosts[i] as HostState).locality ?? ''))]
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const position = new Map(names.map((name, i) => [name, i]))
  level.localityNames.push(...names)
  for (let i = 0; i < names.length; i++) {
    level.localityAll.push([])
    level.localityHealthy.push([])
  }
  for (const index of level.all) {
    const host = hosts[index] as HostState
    const at = position.get(host.locality ?? '') as number
    ;(level.localityAll[at] as number[]).push(index)
    if (host.healthy) (level.localityHealthy[at] as number[]).push(index)
  }
}

/**
 * Splits `hosts` into priority levels, creating at least `minLevels` levels (pass the
 * previous level count so levels are never dropped) and always at least P0.
 */
export function groupPriorityLevels(hosts: readonly HostState[], minLevels = 1): PriorityLevel[] {
  let count = Math.max(1, minLevels)
  for (const host of hosts) count = Math.max(count, (host.priority ?? 0) + 1)
  const levels = Array.from({ length: count }, emptyLevel)
  hosts.forEach((host, index) => {
    const level = levels[host.priority ?? 0] as PriorityLevel
    level.counts.hosts++
    if (host.weight <= 0) {
      level.counts.excluded++
      return
    }
    level.all.push(index)
    if (host.healthy) {
      level.healthy.push(index)
      level.counts.healthy++
    }
  })
  for (const level of levels) addLocalities(level, hosts)
  return levels
}
