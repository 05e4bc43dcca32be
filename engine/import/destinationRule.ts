/**
 * A DestinationRule → a destination: its trafficPolicy (load balancer, warmup, connection
 * pool, retry budget, outlier detection, TLS mode) and, per subset (= version), the subset's
 * own trafficPolicy as a version override.
 */
import type { Destination, LoadBalancer, Service } from '../model/types'
import { durationField, isRecord, rec, records, report, unmapped } from './importContext'
import type { ImportContext, InputDoc } from './importContext'

type Obj = Record<string, unknown>
type Policy = Omit<Destination, 'service' | 'failureAccrual' | 'retryBudget' | 'versions'>
type HashOn = NonNullable<Extract<LoadBalancer, { kind: 'ring_hash' }>['hashOn']>

const SIMPLE: Record<string, LoadBalancer['kind'] | undefined> = {
  ROUND_ROBIN: 'round_robin', LEAST_REQUEST: 'least_request', LEAST_CONN: 'least_request', RANDOM: 'random',
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined
}

function hashOn(ctx: ImportContext, doc: InputDoc, ch: Obj, path: string): HashOn | undefined {
  if (typeof ch.httpHeaderName === 'string') return { header: ch.httpHeaderName }
  if (isRecord(ch.httpCookie)) {
    unmapped(ctx, doc, ch.httpCookie, ['name'], `${path}.httpCookie`)
    return { cookie: String(ch.httpCookie.name) }
  }
  if (ch.useSourceIp === true) return { sourceIp: true }
  if (typeof ch.httpQueryParameterName === 'string') return { queryParameter: ch.httpQueryParameterName }
  return undefined
}

function loadBalancer(ctx: ImportContext, doc: InputDoc, lb: Obj, path: string): LoadBalancer | undefined {
  unmapped(ctx, doc, lb, ['simple', 'consistentHash', 'warmup', 'warmupDurationSecs'], path)
  if (typeof lb.simple === 'string') {
    const kind = SIMPLE[lb.simple]
    if (!kind) report(ctx, doc, 'IMPORT_ISTIO_003', `load balancer ${lb.simple} is not modelled; ignored`, `${path}.simple`)
    return kind ? ({ kind } as LoadBalancer) : undefined
  }
  if (!isRecord(lb.consistentHash)) return undefined
  const ch = lb.consistentHash
  const cp = `${path}.consistentHash`
  unmapped(ctx, doc, ch, ['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName', 'ringHash', 'maglev', 'minimumRingSize'], cp)
  const key = hashOn(ctx, doc, ch, cp)
  if (isRecord(ch.maglev)) return { kind: 'maglev', hashOn: key, tableSize: num(ch.maglev.tableSize) }
  return { kind: 'ring_hash', hashOn: key, minimumRingSize: num(rec(ch, 'ringHash').minimumRingSize) ?? num(ch.minimumRingSize) }
}

function slowStart(ctx: ImportContext, doc: InputDoc, lb: Obj, path: string): Policy['slowStart'] {
  if (isRecord(lb.warmup)) {
    const window = durationField(ctx, doc, lb.warmup.duration, `${path}.warmup.duration`)
    if (window === undefined) return undefined
    return { window, aggression: num(lb.warmup.aggression), minWeightPercent: num(lb.warmup.minimumPercent) }
  }
  const window = durationField(ctx, doc, lb.warmupDurationSecs, `${path}.warmupDurationSecs`)
  return window === undefined ? undefined : { window }
}

function connectionPool(ctx: ImportContext, doc: InputDoc, tp: Obj, path: string): Policy['connectionPool'] {
  const cp = rec(tp, 'connectionPool')
  const tcp = rec(cp, 'tcp')
  const http = rec(cp, 'http')
  unmapped(ctx, doc, cp, ['tcp', 'http'], `${path}.connectionPool`)
  unmapped(ctx, doc, tcp, ['maxConnections', 'connectTimeout'], `${path}.connectionPool.tcp`)
  unmapped(ctx, doc, http, ['http1MaxPendingRequests', 'http2MaxRequests', 'maxRetries', 'maxRequestsPerConnection'], `${path}.connectionPool.http`)
  const budget = isRecord(tp.retryBudget) ? { percent: num(tp.retryBudget.percent), minRetryConcurrency: num(tp.retryBudget.minRetryConcurrency) } : undefined
  const out = {
    maxConnections: num(tcp.maxConnections),
    maxPendingRequests: num(http.http1MaxPendingRequests),
    maxRequests: num(http.http2MaxRequests),
    maxRetries: num(http.maxRetries),
    maxRequestsPerConnection: num(http.maxRequestsPerConnection),
    connectTimeout: durationField(ctx, doc, tcp.connectTimeout, `${path}.connectionPool.tcp.connectTimeout`),
    retryBudget: budget,
  }
  return Object.values(out).some((v) => v !== undefined) ? out : undefined
}

