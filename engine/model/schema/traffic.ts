/** Traffic sources: open-loop arrival processes and closed-loop users, with a request mix. */
import { z } from 'zod'
import { dnsLabel, duration, positiveCount, rate, weight } from './primitives'


/** How requests arrive. Open loop: the rate does not depend on responses. */
export const loadSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('constant'), rate }),
    z.strictObject({ kind: z.literal('poisson'), rate }),
    z.strictObject({ kind: z.literal('ramp'), from: rate, to: rate, over: duration }),
    z.strictObject({
      kind: z.literal('step'),
      steps: z.array(z.strictObject({ at: duration, rate })).min(1, { error: 'give at least one step' }),
    }),
    z.strictObject({ kind: z.literal('burst'), rate, burstRate: rate, every: duration, length: duration }),
    z.strictObject({
      kind: z.literal('closed_loop'),
      users: positiveCount.describe('concurrent users, each waiting for its response'),
      thinkTime: duration.describe('mean think time between a response and the next request (exponential)'),
    }),
  ])
  .meta({ description: 'Arrival process: constant, poisson, ramp, step, burst or closed_loop' })

/** One kind of request in a source's mix. */
export const mixEntrySchema = z.strictObject({
  path: z.string().optional(),
  method: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  weight: weight.describe('relative share of the source’s requests'),
})

/** A traffic source: where requests come from and which service they enter. */
export const trafficSourceSchema = z
  .strictObject({
    name: dnsLabel,
    to: dnsLabel.describe('the service the requests enter'),
    from: dnsLabel.optional().describe("a service name for in-mesh clients; 'ingress' (default) for edge traffic"),
    zone: dnsLabel.optional(),
    load: loadSchema,
    mix: z.array(mixEntrySchema).min(1).optional(),
    start: duration.optional(),
    stop: duration.optional(),
  })
  .meta({ description: 'A traffic source' })
