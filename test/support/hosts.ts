/** Hosts and picks for the balancer tests. */
import type { Balancer, HostState } from '../../engine/mesh/lb/balancer'

/** A healthy idle host: `key`, `weight` (default 1), with `extra` laid over. */
export function makeHost(key: string, weight = 1, extra: Partial<HostState> = {}): HostState {
  return { key, weight, healthy: true, active: 0, ...extra }
}

/** `n` picks of `lb`, in order. */
export function takePicks(lb: Balancer, n: number): (number | undefined)[] {
  return Array.from({ length: n }, () => lb.pick())
}