function outlierDetection(ctx: ImportContext, doc: InputDoc, od: Obj, path: string): Policy['outlierDetection'] {
  unmapped(ctx, doc, od, ['consecutive5xxErrors', 'consecutiveGatewayErrors', 'interval', 'baseEjectionTime', 'maxEjectionPercent', 'minHealthPercent'], path)
  return {
    consecutive5xxErrors: num(od.consecutive5xxErrors),
    consecutiveGatewayErrors: num(od.consecutiveGatewayErrors),
    interval: durationField(ctx, doc, od.interval, `${path}.interval`),
    baseEjectionTime: durationField(ctx, doc, od.baseEjectionTime, `${path}.baseEjectionTime`),
    maxEjectionPercent: num(od.maxEjectionPercent),
    minHealthPercent: num(od.minHealthPercent),
  }
}

const TLS_MODES = new Set(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'])

function policy(ctx: ImportContext, doc: InputDoc, tp: Obj, path: string): Policy {
  unmapped(ctx, doc, tp, ['loadBalancer', 'connectionPool', 'retryBudget', 'outlierDetection', 'tls'], path)
  const lb = rec(tp, 'loadBalancer')
  const tls = rec(tp, 'tls')
  unmapped(ctx, doc, tls, ['mode', 'credentialName'], `${path}.tls`)
  const out: Policy = {
    loadBalancer: loadBalancer(ctx, doc, lb, `${path}.loadBalancer`),
    connectionPool: connectionPool(ctx, doc, tp, path),
    outlierDetection: isRecord(tp.outlierDetection) ? outlierDetection(ctx, doc, tp.outlierDetection, `${path}.outlierDetection`) : undefined,
    tls: typeof tls.mode === 'string' && TLS_MODES.has(tls.mode) ? { mode: tls.mode as NonNullable<Policy['tls']>['mode'] } : undefined,
    slowStart: slowStart(ctx, doc, lb, `${path}.loadBalancer`),
  }
  return out
}

function clean<T extends object>(o: T): T {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip)
    if (!isRecord(v)) return v
    const entries = Object.entries(v).map(([k, x]) => [k, strip(x)] as const).filter(([, x]) => x !== undefined)
    return Object.fromEntries(entries)
  }
  return strip(o) as T
}

/** The destination a DestinationRule describes for `svc` (undefined when it sets nothing). */
export function importDestinationRule(ctx: ImportContext, doc: InputDoc, svc: Service): Destination | undefined {
  const spec = rec(doc.resource, 'spec')
  unmapped(ctx, doc, spec, ['host', 'trafficPolicy', 'subsets', 'exportTo'], 'spec')
  const base = isRecord(spec.trafficPolicy) ? policy(ctx, doc, spec.trafficPolicy, 'spec.trafficPolicy') : {}
  const versions: NonNullable<Destination['versions']> = []
  records(spec.subsets).forEach((s, i) => {
    const path = `spec.subsets[${i}]`
    unmapped(ctx, doc, s, ['name', 'labels', 'trafficPolicy'], path)
    const labels = rec(s, 'labels')
    if (labels.version !== s.name || Object.keys(labels).length !== 1) {
      report(ctx, doc, 'IMPORT_ISTIO_012', `subset '${String(s.name)}' is read as version '${String(s.name)}', but it selects ${JSON.stringify(labels)}`, `${path}.labels`)
    }
    if (!svc.versions.some((v) => v.name === s.name)) report(ctx, doc, 'IMPORT_ISTIO_012', `subset '${String(s.name)}' is no version of '${svc.name}' (no Deployment has that version label)`, `${path}.name`)
    if (isRecord(s.trafficPolicy)) versions.push({ name: String(s.name), ...policy(ctx, doc, s.trafficPolicy, `${path}.trafficPolicy`) })
  })
  const dest = clean({ service: svc.name, ...base, versions: versions.length ? versions : undefined })
  return Object.keys(dest).length > 1 ? dest : undefined
}
