/**
 * Destination policy → what Linkerd has of it: failure accrual (its circuit breaker) as
 * `balancer.linkerd.io/failure-accrual*` annotations on the service's Service (the same
 * Service the Kubernetes export writes, annotated), and a diagnostic for everything else —
 * Linkerd always balances with P2C over peak-EWMA, has no connection-pool limits, no slow
 * start, no per-version policy, and always mTLS between meshed pods.
 *
 * Outlier detection is approximated by failure accrual (consecutive 5xx → consecutive
 * failures, base / max ejection time → min / max penalty, Envoy's defaults 5, 30 s and 300 s
 * where unset), except in a Linkerd scenario, whose simulation ignores outlier detection too.
 *
 * @see https://linkerd.io/2/reference/circuit-breaking/
 */
import type { Destination, LbKind, LoadBalancer, Service } from '../../model/types'
import { serviceOf } from '../k8s/workloads'
import { LINKERD_CODES } from './linkerdCodes'
import { linkerdDuration, note } from './linkerdContext'
import type { LinkerdContext } from './linkerdContext'

type Obj = Record<string, unknown>
const ACCRUAL = 'balancer.linkerd.io/failure-accrual'

/** Each balancer kind's verdict; a new kind fails to compile until it is decided here. */
const BALANCER: Record<LbKind, (ctx: LinkerdContext, lb: LoadBalancer, path: string) => void> = {
  p2c_ewma: (ctx, lb, path) => {
    if (lb.kind === 'p2c_ewma' && (lb.defaultRtt !== undefined || lb.decay !== undefined)) {
      note(ctx, LINKERD_CODES.ewmaOptions, "Linkerd's EWMA default RTT and decay are proxy-wide settings, not per service; not exported", path)
    }
  },
  round_robin: (ctx, _lb, path) => unsupported(ctx, 'round robin', path),
  least_request: (ctx, _lb, path) => unsupported(ctx, 'least request', path),
  random: (ctx, _lb, path) => unsupported(ctx, 'random', path),
  ring_hash: (ctx, _lb, path) => unsupported(ctx, 'ring hash (consistent hashing)', path),
  maglev: (ctx, _lb, path) => unsupported(ctx, 'Maglev (consistent hashing)', path),
}

function unsupported(ctx: LinkerdContext, what: string, path: string): void {
  note(ctx, LINKERD_CODES.balancer, `Linkerd always balances with P2C over peak-EWMA latency; ${what} is not available`, path)
}

type Fields = Pick<Destination, 'loadBalancer' | 'connectionPool' | 'tls' | 'slowStart'>

function policyNotes(ctx: LinkerdContext, p: Fields, path: string): void {
  if (p.loadBalancer) BALANCER[p.loadBalancer.kind](ctx, p.loadBalancer, `${path}.loadBalancer`)
  if (p.connectionPool) note(ctx, LINKERD_CODES.connectionPool, 'Linkerd has no connection-pool limits (circuit-breaker thresholds); not exported', `${path}.connectionPool`)
  if (p.slowStart) note(ctx, LINKERD_CODES.slowStart, 'Linkerd has no slow start; not exported', `${path}.slowStart`)
  if (p.tls && (p.tls.mode === 'DISABLE' || p.tls.mode === 'SIMPLE')) {
    note(ctx, LINKERD_CODES.tls, `Linkerd always uses its own mTLS between meshed pods; TLS mode ${p.tls.mode} is not exported`, `${path}.tls.mode`)
  }
}

function accrualAnnotations(ctx: LinkerdContext, d: Destination, path: string): Record<string, string> | undefined {
  const fa = d.failureAccrual
  const od = d.outlierDetection
  if (fa) {
    if (od) note(ctx, LINKERD_CODES.outlierDropped, 'failureAccrual is exported; outlier detection has no separate Linkerd form', `${path}.outlierDetection`)
    const out: Record<string, string> = { [ACCRUAL]: 'consecutive' }
    if (fa.maxFailures !== undefined) out[`${ACCRUAL}-consecutive-max-failures`] = String(fa.maxFailures)
    if (fa.minPenalty !== undefined) out[`${ACCRUAL}-consecutive-min-penalty`] = linkerdDuration(ctx, fa.minPenalty, `${path}.failureAccrual.minPenalty`)
    if (fa.maxPenalty !== undefined) out[`${ACCRUAL}-consecutive-max-penalty`] = linkerdDuration(ctx, fa.maxPenalty, `${path}.failureAccrual.maxPenalty`)
    if (fa.jitterRatio !== undefined) out[`${ACCRUAL}-consecutive-jitter-ratio`] = String(fa.jitterRatio)
    return out
  }
  if (!od) return undefined
  if (ctx.scenario.mesh === 'linkerd') {
    note(ctx, LINKERD_CODES.outlierDropped, 'Linkerd has no outlier detection (the Linkerd simulation ignores it too); use failureAccrual', `${path}.outlierDetection`)
    return undefined
  }
  const dropped = (['interval', 'maxEjectionPercent', 'minHealthPercent', 'consecutiveGatewayErrors', 'successRate', 'failurePercentage'] as const).filter((k) => od[k] !== undefined)
  note(ctx, LINKERD_CODES.outlierApprox, `approximated by Linkerd failure accrual: consecutive 5xx → max failures, base/max ejection time → min/max penalty (Linkerd backs off exponentially)${dropped.length ? `; not exported: ${dropped.join(', ')}` : ''}`, `${path}.outlierDetection`)
  return {
    [ACCRUAL]: 'consecutive',
    [`${ACCRUAL}-consecutive-max-failures`]: String(od.consecutive5xxErrors ?? 5),
    [`${ACCRUAL}-consecutive-min-penalty`]: linkerdDuration(ctx, od.baseEjectionTime ?? 30_000, `${path}.outlierDetection.baseEjectionTime`),
    [`${ACCRUAL}-consecutive-max-penalty`]: linkerdDuration(ctx, od.maxEjectionTime ?? 300_000, `${path}.outlierDetection.maxEjectionTime`),
  }
}

/**
 * Diagnostics for a destination, and its annotated Service when it asks for failure
 * accrual (or outlier detection approximated by it).
 */
export function destinationResources(ctx: LinkerdContext, svc: Service, d: Destination, path: string): Obj[] {
  policyNotes(ctx, d, path)
  ;(d.versions ?? []).forEach((v, k) => {
    const { name: _name, ...fields } = v
    if (Object.values(fields).some((x) => x !== undefined)) note(ctx, LINKERD_CODES.perVersion, 'Linkerd policy applies to the whole Service, not per version; not exported', `${path}.versions[${k}]`)
  })
  const annotations = accrualAnnotations(ctx, d, path)
  if (!annotations) return []
  const service = serviceOf(svc, ctx.options)
  const metadata = service.metadata as Obj
  return [{ ...service, metadata: { ...metadata, annotations } }]
}
