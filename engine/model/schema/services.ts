/** Services, their versions (subsets) and the calls each makes downstream. */
import { z } from 'zod'
import { count, dnsLabel, duration, httpStatus, percent, port, positiveCount, size } from './primitives'

/** How long one request occupies a worker, drawn per request. */
export const serviceTimeSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('constant'), value: duration }),
    z.strictObject({ kind: z.literal('exponential'), mean: duration }),
    z.strictObject({
      kind: z.literal('lognormal'),
      p50: duration.describe('median service time'),
      p99: duration.describe('99th percentile; must be above p50'),
    }),
    z.strictObject({
      kind: z.literal('empirical'),
      samples: z.array(duration).min(1, { error: 'give at least one sample' }).describe('drawn uniformly'),
    }),
  ])
  .meta({ description: 'Service-time distribution: constant, exponential, lognormal (p50/p99) or empirical' })

/** One downstream call made while handling a request. */
export const callSchema = z
  .strictObject({
    to: dnsLabel.describe('the called service'),
    probability: percent.optional().describe('chance the call is made per request (default 100%)'),
    parallel: z.string().optional().describe('calls sharing a group name run concurrently; groups run in order'),
    required: z.boolean().optional().describe('a failed required call fails the caller (default true)'),
    path: z.string().optional().describe('request path, matched by routes (default /)'),
    method: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    requestSize: size.optional(),
  })
  .meta({ description: 'A downstream call' })

/** A version (subset) of a service: a Deployment in Kubernetes terms. */
export const versionSchema = z
  .strictObject({
    name: dnsLabel.describe('version label, e.g. v1'),
    replicas: count.optional().describe('pods of this version (default 1)'),
    concurrency: positiveCount.optional().describe('requests one replica serves at once (default 16)'),
    queue: count.optional().describe('requests that may wait per replica; overflow fails (default 128)'),
    serviceTime: serviceTimeSchema.optional(),
    errorRate: percent.optional().describe('chance a request fails on its own (default 0%)'),
    errorStatus: httpStatus.optional().describe('status of those failures (default 500)'),
    zones: z.array(dnsLabel).min(1).optional().describe('zones the replicas are spread over, in order'),
    calls: z.array(callSchema).optional().describe("overrides the service's calls for this version"),
    labels: z.record(z.string(), z.string()).optional(),
  })
  .meta({ description: 'A version (subset) of a service' })

/** A service: a Kubernetes Service selecting the pods of its versions. */
export const serviceSchema = z
  .strictObject({
    name: dnsLabel,
    namespace: dnsLabel.optional().describe('default: default'),
    port: port.optional().describe('default 8080'),
    protocol: z.enum(['http', 'http2', 'grpc', 'tcp']).optional().describe('default http'),
    versions: z.array(versionSchema).min(1, { error: 'a service needs at least one version' }),
    calls: z.array(callSchema).optional().describe('calls every version makes, unless the version overrides them'),
    position: z.strictObject({ x: z.number(), y: z.number() }).optional().describe('where the designer draws it'),
  })
  .meta({ description: 'A service' })
