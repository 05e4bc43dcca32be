/**
 * Envoy ROUND_ROBIN, the default `lb_policy` of an Envoy cluster.
 *
 * Algorithm: per request one random() chooses the priority level (and the locality when
 * locality-weighted, see zoneAware.ts). Unweighted sources (all host weights equal, no host
 * in slow start) pick `hosts[(seed + k) mod n]` with k the source's pick counter, which
 * survives host changes; weighted sources use an EDF scheduler built with
 * `createWithPicks(hosts, weight, seed)` on every membership change, deadline 1/weight.
 * Weight changes without a membership change apply lazily, at each host's re-insertion.
 *
 * Tie-breaking: EDF FIFO (host-list order). Complexity: O(levels + log n) per pick, no
 * allocation.
 *
 * @example seed 1, three equal hosts → picks 1, 2, 0, 1; weights {1, 2}, seed 0 → 1, 0, 1, 1, 0, 1
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/round_robin/round_robin_lb.h
 */
import type { Balancer, BalancerConfig, BalancerContext, HostState } from './balancer'
import { createEdfBalancer, roundRobinPosition } from './edfBalancer'
import type { EdfPolicy } from './edfBalancer'

const roundRobinPolicy: EdfPolicy = {
  baseWeight: (host: HostState) => host.weight,
  alwaysWeighted: false,
  unweightedPick: roundRobinPosition,
}

/**
 * Creates an Envoy round-robin balancer. Draws: one random() per level for locality seeds
 * (locality-weighted only), one for the seed, then one per pick.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/load_balancers#weighted-round-robin
 */
export function createRoundRobinBalancer(
  hosts: readonly HostState[],
  config: BalancerConfig,
  ctx: BalancerContext,
): Balancer {
  return createEdfBalancer(hosts, config, ctx, roundRobinPolicy)
}
