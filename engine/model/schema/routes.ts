/** Routes: what becomes an Istio VirtualService or a Linkerd HTTPRoute / ServiceProfile. */
import { z } from 'zod'
import { count, dnsLabel, duration, httpStatus, percent, stringMatch, weight } from './primitives'
import { serviceTimeSchema } from './services'

/** Envoy `retry_on` condition names (HTTP and gRPC), as Istio's `retryOn` accepts them. */
export const RETRY_ON = [
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'retriable-4xx',
  'refused-stream', 'retriable-status-codes', 'retriable-headers', 'envoy-ratelimited',
  'cancelled', 'deadline-exceeded', 'resource-exhausted', 'unavailable', 'internal',
] as const

export const matchSchema = z
  .strictObject({
    path: stringMatch.optional(),
    method: z.string().optional(),
    headers: z.record(z.string(), stringMatch).optional(),
  })
  .meta({ description: 'Request match; all given conditions must hold' })

export const splitSchema = z.strictObject({
  version: dnsLabel.describe('a version of the routed service'),
  weight: weight.max(100, { error: 'a split weight is at most 100' }),
})

export const retriesSchema = z
  .strictObject({
    attempts: count.describe('retries after the first try; 0 turns retries off'),
    perTryTimeout: duration.optional(),
    retryOn: z.array(z.enum(RETRY_ON)).optional().describe('Envoy retry_on conditions'),
    retriableStatusCodes: z.array(httpStatus).optional(),
    backoff: z.strictObject({ base: duration, max: duration.optional() }).optional(),
    retryIgnorePreviousHosts: z.boolean().optional(),
  })
  .meta({ description: 'Retry policy' })

export const faultSchema = z
  .strictObject({
    delay: z
      .strictObject({
        percent,
        fixed: duration.optional(),
        distribution: serviceTimeSchema.optional().describe('a random delay (simulated; exported as its median)'),
      })
      .refine((d) => (d.fixed === undefined) !== (d.distribution === undefined), {
        error: 'give exactly one of fixed or distribution',
      })
      .optional(),
    abort: z.strictObject({ percent, httpStatus }).optional(),
    headers: z.record(z.string(), stringMatch).optional().describe('only requests with these headers are faulted'),
  })
  .meta({ description: 'Fault injection (Envoy fault filter)' })

export const routeRuleSchema = z
  .strictObject({
    name: z.string().optional(),
    match: z.array(matchSchema).min(1).optional().describe('any match selects the rule; none means all requests'),
    split: z.array(splitSchema).min(1, { error: 'a rule needs at least one destination' }),
    timeout: duration.optional().describe('whole-request timeout including retries'),
    retries: retriesSchema.optional(),
    fault: faultSchema.optional(),
    mirror: z.strictObject({ version: dnsLabel, percent: percent.optional() }).optional(),
  })
  .meta({ description: 'A route rule; the first rule that matches wins' })

export const routeSchema = z
  .strictObject({
    service: dnsLabel.describe('the service whose traffic this routes'),
    rules: z.array(routeRuleSchema).min(1, { error: 'a route needs at least one rule' }),
  })
  .meta({ description: 'Routing for one service' })
