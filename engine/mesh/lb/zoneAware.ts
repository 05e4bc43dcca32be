/**
 * Host-source selection shared by round_robin, least_request and random (Envoy's
 * `ZoneAwareLoadBalancerBase::hostSourceToUse`, without zone-aware routing, which needs a
 * local cluster).
 *
 * Algorithm, per request draw r (unsigned 64-bit):
 *   level ← first level whose cumulative load reaches r mod 100 + 1 (priorityLoad.ts);
 *   level in panic → all of its hosts;
 *   locality-weighted and the level has a locality scheduler → that locality's healthy hosts;
 *   otherwise → the level's healthy hosts.
 * With locality weighting, every level draws one random() to seed its locality scheduler
 * each time the sources are built (construction and every host update), in level order.
 *
 * Complexity: build O(n + L log L) per level; selection O(levels + log L).
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/common/load_balancer_impl.cc
 */
import type { Random64 } from '../random64'
import type { BalancerConfig, HostState } from './balancer'
import { buildLocalityScheduler } from './locality'
import type { LocalityScheduler } from './locality'
import { groupPriorityLevels } from './priorityLevels'
import type { PriorityLevel } from './priorityLevels'
import { DEFAULT_OVERPROVISIONING_FACTOR, choosePriorityIndex, computePriorityLoad, priorityDraw } from './priorityLoad'
import type { PriorityLoad } from './priorityLoad'

/** A list of hosts one pick chooses from (Envoy `HostsSource` resolved to its hosts). */
export interface HostSource {
  /** Stable identity across rebuilds: priority, source type and locality index. */
  readonly key: string
  readonly hosts: HostState[]
  /** Index of each host in the balancer's current host list. */
  readonly indices: number[]
  readonly size: number
  /** `size` as a bigint, for reducing 64-bit draws without allocating. */
  readonly bigSize: bigint
}

/** The sources of one priority level. */
export interface ZoneAwareLevel<S extends HostSource> {
  readonly all: S
  readonly healthy: S
  /** Healthy hosts per locality, in locality-name order. */
  readonly localities: S[]
  readonly localityScheduler: LocalityScheduler | undefined
}

/** Everything a pick needs to choose its host source. */
export interface ZoneAware<S extends HostSource> {
  readonly levels: ZoneAwareLevel<S>[]
  readonly load: PriorityLoad
  /**
   * The source every pick chooses whatever its draw, when that is fixed until the next
   * build: one level (its panic state is computed at build) without a locality scheduler.
   */
  readonly fixed: S | undefined
}

/** Builds a source object; balancers extend HostSource with their per-source state. */
export type SourceFactory<S extends HostSource> = (base: HostSource) => S

function makeSource<S extends HostSource>(
  key: string,
  indices: number[],
  hosts: readonly HostState[],
  factory: SourceFactory<S>,
): S {
  const list = indices.map((i) => hosts[i] as HostState)
  return factory({ key, hosts: list, indices, size: list.length, bigSize: BigInt(list.length) })
}

function localityCounts(level: PriorityLevel, weights: Readonly<Record<string, number>>) {
  return level.localityNames.map((name, i) => ({
    weight: weights[name] ?? 0,
    eligible: (level.localityHealthy[i] as number[]).length,
    hosts: (level.localityAll[i] as number[]).length,
  }))
}

/**
 * Groups hosts into levels, computes priority load and panic, and builds every level's
 * sources. Draws one `random()` per level when `config.localityWeights` is set.
 *
 * @param minLevels previous level count, so a balancer never loses a level
 */
export function buildZoneAware<S extends HostSource>(
  hosts: readonly HostState[],
  config: BalancerConfig,
  random: Random64,
  minLevels: number,
  factory: SourceFactory<S>,
): ZoneAware<S> {
  const grouped = groupPriorityLevels(hosts, minLevels)
  const load = computePriorityLoad(
    grouped.map((l) => l.counts),
    { overprovisioningFactor: config.overprovisioningFactor, healthyPanicThreshold: config.healthyPanicThreshold },
  )
  const factor = config.overprovisioningFactor ?? DEFAULT_OVERPROVISIONING_FACTOR
  const weights = config.localityWeights
  const levels = grouped.map((level, p): ZoneAwareLevel<S> => {
    const localityScheduler =
      weights === undefined ? undefined : buildLocalityScheduler(localityCounts(level, weights), factor, random())
    return {
      all: makeSource(`${p}:all`, level.all, hosts, factory),
      healthy: makeSource(`${p}:healthy`, level.healthy, hosts, factory),
      localities:
        weights === undefined
          ? []
          : level.localityHealthy.map((indices, i) => makeSource(`${p}:locality:${i}`, indices, hosts, factory)),
      localityScheduler,
    }
  })
  const only = levels.length === 1 ? levels[0]! : undefined
  const fixed = only === undefined || only.localityScheduler !== undefined ? undefined : load.panic[0] ? only.all : only.healthy
  return { levels, load, fixed }
}

/** Every source of the state, in Envoy's refresh order (per level: all, healthy, localities). */
export function allSources<S extends HostSource>(state: ZoneAware<S>): S[] {
  return state.levels.flatMap((level) => [level.all, level.healthy, ...level.localities])
}

/**
 * Draws the request's random number and chooses its host source, for picks that use the
 * draw for nothing else. When the source is fixed the draw decides nothing, so a stream with
 * `mod` consumes it as `mod(1)` and no bigint is built.
 */
export function drawHostSource<S extends HostSource>(state: ZoneAware<S>, random: Random64): S {
  const fixed = state.fixed
  if (fixed !== undefined && random.mod !== undefined) {
    random.mod(1)
    return fixed
  }
  return chooseHostSource(state, random())
}

/**
 * Chooses the host source for a request whose priority draw is `r` (the request's random
 * number); never allocates.
 */
export function chooseHostSource<S extends HostSource>(state: ZoneAware<S>, r: bigint): S {
  const { levels, load } = state
  // With a single level every draw selects it; skip the 64-bit remainder on this hot path.
  const index = levels.length === 1 ? 0 : choosePriorityIndex(priorityDraw(r), load.healthy, load.degraded)
  // A degraded-load match maps back to its level: no host is degraded in this model, so
  // such loads are always 0 and this cannot select an empty degraded list.
  const p = index >= levels.length ? index - levels.length : index
  const level = levels[p] as ZoneAwareLevel<S>
  if (load.panic[p]) return level.all
  if (level.localityScheduler !== undefined) return level.localities[level.localityScheduler.choose()] as S
  return level.healthy
}
