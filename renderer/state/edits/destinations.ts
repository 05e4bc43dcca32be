/**
 * Destination-policy edits (what becomes an Istio DestinationRule / an Envoy cluster):
 * balancer, connection pool, outlier detection and the rest. A destination entry is created
 * on the first edit and removed when nothing but its service name is left.
 */
import type { Destination, LoadBalancer, Scenario } from '../../../engine/index'
import { patchKeep } from './immutable'

type Policy = Omit<Destination, 'service'>

/** Changes fields of the destination policy of `service`. */
export function updateDestination(s: Scenario, service: string, patch: Partial<Policy>): Scenario {
  const existing = s.destinations?.find((d) => d.service === service)
  const next = patchKeep<Destination>(existing ?? { service }, patch)
  if (existing === next) return s
  const isEmpty = Object.keys(next).length === 1
  const others = (s.destinations ?? []).filter((d) => d.service !== service)
  if (isEmpty) return patchKeep(s, { destinations: others.length ? others : undefined })
  const destinations = existing ? (s.destinations ?? []).map((d) => (d === existing ? next : d)) : [...others, next]
  return { ...s, destinations }
}

/** Sets (or removes) the balancer of calls to `service`. */
export function setLbPolicy(s: Scenario, service: string, loadBalancer: LoadBalancer | undefined): Scenario {
  return updateDestination(s, service, { loadBalancer })
}

/** Sets (or removes) the connection-pool limits (circuit breakers) of `service`. */
export function setConnectionPool(s: Scenario, service: string, connectionPool: Destination['connectionPool']): Scenario {
  return updateDestination(s, service, { connectionPool })
}

/** Sets (or removes) outlier detection for `service`. */
export function setOutlierDetection(s: Scenario, service: string, outlierDetection: Destination['outlierDetection']): Scenario {
  return updateDestination(s, service, { outlierDetection })
}
