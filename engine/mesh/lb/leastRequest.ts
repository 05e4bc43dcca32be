/**
 * Envoy LEAST_REQUEST.
 *
 * Algorithm: per request one random() chooses the priority level (zoneAware.ts). Then:
 *  - Unweighted path (all weights equal, no slow start, no explicit active_request_bias):
 *    N_CHOICES (default, choiceCount 2 = P2C): draw choiceCount indices `random() mod n`
 *    with replacement; keep the first, replace it only by a sample with strictly fewer
 *    active requests. FULL_SCAN: scan every host, least active wins; the k-th host tied for
 *    least replaces the candidate when `random() mod k == 0` (reservoir sampling).
 *  - Weighted path: EDF (as round_robin) with
 *    `effective weight = weight / (active + 1)^bias` (bias 1 → weight/(active+1),
 *    bias 0 → weight), read when a host is (re)inserted, so it lags by one pick per host.
 *    An explicitly configured activeRequestBias forces this path (newest Envoy, runtime
 *    guard `least_request_lb_active_request_bias_forces_weighted` on by default).
 *  "active" is `active`, plus `pending` when countPendingRequests is set.
 *
 * Tie-breaking: earlier sample (N_CHOICES), uniform (FULL_SCAN), FIFO (EDF).
 * Complexity: O(choiceCount), O(n) for FULL_SCAN, O(log n) weighted; no allocation.
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/extensions/load_balancing_policies/least_request/least_request_lb.cc
 */
import { randomMod } from '../random64'
import type { Random64 } from '../random64'
import type { Balancer, BalancerConfig, BalancerContext, HostState } from './balancer'
import { createEdfBalancer } from './edfBalancer'
import type { EdfPolicy, EdfSource } from './edfBalancer'

/** Default `choice_count`. */
export const DEFAULT_CHOICE_COUNT = 2

const smallBigInts: bigint[] = []
/** Cached BigInt(k): reservoir sampling reduces a draw by a growing tie count. */
function bigIntOf(k: number): bigint {
  let big = smallBigInts[k]
  if (big === undefined) {
    big = BigInt(k)
    smallBigInts[k] = big
  }
  return big
}

type ActiveFn = (host: HostState) => number

function pickNChoices(source: EdfSource, choiceCount: number, random: Random64, active: ActiveFn): number {
  let candidate = -1
  let candidateActive = 0
  for (let c = 0; c < choiceCount; c++) {
    const pos = randomMod(random, source.size, source.bigSize)
    const sampledActive = active(source.hosts[pos] as HostState)
    if (candidate < 0 || sampledActive < candidateActive) {
      candidate = pos
      candidateActive = sampledActive
    }
  }
  return candidate
}

function pickFullScan(source: EdfSource, random: Random64, active: ActiveFn): number {
  let candidate = 0
  let candidateActive = active(source.hosts[0] as HostState)
  let tied = 1
  for (let pos = 1; pos < source.size; pos++) {
    const sampledActive = active(source.hosts[pos] as HostState)
    if (sampledActive < candidateActive) {
      tied = 1
      candidate = pos
      candidateActive = sampledActive
    } else if (sampledActive === candidateActive) {
      tied++
      if (randomMod(random, tied, bigIntOf(tied)) === 0) candidate = pos
    }
  }
  return candidate
}

/** Envoy: a negative or NaN runtime bias falls back to 1.0. */
function effectiveBias(bias: number | undefined): number {
  if (bias === undefined || bias < 0 || Number.isNaN(bias)) return 1.0
  return bias
}

function leastRequestPolicy(config: BalancerConfig, ctx: BalancerContext): EdfPolicy {
  const choiceCount = config.choiceCount ?? DEFAULT_CHOICE_COUNT
  if (!Number.isInteger(choiceCount) || choiceCount < 2) {
    throw new RangeError(`least_request choiceCount must be an integer >= 2, got ${choiceCount}`)
  }
  const bias = effectiveBias(config.activeRequestBias)
  const active: ActiveFn = config.countPendingRequests
    ? (host) => host.active + (host.pending ?? 0)
    : (host) => host.active
  const baseWeight = (host: HostState): number => {
    const requests = active(host) + 1
    if (bias === 1.0) return host.weight / requests
    if (bias !== 0.0) return host.weight / requests ** bias
    return host.weight
  }
  const fullScan = config.selectionMethod === 'FULL_SCAN'
  return {
    baseWeight,
    alwaysWeighted: config.activeRequestBias !== undefined,
    unweightedPick: fullScan
      ? (source) => pickFullScan(source, ctx.random, active)
      : (source) => pickNChoices(source, choiceCount, ctx.random, active),
  }
}

/**
 * Creates an Envoy least-request balancer. Draws: one random() per level for locality
 * seeds (locality-weighted only), one for the seed, then per pick one for the priority plus
 * choiceCount (N_CHOICES) or one per tie (FULL_SCAN) on the unweighted path.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/load_balancing/load_balancers#weighted-least-request
 */
export function createLeastRequestBalancer(
  hosts: readonly HostState[],
  config: BalancerConfig,
  ctx: BalancerContext,
): Balancer {
  return createEdfBalancer(hosts, config, ctx, leastRequestPolicy(config, ctx))
}
