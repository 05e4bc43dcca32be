/**
 * Destination policy → a DestinationRule `trafficPolicy` (networking.istio.io/v1): load
 * balancer (simple, or consistentHash with ringHash/maglev and its hash key), warmup (slow
 * start), connectionPool (Envoy circuit breakers), retryBudget, outlierDetection and TLS.
 * Only what the scenario states is written; Istio's own defaults apply to the rest.
 *
 * @see https://istio.io/latest/docs/reference/config/networking/destination-rule/
 */
import type { Destination, LbKind, LoadBalancer } from '../../model/types'
import type { PolicyFields } from '../facts/scenarioFacts'
import { ISTIO_CODES } from './istioCodes'
import { note, protoDuration } from './istioContext'
import type { IstioContext } from './istioContext'

type Obj = Record<string, unknown>
type HashOn = NonNullable<Extract<LoadBalancer, { kind: 'ring_hash' }>['hashOn']>

function hashKey(h: HashOn | undefined): Obj {
  if (!h) return {}
  if (h.header !== undefined) return { httpHeaderName: h.header }
  // NOTE(model): no ttl, so Envoy hashes an existing cookie but never sets one.
  if (h.cookie !== undefined) return { httpCookie: { name: h.cookie } }
  if (h.sourceIp) return { useSourceIp: true }
  return { httpQueryParameterName: h.queryParameter }
}

function isPrime(n: number): boolean {
  if (n < 2) return false
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false
  return true
}

type LbMapper<K extends LbKind> = (ctx: IstioContext, lb: Extract<LoadBalancer, { kind: K }>, path: string) => Obj

/** Every balancer kind decides its Istio form here; a new kind fails to compile until mapped. */
const LB: { [K in LbKind]: LbMapper<K> } = {
  round_robin: () => ({ simple: 'ROUND_ROBIN' }),
  random: () => ({ simple: 'RANDOM' }),
  least_request: (ctx, lb, path) => {
    if ((lb.choiceCount !== undefined && lb.choiceCount !== 2) || lb.activeRequestBias !== undefined) {
      note(ctx, ISTIO_CODES.leastRequestOptions, 'Istio cannot set least_request choiceCount or activeRequestBias; Envoy uses 2 choices and bias 1.0', path)
    }
    return { simple: 'LEAST_REQUEST' }
  },
  ring_hash: (ctx, lb, path) => {
    if (lb.maximumRingSize !== undefined) note(ctx, ISTIO_CODES.ringHashOptions, 'Istio cannot set maximumRingSize; Envoy uses 8M', `${path}.maximumRingSize`)
    if (lb.hashFunction !== undefined && lb.hashFunction !== 'XX_HASH') note(ctx, ISTIO_CODES.ringHashOptions, 'Istio cannot choose the ring hash function; Envoy uses XX_HASH', `${path}.hashFunction`)
    return { consistentHash: { ...hashKey(lb.hashOn), ringHash: lb.minimumRingSize !== undefined ? { minimumRingSize: lb.minimumRingSize } : {} } }
  },
  maglev: (ctx, lb, path) => {
    if (lb.tableSize !== undefined && !isPrime(lb.tableSize)) {
      note(ctx, ISTIO_CODES.maglevPrime, `maglev tableSize ${lb.tableSize} is not prime; Istio and Envoy reject it`, `${path}.tableSize`, 'error')
    }
    return { consistentHash: { ...hashKey(lb.hashOn), maglev: lb.tableSize !== undefined ? { tableSize: lb.tableSize } : {} } }
  },
  p2c_ewma: (ctx, _lb, path) => {
    note(ctx, ISTIO_CODES.p2cEwma, "Envoy has no peak-EWMA balancer: exported as LEAST_REQUEST (power of two choices over active requests, not Linkerd's latency EWMA)", path)
    return { simple: 'LEAST_REQUEST' }
  },
}

function loadBalancer(ctx: IstioContext, p: PolicyFields, path: string): Obj | undefined {
  const lb = p.loadBalancer
  const out: Obj = lb ? (LB[lb.kind] as LbMapper<LbKind>)(ctx, lb, `${path}.loadBalancer`) : {}
  if (p.slowStart) {
    if (lb && lb.kind !== 'round_robin' && lb.kind !== 'least_request') {
      note(ctx, ISTIO_CODES.slowStart, `Envoy applies slow start only to round robin and least request, not ${lb.kind}`, `${path}.slowStart`)
    }
    out.warmup = { duration: protoDuration(p.slowStart.window), aggression: p.slowStart.aggression, minimumPercent: p.slowStart.minWeightPercent }
  }
  return Object.keys(out).length ? out : undefined
}

function limit(ctx: IstioContext, v: number | undefined, path: string): number | undefined {
  if (v === 0 && ctx.scenario.mesh !== 'istio') note(ctx, ISTIO_CODES.zeroLimit, 'Istio treats a limit of 0 as no limit (2^32−1)', path)
  return v
}

