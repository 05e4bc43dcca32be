/** Traffic-source edits: where requests enter the mesh. */
import type { Scenario, TrafficSource } from '../../../engine/index'
import { patchKeep, updateWhere } from './immutable'
import { computeUniqueName } from './names'

/** What a new source sends: Poisson arrivals at 50 requests per second. */
export const NEW_SOURCE_LOAD: TrafficSource['load'] = { kind: 'poisson', rate: 50 }

/** Adds an ingress traffic source into `to`; returns the scenario and the source's name. */
export function addTrafficSource(s: Scenario, to: string, base = 'users'): { scenario: Scenario; name: string } {
  if (!s.services.some((x) => x.name === to)) return { scenario: s, name: '' }
  const name = computeUniqueName(base, (s.traffic ?? []).map((t) => t.name))
  return { scenario: { ...s, traffic: [...(s.traffic ?? []), { name, to, load: NEW_SOURCE_LOAD }] }, name }
}

/** Changes fields of the traffic source `name`. */
export function updateTrafficSource(s: Scenario, name: string, patch: Partial<TrafficSource>): Scenario {
  if (!s.traffic) return s
  return { ...s, traffic: updateWhere(s.traffic, (t) => t.name === name, (t) => patchKeep(t, patch)) }
}

/** Removes the traffic sources named in `names`. */
export function removeTrafficSources(s: Scenario, names: readonly string[]): Scenario {
  if (!s.traffic?.some((t) => names.includes(t.name))) return s
  return { ...s, traffic: s.traffic.filter((t) => !names.includes(t.name)) }
}
