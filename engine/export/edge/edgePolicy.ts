/**
 * The policy of one Envoy cluster an edge proxy reproduces: its balancer and its passive
 * failure detection, from the version's override of the destination, else the destination,
 * else the mesh profile — as the simulation resolves it (model/profiles.ts).
 */
import type { MeshProfileDefaults } from '../../model/profiles'
import type { LoadBalancer, Scenario, Service } from '../../model/types'
import { destinationOf, policyFor } from '../facts/scenarioFacts'
import type { PolicyFields } from '../facts/scenarioFacts'

/** Passive failure detection, from outlier detection or failure accrual. */
export interface EdgePassive {
  /** The smaller of the enabled consecutive-5xx and consecutive-gateway-error thresholds. */
  readonly consecutiveErrors: number
  /** consecutiveGatewayErrors is set: Envoy counts 502/503/504 apart from other 5xx. */
  readonly gatewayErrors: boolean
  readonly intervalMs: number
  readonly ejectionMs: number
  readonly maxEjectionPercent: number
  readonly path: string
}

/** A cluster's balancer (with the model path it comes from, `mesh` for the profile's default) and passive detection. */
export interface GroupPolicy {
  readonly loadBalancer: LoadBalancer
  readonly loadBalancerPath: string
  readonly passive?: EdgePassive
}

/** The policy of the cluster for `version` (undefined: the whole service), as the simulation resolves it. */
export function groupPolicy(scenario: Scenario, svc: Service, profile: MeshProfileDefaults, version?: string): GroupPolicy {
  const dest = destinationOf(scenario, svc.name)
  const vi = version === undefined ? -1 : (dest?.destination.versions ?? []).findIndex((v) => v.name === version)
  const own = vi >= 0 ? dest!.destination.versions![vi]! : undefined
  const policy = policyFor(dest?.destination, version)
  const at = (field: 'loadBalancer' | 'outlierDetection') => (own?.[field] ? `destinations[${dest!.index}].versions[${vi}].${field}` : `destinations[${dest?.index ?? 0}].${field}`)
  const passive = passiveOf(scenario, svc, profile, policy.outlierDetection, at('outlierDetection'))
  return {
    loadBalancer: policy.loadBalancer ?? profile.loadBalancer,
    loadBalancerPath: policy.loadBalancer ? at('loadBalancer') : 'mesh',
    ...(passive ? { passive } : {}),
  }
}

function passiveOf(scenario: Scenario, svc: Service, profile: MeshProfileDefaults, od: PolicyFields['outlierDetection'], odPath: string): EdgePassive | undefined {
  const dest = destinationOf(scenario, svc.name)
  if (!dest) return undefined
  if (od && profile.hasOutlierDetection) {
    // 0 turns a counter off; Envoy enforces consecutive 5xx by default (5), gateway errors only when set.
    const counts = [od.consecutive5xxErrors ?? 5, od.consecutiveGatewayErrors ?? 0].filter((n) => n > 0)
    if (counts.length === 0) return undefined
    return {
      consecutiveErrors: Math.min(...counts),
      gatewayErrors: (od.consecutiveGatewayErrors ?? 0) > 0,
      intervalMs: od.interval ?? 10_000,
      ejectionMs: od.baseEjectionTime ?? 30_000,
      maxEjectionPercent: od.maxEjectionPercent ?? 10,
      path: odPath,
    }
  }
  const fa = dest.destination.failureAccrual
  // Failure accrual is Linkerd's; other profiles ignore it, as the simulation does.
  if (!fa || profile.mesh !== 'linkerd') return undefined
  return {
    consecutiveErrors: fa.maxFailures ?? profile.failureAccrual.maxFailures,
    gatewayErrors: false,
    intervalMs: 1000,
    ejectionMs: fa.minPenalty ?? profile.failureAccrual.minPenaltyMs,
    maxEjectionPercent: 100,
    path: `destinations[${dest.index}].failureAccrual`,
  }
}
