/**
 * Locality-weighted round robin (Envoy `locality_weighted_lb_config`): the locality of a
 * request is chosen first, then a host inside it by the balancer's own algorithm.
 *
 * Formula: effective weight of locality i =
 *   localityWeightᵢ × min(1, overprovisioningFactor/100 × eligibleᵢ / (hostsᵢ − excludedᵢ))
 * (0 for a locality without usable hosts). Localities with effective weight 0 are dropped;
 * the rest go into an EDF scheduler built with `createWithPicks(localities, effective
 * weight, seed)`, one scheduler per priority level, rebuilt (with a fresh random seed) on
 * every host update. No scheduler is built when the level has no eligible host.
 *
 * Tie-breaking: EDF FIFO order, i.e. locality order (localities are ordered by name).
 * Complexity: build O(L log L), choose O(log L) for L localities.
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/common/locality_wrr.cc
 */
import { createWithPicks } from './edfScheduler'
import type { EdfScheduler } from './edfScheduler'

/** Host counts of one locality within a priority level. */
export interface LocalityCounts {
  /** Configured locality weight (0 when the locality has none). */
  weight: number
  /** Hosts eligible for the pick (healthy). */
  eligible: number
  /** Hosts in the locality minus excluded ones. */
  hosts: number
}

/** Chooses a locality index for each request. */
export interface LocalityScheduler {
  /** Index of the chosen locality in the level's (name-ordered) locality list. */
  choose(): number
}

/**
 * Envoy's `effectiveLocalityWeight`: the configured weight scaled down by the locality's
 * availability once fewer than 1/overprovisioning of its hosts are eligible.
 *
 * @example effectiveLocalityWeight({weight: 1, eligible: 3, hosts: 5}, 140) // 0.84
 */
export function effectiveLocalityWeight(locality: LocalityCounts, overprovisioningFactor: number): number {
  if (locality.hosts <= 0) return 0
  const ratio = (1.0 * locality.eligible) / locality.hosts
  return locality.weight * Math.min(1.0, (overprovisioningFactor / 100.0) * ratio)
}

interface LocalityEntry {
  readonly index: number
  readonly effectiveWeight: number
}

const entryWeight = (entry: LocalityEntry): number => entry.effectiveWeight

class EdfLocalityScheduler implements LocalityScheduler {
  constructor(private readonly edf: EdfScheduler<LocalityEntry>) {}

  choose(): number {
    // The scheduler is only built with at least one positive-weight entry.
    return (this.edf.pickAndAdd(entryWeight) as LocalityEntry).index
  }
}

/**
 * Builds the locality scheduler of one priority level, or `undefined` when no locality can
 * take traffic (no eligible host, or every effective weight is 0); the caller then falls
 * back to the level's healthy hosts, as Envoy does.
 *
 * @param seed the random() drawn for this level at construction or host update
 */
export function buildLocalityScheduler(
  localities: readonly LocalityCounts[],
  overprovisioningFactor: number,
  seed: bigint,
): LocalityScheduler | undefined {
  if (!localities.some((l) => l.eligible > 0)) return undefined
  const entries: LocalityEntry[] = []
  localities.forEach((locality, index) => {
    const effectiveWeight = effectiveLocalityWeight(locality, overprovisioningFactor)
    if (effectiveWeight > 0) entries.push({ index, effectiveWeight })
  })
  if (entries.length === 0) return undefined
  return new EdfLocalityScheduler(createWithPicks(entries, entryWeight, seed))
}
