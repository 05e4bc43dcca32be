/**
 * Call edits: the edges of the canvas. A call from service A to B lives in A's `calls`
 * (made by every version) and in the `calls` override of any version that has one, so
 * adding or removing "A calls B" applies to every version of A.
 */
import type { Call, Scenario, Service } from '../../../engine/index'
import { mapKeep, patchKeep, updateWhere } from './immutable'

/** True when some version of `from` calls `to`. */
export function hasCall(s: Scenario, from: string, to: string): boolean {
  const svc = s.services.find((x) => x.name === from)
  if (!svc) return false
  return svc.versions.some((v) => (v.calls ?? svc.calls ?? []).some((c) => c.to === to))
}

/** Why `from → to` cannot be added, or undefined when it can. */
export function explainConnectRefusal(s: Scenario, from: string, to: string): string | undefined {
  if (from === to) return `${from} cannot call itself`
  if (!s.services.some((x) => x.name === from) || !s.services.some((x) => x.name === to)) return 'both ends must be services'
  if (hasCall(s, from, to)) return `${from} already calls ${to}`
  return undefined
}

/** Adds "`from` calls `to`" for every version of `from`; unchanged when refused. */
export function addCall(s: Scenario, from: string, to: string): Scenario {
  if (explainConnectRefusal(s, from, to) !== undefined) return s
  const call: Call = { to }
  const add = (list: Call[] | undefined): Call[] => (list?.some((c) => c.to === to) ? list : [...(list ?? []), call])
  return {
    ...s,
    services: updateWhere(s.services, (x) => x.name === from, (x) => ({
      ...x,
      calls: add(x.calls),
      versions: x.versions.map((v) => (v.calls ? { ...v, calls: add(v.calls) } : v)),
    })),
  }
}

/** Removes every call from `from` to `to` (service-level and per-version). */
export function removeCall(s: Scenario, from: string, to: string): Scenario {
  const drop = (list: Call[] | undefined) => mapKeep(list, (c) => (c.to === to ? undefined : c))
  return {
    ...s,
    services: updateWhere(s.services, (x) => x.name === from, (x) => withCalls(x, drop)),
  }
}

/** Changes fields of every call from `from` to `to` (the target itself is fixed). */
export function updateCall(s: Scenario, from: string, to: string, patch: Partial<Omit<Call, 'to'>>): Scenario {
  const change = (list: Call[] | undefined) => mapKeep(list, (c) => (c.to === to ? patchKeep(c, patch) : c))
  return { ...s, services: updateWhere(s.services, (x) => x.name === from, (x) => withCalls(x, change)) }
}

/** The first call from `from` to `to` (service-level first), for forms that show one. */
export function findCall(s: Scenario, from: string, to: string): Call | undefined {
  const svc = s.services.find((x) => x.name === from)
  if (!svc) return undefined
  return svc.calls?.find((c) => c.to === to) ?? svc.versions.flatMap((v) => v.calls ?? []).find((c) => c.to === to)
}

function withCalls(svc: Service, fn: (list: Call[] | undefined) => Call[] | undefined): Service {
  const versions = mapKeep(svc.versions, (v) => (v.calls ? patchKeep(v, { calls: fn(v.calls) }) : v))!
  return patchKeep(svc, { calls: fn(svc.calls), versions })
}

/**
 * Gives version `version` of `service` its own call list (`calls` given), or with undefined
 * drops the override so the version makes the service's calls again.
 */
export function setVersionCalls(s: Scenario, service: string, version: string, calls: readonly Call[] | undefined): Scenario {
  return {
    ...s,
    services: updateWhere(s.services, (x) => x.name === service, (x) => ({
      ...x,
      versions: updateWhere(x.versions, (v) => v.name === version, (v) => patchKeep(v, { calls: calls && [...calls] })),
    })),
  }
}

/** The calls a version starts with when it gets its own list: a copy of the service's. */
export function computeVersionCallsStart(s: Scenario, service: string): Call[] {
  return [...(s.services.find((x) => x.name === service)?.calls ?? [])]
}

/** A call `service` could add to a call list: the first other service not already in it. */
export function computeNextCallTarget(s: Scenario, service: string, calls: readonly Call[] | undefined): string | undefined {
  return s.services.map((x) => x.name).find((n) => n !== service && !calls?.some((c) => c.to === n))
}
