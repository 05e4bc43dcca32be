/** Destination policy: what becomes an Istio DestinationRule / an Envoy cluster. */
import { z } from 'zod'
import { count, dnsLabel, duration, percent, positiveCount } from './primitives'

const hashOnSchema = z
  .strictObject({
    header: z.string().optional(),
    cookie: z.string().optional(),
    sourceIp: z.boolean().optional(),
    queryParameter: z.string().optional(),
  })
  .refine((h) => Object.values(h).filter((v) => v !== undefined && v !== false).length === 1, {
    error: 'hash on exactly one of header, cookie, sourceIp or queryParameter',
  })

/** The balancer and its options. `kind` values are Envoy's / Linkerd's names. */
export const loadBalancerSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('round_robin') }),
    z.strictObject({
      kind: z.literal('least_request'),
      choiceCount: z.int().min(2, { error: 'choiceCount is at least 2' }).optional(),
      activeRequestBias: z.number().min(0).optional(),
    }),
    z.strictObject({ kind: z.literal('random') }),
    z.strictObject({
      kind: z.literal('ring_hash'),
      hashOn: hashOnSchema.optional(),
      minimumRingSize: positiveCount.optional(),
      maximumRingSize: positiveCount.optional(),
      hashFunction: z.enum(['XX_HASH', 'MURMUR_HASH_2']).optional(),
    }),
    z.strictObject({ kind: z.literal('maglev'), hashOn: hashOnSchema.optional(), tableSize: positiveCount.optional() }),
    z.strictObject({ kind: z.literal('p2c_ewma'), defaultRtt: duration.optional(), decay: duration.optional() }),
  ])
  .meta({ description: 'Load balancer: round_robin, least_request, random, ring_hash, maglev or p2c_ewma (Linkerd)' })

export const connectionPoolSchema = z
  .strictObject({
    maxConnections: count.optional(),
    maxPendingRequests: count.optional(),
    maxRequests: count.optional(),
    maxRetries: count.optional(),
    maxRequestsPerConnection: count.optional(),
    connectTimeout: duration.optional(),
    retryBudget: z.strictObject({ percent: percent.optional(), minRetryConcurrency: count.optional() }).optional(),
  })
  .meta({ description: 'Connection-pool limits (Envoy circuit breakers)' })

export const outlierDetectionSchema = z
  .strictObject({
    consecutive5xxErrors: count.optional(),
    consecutiveGatewayErrors: count.optional(),
    interval: duration.optional(),
    baseEjectionTime: duration.optional(),
    maxEjectionTime: duration.optional(),
    maxEjectionPercent: percent.optional(),
    minHealthPercent: percent.optional().describe('Istio: becomes the panic threshold (default 0%)'),
    successRate: z
      .strictObject({
        minimumHosts: count.optional(),
        requestVolume: count.optional(),
        stdevFactor: z.number().min(0).optional(),
        enforcing: percent.optional(),
      })
      .optional(),
    failurePercentage: z
      .strictObject({
        threshold: percent.optional(),
        minimumHosts: count.optional(),
        requestVolume: count.optional(),
        enforcing: percent.optional(),
      })
      .optional(),
  })
  .meta({ description: 'Outlier detection (passive ejection of failing endpoints)' })

/** Linkerd's consecutive-failures breaker (failure accrual). */
export const failureAccrualSchema = z.strictObject({
  maxFailures: positiveCount.optional(),
  minPenalty: duration.optional(),
  maxPenalty: duration.optional(),
  jitterRatio: z.number().min(0).max(100).optional(),
})

/** Linkerd ServiceProfile retry budget. */
export const retryBudgetSchema = z.strictObject({
  retryRatio: z.number().min(0).max(1000),
  minRetriesPerSecond: count,
  ttl: duration,
})

const policyFields = {
  loadBalancer: loadBalancerSchema.optional(),
  connectionPool: connectionPoolSchema.optional(),
  outlierDetection: outlierDetectionSchema.optional(),
  tls: z.strictObject({ mode: z.enum(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']) }).optional(),
  slowStart: z
    .strictObject({ window: duration, aggression: z.number().positive().optional(), minWeightPercent: percent.optional() })
    .optional(),
}

export const destinationSchema = z
  .strictObject({
    service: dnsLabel,
    ...policyFields,
    failureAccrual: failureAccrualSchema.optional(),
    retryBudget: retryBudgetSchema.optional(),
    versions: z
      .array(z.strictObject({ name: dnsLabel, ...policyFields }))
      .optional()
      .describe('per-version (subset) overrides'),
  })
  .meta({ description: 'Policy for calls to one service' })
