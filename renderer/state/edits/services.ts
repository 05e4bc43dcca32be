/**
 * Service and version edits. Pure functions `(scenario, …) → scenario` that keep the model
 * schema-valid and its references whole (a removed service takes its calls, routes,
 * policies, faults and traffic with it; a renamed one is renamed everywhere).
 */
import type { Scenario, Service, Version } from '../../../engine/index'
import { mapKeep, patchKeep, updateWhere } from './immutable'
import { computeNextVersionName, computeUniqueName } from './names'
import { mapServiceRefs, mapVersionRefs } from './references'

/** A point on the canvas, in flow coordinates. */
export interface Point {
  readonly x: number
  readonly y: number
}

/** What a new service starts with: one version, one replica, a realistic service time. */
export const NEW_VERSION: Version = { name: 'v1', replicas: 1, serviceTime: { kind: 'lognormal', p50: 5, p99: 25 } }

/** A fresh service name (`service`, `service-2`, …) not used in `s`. */
export function computeNewServiceName(s: Scenario, base = 'service'): string {
  return computeUniqueName(base, s.services.map((x) => x.name))
}

/** Adds a service named `name` at `position` (the name must be free: see `computeNewServiceName`). */
export function addService(s: Scenario, name: string, position?: Point): Scenario {
  if (s.services.some((x) => x.name === name)) return s
  const service: Service = { name, versions: [NEW_VERSION], ...(position ? { position: roundPoint(position) } : {}) }
  return { ...s, services: [...s.services, service] }
}

/** Removes the named services and everything that refers to them. */
export function removeServices(s: Scenario, names: readonly string[]): Scenario {
  const gone = new Set(names)
  if (!s.services.some((x) => gone.has(x.name))) return s
  const kept = { ...s, services: s.services.filter((x) => !gone.has(x.name)) }
  return mapServiceRefs(kept, (name) => (gone.has(name) ? undefined : name))
}

/** Renames a service everywhere; unchanged when `to` is taken. */
export function renameService(s: Scenario, from: string, to: string): Scenario {
  if (from === to || s.services.some((x) => x.name === to) || !s.services.some((x) => x.name === from)) return s
  return mapServiceRefs(
    { ...s, services: updateWhere(s.services, (x) => x.name === from, (x) => ({ ...x, name: to })) },
    (name) => (name === from ? to : name),
  )
}

/** Changes fields of a service other than its name, versions and calls. */
export function updateService(s: Scenario, name: string, patch: Partial<Omit<Service, 'name' | 'versions'>>): Scenario {
  return { ...s, services: updateWhere(s.services, (x) => x.name === name, (x) => patchKeep(x, patch)) }
}

/** Writes canvas positions into the services' `position` (the designer's layout is saved in the file). */
export function moveServices(s: Scenario, positions: ReadonlyMap<string, Point>): Scenario {
  const services = mapKeep(s.services, (x) => {
    const p = positions.get(x.name)
    if (!p) return x
    const next = roundPoint(p)
    return x.position?.x === next.x && x.position.y === next.y ? x : { ...x, position: next }
  })!
  return services === s.services ? s : { ...s, services }
}

/** Adds a version to a service, copying the last version's capacity and service time. */
export function addVersion(s: Scenario, service: string, name?: string): Scenario {
  return {
    ...s,
    services: updateWhere(s.services, (x) => x.name === service, (x) => {
      const last = x.versions[x.versions.length - 1]!
      const versionName = name ?? computeNextVersionName(x.versions.map((v) => v.name))
      if (x.versions.some((v) => v.name === versionName)) return x
      const { calls: _calls, name: _name, ...capacity } = last
      return { ...x, versions: [...x.versions, { name: versionName, ...capacity }] }
    }),
  }
}

/** Removes a version (never the last one: a service needs at least one) and what refers to it. */
export function removeVersion(s: Scenario, service: string, version: string): Scenario {
  const svc = s.services.find((x) => x.name === service)
  if (!svc || svc.versions.length <= 1 || !svc.versions.some((v) => v.name === version)) return s
  const kept = {
    ...s,
    services: updateWhere(s.services, (x) => x.name === service, (x) => ({ ...x, versions: x.versions.filter((v) => v.name !== version) })),
  }
  return mapVersionRefs(kept, service, (name) => (name === version ? undefined : name))
}

/** Renames a version of a service everywhere; unchanged when the name is taken. */
export function renameVersion(s: Scenario, service: string, from: string, to: string): Scenario {
  const svc = s.services.find((x) => x.name === service)
  if (!svc || from === to || svc.versions.some((v) => v.name === to)) return s
  const renamed = {
    ...s,
    services: updateWhere(s.services, (x) => x.name === service, (x) => ({
      ...x,
      versions: updateWhere(x.versions, (v) => v.name === from, (v) => ({ ...v, name: to })),
    })),
  }
  return mapVersionRefs(renamed, service, (name) => (name === from ? to : name))
}

/** Changes fields of a version other than its name. */
export function updateVersion(s: Scenario, service: string, version: string, patch: Partial<Omit<Version, 'name'>>): Scenario {
  return {
    ...s,
    services: updateWhere(s.services, (x) => x.name === service, (x) => ({
      ...x,
      versions: updateWhere(x.versions, (v) => v.name === version, (v) => patchKeep(v, patch)),
    })),
  }
}

/**
 * Pastes copies of `copied` services shifted by `offset`, with fresh names. Calls between
 * copied services point at the copies; calls to other services stay. Returns the new names.
 */
export function pasteServices(s: Scenario, copied: readonly Service[], offset: Point): { scenario: Scenario; names: string[] } {
  const taken = new Set(s.services.map((x) => x.name))
  const renames = new Map<string, string>()
  for (const c of copied) {
    const name = computeUniqueName(c.name, taken)
    taken.add(name)
    renames.set(c.name, name)
  }
  const existing = new Set(s.services.map((x) => x.name))
  const target = (to: string) => renames.get(to) ?? (existing.has(to) ? to : undefined)
  const copies = copied.map((c, i): Service => {
    const calls = (list: Service['calls']) => mapKeep(list, (call) => {
      const to = target(call.to)
      return to === undefined ? undefined : { ...call, to }
    })
    const at = c.position ?? { x: i * 40, y: i * 40 }
    return patchKeep(
      { ...c, name: renames.get(c.name)!, position: roundPoint({ x: at.x + offset.x, y: at.y + offset.y }) },
      { calls: calls(c.calls), versions: c.versions.map((v) => (v.calls ? patchKeep(v, { calls: calls(v.calls) }) : v)) },
    )
  })
  return { scenario: { ...s, services: [...s.services, ...copies] }, names: [...renames.values()] }
}

function roundPoint(p: Point): Point {
  return { x: Math.round(p.x), y: Math.round(p.y) }
}
