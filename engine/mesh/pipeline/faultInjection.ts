/**
 * Stage 8 — fault injection (Envoy's HTTP fault filter, Istio `fault`): a delay and an
 * abort, each sampled independently per request with its percentage; the abort is sampled
 * after the delay has elapsed. The filter runs before the router, so a delayed request's
 * route timeout starts after the delay, and an aborted request never reaches a balancer
 * and is never retried (a local reply, flag FI; a delay sets DI).
 * Requests are faulted only when the fault's header conditions match (decided per call
 * site when the topology is compiled).
 * NOTE(model): a `distribution` delay is drawn per request (Envoy only has fixed delays;
 * the exporter writes its median). max_active_faults is not modelled.
 * Complexity: O(1).
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/fault_filter
 */
import type { Rng } from '../../kernel/rng'
import type { RouteRule } from '../../model/types'
import { compileDistribution, drawUs } from '../../traffic/distributions'
import type { FaultRt } from './types'

/** Compiles a rule's fault block. */
export function compileFault(f: RouteRule['fault']): FaultRt | null {
  if (!f || (!f.delay && !f.abort)) return null
  return {
    delayPercent: f.delay?.percent ?? 0,
    delayFixedUs: Math.round((f.delay?.fixed ?? 0) * 1000),
    delaySampler: f.delay?.distribution ? compileDistribution(f.delay.distribution) : null,
    abortPercent: f.abort?.percent ?? 0,
    abortStatus: f.abort?.httpStatus ?? 503,
  }
}

/** The injected delay of one request, µs (0 = not delayed). */
export function sampleDelayUs(f: FaultRt, rng: Rng): number {
  if (!rng.chance(f.delayPercent)) return 0
  return f.delaySampler ? drawUs(f.delaySampler, rng) : f.delayFixedUs
}

/** The injected abort status of one request, or 0 when it is not aborted. */
export function sampleAbort(f: FaultRt, rng: Rng): number {
  return rng.chance(f.abortPercent) ? f.abortStatus : 0
}

/** The fault-injection stage. */
export const faultInjectionStage = {
  kind: 'fault_injection',
  label: 'Fault injection',
  compileFault, sampleDelayUs, sampleAbort,
} as const
