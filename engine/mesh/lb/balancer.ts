/**
 * The host-picking load balancers of an Envoy cluster, behind one interface:
 * round_robin, least_request, random, ring_hash and maglev, each with Envoy's priority
 * levels, panic mode, locality weighting and (RR / LR) slow start.
 *
 * Random draws are consumed in Envoy's order, so a test that scripts `random()` as an
 * upstream unit test mocks it gets the same picks:
 *   construction — one per priority level for locality seeds (locality-weighted RR / LR /
 *   random only), then the seed (RR / LR only);
 *   setHosts — one per level for locality seeds (locality-weighted RR / LR / random);
 *   pick — one for priority selection (ring_hash / maglev: only without a hash, and the same
 *   value is the lookup hash), plus choiceCount (LR N_CHOICES) or one per tie (LR FULL_SCAN).
 * HostState objects are live: `active`, `pending` and `weight` are read at pick and EDF
 * re-insertion time; membership, health and priority changes take effect at setHosts.
 *
 * Complexity: see each policy file. Tie-breaking: see each policy file.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/load_balancing
 */
import type { Random64 } from '../random64'
import { createHashBalancer } from './hashBalancer'
import { createLeastRequestBalancer } from './leastRequest'
import { createRandomBalancer } from './random'
import { createRoundRobinBalancer } from './roundRobin'
import type { SlowStartConfig } from './slowStart'

/** One upstream host as the balancer sees it; the engine mutates it in place. */
export interface HostState {
  /** Address "ip:port" or hostname, used by hash policies. */
  key: string
  /** Load-balancing weight (Envoy ≥ 1; 0 here means "never pick", see priorityLevels.ts). */
  weight: number
  healthy: boolean
  /** Active requests (least_request). */
  active: number
  /** Pending requests, counted only with `countPendingRequests`. */
  pending?: number
  /** Time of the last passed health check, ms (slow start); unset = when first seen healthy. */
  lastHealthCheckPassMs?: number
  /** Locality name for locality-weighted balancing; localities are ordered by name. */
  locality?: string
  /** Priority level, default 0. */
  priority?: number
}

/** The balancer kinds, named as Envoy's `lb_policy` values. */
export type BalancerKind = 'round_robin' | 'least_request' | 'random' | 'ring_hash' | 'maglev'

/** Balancer options; each applies to the kinds noted, defaults are Envoy's. */
export interface BalancerConfig {
  /** least_request: samples per pick, default 2, must be ≥ 2. */
  choiceCount?: number
  /** least_request: exponent of (active + 1); setting it forces the weighted path. */
  activeRequestBias?: number
  /** least_request: unweighted selection, default 'N_CHOICES'. */
  selectionMethod?: 'N_CHOICES' | 'FULL_SCAN'
  /** least_request: add `pending` to `active`, default false. */
  countPendingRequests?: boolean
  /** Percent, default 50. */
  healthyPanicThreshold?: number
  /** Percent, default 140. */
  overprovisioningFactor?: number
  /** Enables locality-weighted balancing; a locality not listed has weight 0. */
  localityWeights?: Record<string, number>
  /** round_robin / least_request slow start. */
  slowStart?: SlowStartConfig
  /** ring_hash: defaults 1024 and 8388608. */
  minimumRingSize?: number
  maximumRingSize?: number
  /** ring_hash: default 'XX_HASH'. */
  hashFunction?: 'XX_HASH' | 'MURMUR_HASH_2'
  /** maglev: prime, default 65537; a non-prime size throws RangeError. */
  tableSize?: number
}

/** Injected randomness and time (Envoy's RandomGenerator and TimeSource). */
export interface BalancerContext {
  random: Random64
  nowMs: () => number
}

/** A load balancer over a host list. */
export interface Balancer {
  /**
   * Index into the current host list, or undefined when no host may be chosen.
   * `hash` is the request hash for ring_hash / maglev (without one they draw random()).
   * `attempt` > 0 is a host-selection retry: the ring takes (found + attempt) % size;
   * Maglev xors the hash with 2^64 − attempt; the other kinds ignore both arguments.
   */
  pick(hash?: bigint, attempt?: number): number | undefined
  /** Replace the host list (a membership change), as Envoy rebuilds its schedulers. */
  setHosts(hosts: readonly HostState[]): void
}

/**
 * Creates a load balancer of `kind` over `hosts`.
 *
 * @throws RangeError for an invalid choiceCount, maglev tableSize or ring size.
 * @example
 * const lb = createBalancer('round_robin', hosts, {}, { random: createSplitMix64(1n), nowMs: () => 0 })
 * const index = lb.pick() // index into hosts, or undefined
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/cluster.proto
 */
export function createBalancer(
  kind: BalancerKind,
  hosts: readonly HostState[],
  config: BalancerConfig,
  ctx: BalancerContext,
): Balancer {
  switch (kind) {
    case 'round_robin':
      return createRoundRobinBalancer(hosts, config, ctx)
    case 'least_request':
      return createLeastRequestBalancer(hosts, config, ctx)
    case 'random':
      return createRandomBalancer(hosts, config, ctx)
    case 'ring_hash':
    case 'maglev':
      return createHashBalancer(kind, hosts, config, ctx)
    default: {
      const unknown: never = kind
      throw new RangeError(`unknown balancer kind: ${String(unknown)}`)
    }
  }
}