function connectionPool(ctx: IstioContext, cp: NonNullable<PolicyFields['connectionPool']>, path: string): Obj {
  const tcp = { maxConnections: limit(ctx, cp.maxConnections, `${path}.maxConnections`), connectTimeout: cp.connectTimeout !== undefined ? protoDuration(cp.connectTimeout) : undefined }
  const http = {
    http1MaxPendingRequests: limit(ctx, cp.maxPendingRequests, `${path}.maxPendingRequests`),
    http2MaxRequests: limit(ctx, cp.maxRequests, `${path}.maxRequests`),
    maxRetries: limit(ctx, cp.maxRetries, `${path}.maxRetries`),
    maxRequestsPerConnection: cp.maxRequestsPerConnection,
  }
  const some = (o: Obj): Obj | undefined => (Object.values(o).some((v) => v !== undefined) ? o : undefined)
  return { tcp: some(tcp), http: some(http) }
}

function wholePercent(ctx: IstioContext, v: number | undefined, path: string): number | undefined {
  if (v === undefined || Number.isInteger(v)) return v
  note(ctx, ISTIO_CODES.rounded, `Istio takes a whole percentage: ${v}% exported as ${Math.round(v)}%`, path)
  return Math.round(v)
}

function outlierDetection(ctx: IstioContext, od: NonNullable<PolicyFields['outlierDetection']>, path: string): Obj {
  if (od.maxEjectionTime !== undefined) note(ctx, ISTIO_CODES.maxEjectionTime, "Istio cannot set maxEjectionTime; Envoy's default cap (300s) applies", `${path}.maxEjectionTime`)
  if (od.successRate) note(ctx, ISTIO_CODES.successRate, 'Istio always disables success-rate ejection', `${path}.successRate`)
  if (od.failurePercentage) note(ctx, ISTIO_CODES.successRate, 'Istio cannot configure failure-percentage ejection', `${path}.failurePercentage`)
  return {
    consecutive5xxErrors: od.consecutive5xxErrors,
    consecutiveGatewayErrors: od.consecutiveGatewayErrors,
    interval: od.interval !== undefined ? protoDuration(od.interval) : undefined,
    baseEjectionTime: od.baseEjectionTime !== undefined ? protoDuration(od.baseEjectionTime) : undefined,
    maxEjectionPercent: wholePercent(ctx, od.maxEjectionPercent, `${path}.maxEjectionPercent`),
    minHealthPercent: wholePercent(ctx, od.minHealthPercent, `${path}.minHealthPercent`),
  }
}

function tls(ctx: IstioContext, mode: NonNullable<PolicyFields['tls']>['mode'], service: string, path: string): Obj {
  if (mode !== 'MUTUAL') return { mode }
  const credentialName = `${service}-client-tls`
  note(ctx, ISTIO_CODES.mutualTls, `MUTUAL TLS needs a client certificate: exported with credentialName '${credentialName}', a Secret you must create`, path)
  return { mode, credentialName }
}

/**
 * The trafficPolicy for policy fields `p` (a destination or one of its versions), or
 * undefined when nothing is set. `path` is the model path of `p`.
 */
export function trafficPolicy(ctx: IstioContext, p: PolicyFields, service: string, path: string): Obj | undefined {
  const cp = p.connectionPool
  const out: Obj = {
    loadBalancer: loadBalancer(ctx, p, path),
    connectionPool: cp ? connectionPool(ctx, cp, `${path}.connectionPool`) : undefined,
    retryBudget: cp?.retryBudget ? { percent: cp.retryBudget.percent, minRetryConcurrency: cp.retryBudget.minRetryConcurrency } : undefined,
    outlierDetection: p.outlierDetection ? outlierDetection(ctx, p.outlierDetection, `${path}.outlierDetection`) : undefined,
    tls: p.tls ? tls(ctx, p.tls.mode, service, `${path}.tls.mode`) : undefined,
  }
  return Object.values(out).some((v) => v !== undefined) ? out : undefined
}

/** Diagnostics for the Linkerd-only fields of a destination (Istio has no equivalent). */
export function linkerdOnlyFields(ctx: IstioContext, d: Destination, path: string): void {
  if (d.retryBudget) note(ctx, ISTIO_CODES.retryBudget, "Istio has no Linkerd-style retry budget (ratio of requests); not exported — connectionPool.retryBudget is Envoy's concurrency budget", `${path}.retryBudget`)
  if (d.failureAccrual) note(ctx, ISTIO_CODES.failureAccrual, 'Istio has no failure accrual; not exported — outlierDetection (consecutive5xxErrors, baseEjectionTime) is the closest equivalent', `${path}.failureAccrual`)
}
