/**
 * Keeping references whole: when a service or a version is renamed or removed, every place
 * that names it (calls, traffic, routes, destinations, security, faults, rollouts, SLOs)
 * follows, so an edit never leaves a dangling reference behind. Unchanged parts keep their
 * identity (see `mapKeep`).
 */
import type { Call, Scenario } from '../../../engine/index'
import { mapKeep, patchKeep } from './immutable'

/** Maps an old name to its new name, or to undefined to drop whatever refers to it. */
export type Rename = (name: string) => string | undefined

/** Renames (or drops) the references to services. */
export function mapServiceRefs(s: Scenario, rename: Rename): Scenario {
  const calls = (list: Call[] | undefined): Call[] | undefined =>
    mapKeep(list, (c) => {
      const to = rename(c.to)
      return to === undefined ? undefined : to === c.to ? c : { ...c, to }
    })
  const services = mapKeep(s.services, (svc) => {
    const versions = mapKeep(svc.versions, (v) => (v.calls ? patchKeep(v, { calls: calls(v.calls) }) : v))!
    return patchKeep(svc, { calls: calls(svc.calls), versions })
  })!
  const owned = <T extends { service: string }>(item: T): T | undefined => {
    const service = rename(item.service)
    return service === undefined ? undefined : patchKeep(item, { service } as Partial<T>)
  }
  const traffic = mapKeep(s.traffic, (t) => {
    const to = rename(t.to)
    const from = t.from === undefined || t.from === 'ingress' ? t.from : rename(t.from)
    if (to === undefined || (t.from !== undefined && from === undefined)) return undefined
    return patchKeep(t, { to, from })
  })
  const faults = mapKeep(s.faults, (f) => (f.kind === 'partition' ? f : owned(f)))
  return patchKeep(s, {
    services,
    traffic: nonEmpty(traffic),
    routes: nonEmpty(mapKeep(s.routes, owned)),
    destinations: nonEmpty(mapKeep(s.destinations, owned)),
    security: s.security && mapSecurity(s.security, rename),
    faults: nonEmpty(faults),
    rollouts: nonEmpty(mapKeep(s.rollouts, owned)),
    slos: nonEmpty(mapKeep(s.slos, owned)),
  })
}

/** A list emptied by the edit is left out of the file rather than written as `[]`. */
function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list?.length === 0 ? undefined : list
}

function mapSecurity(sec: NonNullable<Scenario['security']>, rename: Rename): NonNullable<Scenario['security']> {
  const overrides = sec.mtls?.services
  const renamed = overrides && Object.entries(overrides).flatMap(([name, mode]) => {
    const to = rename(name)
    return to === undefined ? [] : [[to, mode] as const]
  })
  const changed = renamed && (renamed.length !== Object.keys(overrides!).length || renamed.some(([k], i) => k !== Object.keys(overrides!)[i]))
  const mtls = sec.mtls && changed ? patchKeep(sec.mtls, { services: Object.fromEntries(renamed!) }) : sec.mtls
  const authorization = mapKeep(sec.authorization, (rule) => {
    const service = rename(rule.service)
    const from = mapKeep(rule.from, (f) => (f === '*' || f === 'ingress' ? f : rename(f)))!
    // A rule that no longer names any caller would be schema-invalid (min 1): it goes too.
    if (service === undefined || from.length === 0) return undefined
    return patchKeep(rule, { service, from })
  })
  return patchKeep(sec, { mtls, authorization })
}

/** Renames (or drops) references to versions of `service`. */
export function mapVersionRefs(s: Scenario, service: string, rename: Rename): Scenario {
  const routes = mapKeep(s.routes, (r) => {
    if (r.service !== service) return r
    const rules = mapKeep(r.rules, (rule) => {
      const split = mapKeep(rule.split, (sp) => {
        const version = rename(sp.version)
        return version === undefined ? undefined : patchKeep(sp, { version })
      })!
      if (split.length === 0) return undefined
      const mirrorTo = rule.mirror && rename(rule.mirror.version)
      const mirror = rule.mirror && mirrorTo !== undefined ? patchKeep(rule.mirror, { version: mirrorTo }) : undefined
      return patchKeep(rule, { split, mirror })
    })!
    return rules.length === 0 ? undefined : patchKeep(r, { rules })
  })
  const destinations = mapKeep(s.destinations, (d) => {
    if (d.service !== service || !d.versions) return d
    const versions = mapKeep(d.versions, (v) => {
      const name = rename(v.name)
      return name === undefined ? undefined : patchKeep(v, { name })
    })!
    return patchKeep(d, { versions: versions.length ? versions : undefined })
  })
  const faults = mapKeep(s.faults, (f) => {
    if (f.kind === 'partition' || f.service !== service || f.version === undefined) return f
    const version = rename(f.version)
    return version === undefined ? undefined : patchKeep(f, { version })
  })
  const rollouts = mapKeep(s.rollouts, (r) => {
    if (r.service !== service) return r
    const from = rename(r.from)
    const to = rename(r.to)
    return from === undefined || to === undefined ? undefined : patchKeep(r, { from, to })
  })
  return patchKeep(s, { routes: nonEmpty(routes), destinations, faults: nonEmpty(faults), rollouts: nonEmpty(rollouts) })
}
