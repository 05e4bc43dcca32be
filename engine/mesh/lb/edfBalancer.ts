/**
 * Shared machinery of round_robin and least_request (Envoy `EdfLoadBalancerBase`): a seed,
 * one EDF scheduler or one unweighted picker per host source, slow start.
 *
 * Algorithm:
 *   construction: locality seeds (one random() per level, if locality-weighted), then
 *   seed ← random(); then every source is refreshed.
 *   refresh (construction and setHosts): each source keeps its round-robin counter (created
 *   once, starting at the seed, never reset); it gets an EDF scheduler built with
 *   createWithPicks(hosts, hostWeight, seed) unless it has ≤ 1 host, or all its host weights
 *   are equal, no host is in slow start and the policy does not force the weighted path.
 *   pick: r ← random(); source ← chooseHostSource(r); EDF pickAndAdd (the weight is re-read
 *   at re-insertion, so weight and load changes apply lazily) or the policy's unweighted pick.
 *   hostWeight = policy weight, × slow-start factor while any host is in slow start.
 *
 * Tie-breaking: EDF FIFO (host-list order first). Complexity: pick O(levels + log n);
 * refresh O(n log n).
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/common/load_balancer_impl.cc
 */
import type { Balancer, BalancerConfig, BalancerContext, HostState } from './balancer'
import { createWithPicks } from './edfScheduler'
import type { EdfScheduler, EdfWeightFn } from './edfScheduler'
import { createSlowStart } from './slowStart'
import type { SlowStart } from './slowStart'
import { allSources, buildZoneAware, drawHostSource } from './zoneAware'
import type { HostSource, ZoneAware } from './zoneAware'

/** Envoy's unweighted round-robin index for one host source: a uint64 starting at the seed. */
export interface RoundRobinCounter {
  /** Picks made so far from this source. */
  count: number
  /** Picks after which seed + count wraps past 2^64 (Infinity when unreachable). */
  readonly wrapAt: number
}

/** A host source with the EDF balancer's per-source state. */
export interface EdfSource extends HostSource {
  /** Present when the source uses the weighted (EDF) path; entries are positions. */
  edf: EdfScheduler<number> | undefined
  /** Current EDF weight of the host at a position (policy weight × slow start). */
  readonly weightAt: EdfWeightFn<number>
  rr: RoundRobinCounter
  /** seed mod size, so that (seed + count) mod size needs no bigint per pick. */
  rrSeedMod: number
}

/** What round_robin and least_request add to the shared base. */
export interface EdfPolicy {
  /** Weight before slow start (Envoy `hostWeight` without the slow-start factor). */
  baseWeight(host: HostState): number
  /** Use EDF even when all weights are equal (least_request with an explicit bias). */
  readonly alwaysWeighted: boolean
  /** Position picked in a non-empty source on the unweighted path. */
  unweightedPick(source: EdfSource): number
}

const TWO_POW_64 = 1n << 64n

function weightsAreEqual(hosts: readonly HostState[]): boolean {
  for (let i = 1; i < hosts.length; i++) if ((hosts[i] as HostState).weight !== (hosts[0] as HostState).weight) return false
  return true
}

class EdfBalancer implements Balancer {
  private hosts: readonly HostState[]
  private readonly slowStart: SlowStart
  private zone: ZoneAware<EdfSource>
  private readonly seed: bigint
  private readonly counters = new Map<string, RoundRobinCounter>()
  private readonly makeSource = (base: HostSource): EdfSource => {
    const source: EdfSource = {
      ...base,
      edf: undefined,
      weightAt: (pos) => this.hostWeight(source.hosts[pos] as HostState),
      // Replaced in refresh(), once the seed exists (Envoy `refreshHostSource`).
      rr: { count: 0, wrapAt: Infinity },
      rrSeedMod: 0,
    }
    return source
  }

  constructor(
    hosts: readonly HostState[],
    private readonly config: BalancerConfig,
    private readonly ctx: BalancerContext,
    private readonly policy: EdfPolicy,
  ) {
    this.hosts = hosts
    this.slowStart = createSlowStart(config.slowStart, ctx.nowMs())
    // Envoy order: the locality seeds (ZoneAwareLoadBalancerBase) come before seed_.
    this.zone = buildZoneAware(hosts, config, ctx.random, 0, this.makeSource)
    this.seed = ctx.random()
    this.refresh()
  }

  private counter(key: string): RoundRobinCounter {
    let counter = this.counters.get(key)
    if (counter === undefined) {
      const untilWrap = TWO_POW_64 - this.seed
      counter = { count: 0, wrapAt: untilWrap > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(untilWrap) }
      this.counters.set(key, counter)
    }
    return counter
  }

  private hostWeight(host: HostState): number {
    const weight = this.policy.baseWeight(host)
    if (!this.slowStart.enabled) return weight
    const now = this.ctx.nowMs()
    return this.slowStart.isActive(now) ? this.slowStart.apply(weight, host, now) : weight
  }

  /** Envoy `EdfLoadBalancerBase::refresh` for every level. */
  private refresh(): void {
    const now = this.ctx.nowMs()
    // NOTE(model): Envoy stamps slow-start times source by source, level by level; doing
    // all hosts first only differs when a level-1 host changes a level-0 EDF decision.
    this.slowStart.observe(this.hosts, now)
    for (const source of allSources(this.zone)) {
      source.rr = this.counter(source.key)
      source.rrSeedMod = source.size === 0 ? 0 : Number(this.seed % source.bigSize)
      if (source.size <= 1) continue
      if (!this.policy.alwaysWeighted && weightsAreEqual(source.hosts) && !this.slowStart.isActive(now)) continue
      const positions = Array.from({ length: source.size }, (_, i) => i)
      source.edf = createWithPicks(positions, source.weightAt, this.seed)
    }
  }

  setHosts(hosts: readonly HostState[]): void {
    this.hosts = hosts
    this.zone = buildZoneAware(hosts, this.config, this.ctx.random, this.zone.levels.length, this.makeSource)
    this.refresh()
  }

  pick(): number | undefined {
    const source = drawHostSource(this.zone, this.ctx.random)
    if (source.edf !== undefined) return source.indices[source.edf.pickAndAdd(source.weightAt) as number]
    if (source.size === 0) return undefined
    return source.indices[this.policy.unweightedPick(source)]
  }
}

/**
 * Builds a round_robin / least_request style balancer around `policy`.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/load_balancers
 */
export function createEdfBalancer(
  hosts: readonly HostState[],
  config: BalancerConfig,
  ctx: BalancerContext,
  policy: EdfPolicy,
): Balancer {
  return new EdfBalancer(hosts, config, ctx, policy)
}

/**
 * Envoy's unweighted round robin on a source: `hosts[index++ % n]`, the index starting at
 * the seed and surviving host changes (exact uint64 arithmetic, including wrap-around).
 */
export function roundRobinPosition(source: EdfSource): number {
  const k = source.rr.count++
  const n = source.size
  if (k >= source.rr.wrapAt) return (k - source.rr.wrapAt) % n
  return (source.rrSeedMod + (k % n)) % n
}
