/**
 * Service-time distributions where the model uses them: a version's service time and a route
 * rule's injected delay, which is either `fixed` or a `distribution` (exactly one).
 */
import type { RouteRule, ServiceTime } from '../../../engine/index'

export const SERVICE_TIME_KINDS = ['constant', 'exponential', 'lognormal', 'empirical'] as const
export type ServiceTimeKind = (typeof SERVICE_TIME_KINDS)[number]

/** What a distribution starts with when its kind is picked (round, realistic numbers). */
export const SERVICE_TIME_STARTERS: Readonly<Record<ServiceTimeKind, ServiceTime>> = {
  constant: { kind: 'constant', value: 10 },
  exponential: { kind: 'exponential', mean: 10 },
  lognormal: { kind: 'lognormal', p50: 5, p99: 25 },
  empirical: { kind: 'empirical', samples: [5, 10, 20] },
}

export type Delay = NonNullable<NonNullable<RouteRule['fault']>['delay']>
export type DelayKind = 'fixed' | ServiceTimeKind

/** The kind of an injected delay: `fixed`, or its distribution's kind. */
export function getDelayKind(delay: Delay): DelayKind {
  return delay.distribution?.kind ?? 'fixed'
}

/**
 * The delay switched to `kind`, keeping its share: a fixed delay (100ms) or a distribution's
 * starter, never both, so the model's "exactly one of fixed or distribution" holds.
 */
export function setDelayKind(delay: Delay, kind: DelayKind): Delay {
  if (kind === getDelayKind(delay)) return delay
  if (kind === 'fixed') return { percent: delay.percent, fixed: 100 }
  return { percent: delay.percent, distribution: SERVICE_TIME_STARTERS[kind] }
}
