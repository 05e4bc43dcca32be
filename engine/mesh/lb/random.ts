/**
 * Envoy RANDOM load balancer.
 *
 * Algorithm: one r = random() per pick, used both to choose the priority level
 * (`r mod 100 + 1` against cumulative load, then panic / locality as in zoneAware.ts) and
 * the host: `hosts[r mod n]`. Host weights are ignored; no seed is drawn at construction.
 *
 * Tie-breaking: none needed. Complexity: O(levels + log L) per pick, no allocation beyond
 * one bigint remainder (none with a fixed source and a stream that has `Random64.mod`).
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/random/random_lb.cc
 */
import { randomMod } from '../random64'
import type { Balancer, BalancerConfig, BalancerContext, HostState } from './balancer'
import { buildZoneAware, chooseHostSource } from './zoneAware'
import type { HostSource, ZoneAware } from './zoneAware'

const asIs = (source: HostSource): HostSource => source

class RandomBalancer implements Balancer {
  private zone: ZoneAware<HostSource>

  constructor(
    hosts: readonly HostState[],
    private readonly config: BalancerConfig,
    private readonly ctx: BalancerContext,
  ) {
    this.zone = buildZoneAware(hosts, config, ctx.random, 0, asIs)
  }

  setHosts(hosts: readonly HostState[]): void {
    this.zone = buildZoneAware(hosts, this.config, this.ctx.random, this.zone.levels.length, asIs)
  }

  pick(): number | undefined {
    const fixed = this.zone.fixed
    if (fixed !== undefined) {
      // A fixed source: the draw only chooses the position, so it is reduced without a bigint.
      if (fixed.size === 0) {
        randomMod(this.ctx.random, 1, 1n)
        return undefined
      }
      return fixed.indices[randomMod(this.ctx.random, fixed.size, fixed.bigSize)]
    }
    const r = this.ctx.random()
    const source = chooseHostSource(this.zone, r)
    if (source.size === 0) return undefined
    return source.indices[Number(r % source.bigSize)]
  }
}

/**
 * Creates an Envoy random balancer. Draws: one random() per level for locality seeds
 * (locality-weighted only), then exactly one per pick.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/load_balancers#random
 */
export function createRandomBalancer(
  hosts: readonly HostState[],
  config: BalancerConfig,
  ctx: BalancerContext,
): Balancer {
  return new RandomBalancer(hosts, config, ctx)
}
