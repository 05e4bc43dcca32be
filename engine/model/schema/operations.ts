/** Security, the faults timeline, rollouts and SLOs: what happens to and is asked of a topology. */
import { z } from 'zod'
import { count, dnsLabel, duration, httpStatus, percent, positiveCount } from './primitives'

const mtlsMode = z.enum(['STRICT', 'PERMISSIVE', 'DISABLE'])

export const securitySchema = z
  .strictObject({
    mtls: z
      .strictObject({
        mode: mtlsMode.describe('mesh-wide mode'),
        services: z.record(dnsLabel, mtlsMode).optional().describe('per-service overrides'),
      })
      .optional(),
    authorization: z
      .array(
        z.strictObject({
          name: z.string().optional(),
          service: dnsLabel.describe('the service the rule protects'),
          action: z.enum(['ALLOW', 'DENY']),
          from: z.array(z.string()).min(1).describe("calling services, 'ingress' or '*'"),
          paths: z.array(z.string()).optional(),
          methods: z.array(z.string()).optional(),
        }),
      )
      .optional(),
  })
  .meta({ description: 'mTLS and authorization' })

const target = { service: dnsLabel, version: dnsLabel.optional() }
/** One replica of the target (index over the target's replicas); omitted: every replica. */
const onlyReplica = count.optional().describe('only this replica index (default: every replica of the target)')

/** Events injected at a simulated time. `for` is how long an effect lasts. */
export const faultEventSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('crash'), at: duration, ...target,
      replica: count.optional().describe('replica index (default 0)'),
      restartAfter: duration.optional().describe('omit to stay down'),
    }),
    z.strictObject({
      kind: z.literal('latency'), at: duration, for: duration, ...target, replica: onlyReplica, add: duration,
    }),
    z.strictObject({
      kind: z.literal('error_burst'), at: duration, for: duration, ...target, replica: onlyReplica,
      rate: percent, status: httpStatus.optional(),
    }),
    z.strictObject({
      kind: z.literal('partition'), at: duration, for: duration,
      zones: z.tuple([dnsLabel, dnsLabel]).describe('the two zones that can no longer reach each other'),
    }),
    z.strictObject({
      kind: z.literal('slow_replica'), at: duration, for: duration, ...target,
      replica: count.optional(), factor: z.number().min(1).describe('service-time multiplier'),
    }),
    z.strictObject({
      kind: z.literal('rolling_deploy'), at: duration, ...target,
      batch: positiveCount.optional(), restartTime: duration.optional(),
    }),
  ])
  .meta({ description: 'A fault: crash, latency, error_burst, partition, slow_replica or rolling_deploy' })

const gates = z
  .strictObject({ maxErrorRate: percent.optional(), maxLatencyP99: duration.optional() })
  .optional()
  .describe('metric gates: breaching one rolls back')

export const rolloutSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('canary'), service: dnsLabel, from: dnsLabel, to: dnsLabel, start: duration.optional(),
      steps: z.array(z.strictObject({ weight: z.int().min(0).max(100), hold: duration })).min(1),
      gates,
    }),
    z.strictObject({
      kind: z.literal('blue_green'), service: dnsLabel, from: dnsLabel, to: dnsLabel, switchAt: duration, gates,
    }),
  ])
  .meta({ description: 'Progressive delivery: canary steps or a blue/green switch' })

export const sloSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('latency'), name: z.string(), service: dnsLabel,
      percentile: z.number().gt(0).lt(100), threshold: duration, window: duration.optional(),
    }),
    z.strictObject({
      kind: z.literal('success_rate'), name: z.string(), service: dnsLabel, objective: percent, window: duration.optional(),
    }),
  ])
  .meta({ description: 'Service-level objective: latency percentile or success rate' })
