/**
 * Envoy's consistent-hash balancers, RING_HASH and MAGLEV, behind the common priority logic
 * (Envoy `ThreadAwareLoadBalancerBase`).
 *
 * Algorithm: on construction and every host update, each priority level gets a ring
 * (hashRing.ts) or a Maglev table (maglevTable.ts) over its healthy hosts, or over all of its
 * hosts when the level is in panic. Weights are normalised to sum to 1:
 *   flat:               wᵢ × 1.0 / Σ w
 *   locality-weighted:  wᵢ × (locality weight / Σ locality weights) / Σ w in that locality
 * (localities of weight 0 are dropped; every locality weight 0 → no host).
 * Per pick: h = the request hash, or one random() without a hash; the level is chosen by
 * `h mod 100 + 1` against cumulative load, and the same h is looked up in that level's
 * ring / table (a retry attempt a > 0 moves the lookup as ringLookup / maglevLookup do).
 * No seed and no locality seeds are drawn.
 *
 * Tie-breaking: as the ring / table. Complexity: pick O(levels + log ring) or O(levels);
 * rebuild O(ring log ring) or O(table size).
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/common/thread_aware_lb_impl.cc
 */
import type { Balancer, BalancerConfig, BalancerContext, HostState } from './balancer'
import { buildHashRing, ringLookup } from './hashRing'
import type { HashRing } from './hashRing'
import { buildMaglevTable, maglevLookup } from './maglevTable'
import { groupPriorityLevels } from './priorityLevels'
import type { PriorityLevel } from './priorityLevels'
import { choosePriorityIndex, computePriorityLoad, priorityDraw } from './priorityLoad'
import type { PriorityLoad } from './priorityLoad'

/** The two consistent-hash kinds. */
export type HashBalancerKind = 'ring_hash' | 'maglev'

/** One host with its normalised weight, as handed to the ring / table builders. */
export interface NormalizedHost {
  /** Index into the balancer's host list. */
  index: number
  key: string
  weight: number
}

interface HashLevel {
  /** Balancer host index of each ring / table host. */
  readonly indices: number[]
  readonly ring: HashRing | undefined
  readonly table: Int32Array | undefined
}

function flatWeights(list: readonly number[], hosts: readonly HostState[], localityShare: number): NormalizedHost[] {
  let sum = 0
  for (const i of list) sum += (hosts[i] as HostState).weight
  return list.map((index) => {
    const host = hosts[index] as HostState
    return { index, key: host.key, weight: (host.weight * localityShare) / sum }
  })
}

/**
 * Normalises one level's host weights as Envoy's `normalizeWeights`: the healthy hosts, or
 * all hosts in panic; per locality when `localityWeights` is given.
 */
export function normalizeLevelWeights(
  level: PriorityLevel,
  hosts: readonly HostState[],
  inPanic: boolean,
  localityWeights: Readonly<Record<string, number>> | undefined,
): NormalizedHost[] {
  if (localityWeights === undefined || level.localityNames.length === 0) {
    return flatWeights(inPanic ? level.all : level.healthy, hosts, 1.0)
  }
  const perLocality = inPanic ? level.localityAll : level.localityHealthy
  const weights = level.localityNames.map((name) => localityWeights[name] ?? 0)
  const sum = weights.reduce((a, b) => a + b, 0)
  if (sum === 0) return []
  return weights.flatMap((weight, i) =>
    weight === 0 ? [] : flatWeights(perLocality[i] as number[], hosts, weight / sum),
  )
}

class HashBalancer implements Balancer {
  private levels: HashLevel[] = []
  private load: PriorityLoad = { healthy: [], degraded: [], panic: [] }

  constructor(
    private readonly kind: HashBalancerKind,
    hosts: readonly HostState[],
    private readonly config: BalancerConfig,
    private readonly ctx: BalancerContext,
  ) {
    this.setHosts(hosts)
  }

  setHosts(hosts: readonly HostState[]): void {
    const grouped = groupPriorityLevels(hosts, this.levels.length)
    this.load = computePriorityLoad(
      grouped.map((l) => l.counts),
      { overprovisioningFactor: this.config.overprovisioningFactor, healthyPanicThreshold: this.config.healthyPanicThreshold },
    )
    this.levels = grouped.map((level, p) => this.buildLevel(level, hosts, this.load.panic[p] === true))
  }

  private buildLevel(level: PriorityLevel, hosts: readonly HostState[], inPanic: boolean): HashLevel {
    const normalized = normalizeLevelWeights(level, hosts, inPanic, this.config.localityWeights)
    const indices = normalized.map((h) => h.index)
    if (this.kind === 'maglev') {
      return { indices, ring: undefined, table: buildMaglevTable(normalized, this.config.tableSize) }
    }
    const ring = buildHashRing(normalized, {
      minimumRingSize: this.config.minimumRingSize,
      maximumRingSize: this.config.maximumRingSize,
      hashFunction: this.config.hashFunction,
    })
    return { indices, ring, table: undefined }
  }

  pick(hash?: bigint, attempt = 0): number | undefined {
    const h = hash === undefined ? this.ctx.random() : BigInt.asUintN(64, hash)
    const { healthy, degraded } = this.load
    const index = this.levels.length === 1 ? 0 : choosePriorityIndex(priorityDraw(h), healthy, degraded)
    const level = this.levels[index >= this.levels.length ? index - this.levels.length : index] as HashLevel
    const at =
      level.table !== undefined
        ? maglevLookup(level.table, h, attempt)
        : ringLookup(level.ring as HashRing, h, attempt)
    return at < 0 ? undefined : level.indices[at]
  }
}

/**
 * Creates a ring_hash or maglev balancer.
 *
 * @throws RangeError for a non-prime maglev tableSize or invalid ring sizes.
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/load_balancers#ring-hash
 */
export function createHashBalancer(
  kind: HashBalancerKind,
  hosts: readonly HostState[],
  config: BalancerConfig,
  ctx: BalancerContext,
): Balancer {
  return new HashBalancer(kind, hosts, config, ctx)
}
