/**
 * Diagnostics shared by the HAProxy and nginx exporters: each target prefixes its own
 * code area (`EXPORT_HAPROXY_NNN`, `EXPORT_NGINX_NNN`) and the numbers mean the same thing.
 *
 * | NNN | meaning |
 * |---|---|
 * | 001 | the edge service does not exist (error: nothing exported) |
 * | 002 | a retry condition the proxy cannot detect; left out |
 * | 003 | fault injection is not exported (the proxies cannot inject faults) |
 * | 004 | mirroring is not exported |
 * | 005 | a whole-request timeout with per-try timeouts: only per-try is enforced (HAProxy) |
 * | 006 | no timeout in the model: the proxy's own default applies |
 * | 007 | the balancer is approximated |
 * | 008 | max_ejection_percent cannot be enforced: every failing server may be ejected |
 * | 009 | passive detection differs (windowed or counted differently, no ejection back-off, needs an active check) |
 * | 010 | a match the proxy cannot express here; the rule is left out |
 * | 011 | the service's protocol is served as HTTP/1.1 |
 * | 012 | (retired: split weights are at most 100, within both proxies' range) |
 * | 013 | connection-pool limits are not exported |
 * | 014 | a version with no servers (0 replicas or no addresses) |
 * | 015 | a rollout of the edge service: the config carries the starting weights only |
 * | 016 | servers found through a headless Service's DNS: how pod changes are picked up |
 * | 017 | nginx: a request tries each server at most once, so fewer tries than attempts + 1 |
 * | 018 | nginx: a version with one pod is never taken out (max_fails ignored) |
 * | 019 | nginx: without retries 5xx answers never count towards max_fails |
 * | 020 | consecutive gateway errors counted together with other 5xx |
 */
import type { Diagnostic, Severity } from '../../model/diagnostics'
import type { Scenario } from '../../model/types'
import { destinationOf, exportNote } from '../facts/scenarioFacts'
import type { EdgePlan } from './edgePlan'

/** Collects a target's diagnostics, once per code and path. */
export class EdgeNotes {
  private readonly notes = new Map<string, Diagnostic>()
  constructor(private readonly area: 'HAPROXY' | 'NGINX') {}

  /** Records diagnostic `code` for `path`. */
  add(code: number, message: string, path: string, severity: Severity = 'warning'): void {
    const id = `EXPORT_${this.area}_${String(code).padStart(3, '0')}`
    if (!this.notes.has(`${id} ${path}`)) this.notes.set(`${id} ${path}`, exportNote(id, message, path, severity))
  }

  /** The diagnostics, sorted by code then path. */
  list(): Diagnostic[] {
    return [...this.notes.values()].sort((a, b) => (a.code + a.path < b.code + b.path ? -1 : 1))
  }
}

/** Go-like duration for proxy configs, in whole milliseconds or seconds: 2000 → `2s`, 500 → `500ms`. */
export function proxyDuration(ms: number): string {
  const whole = Math.max(1, Math.round(ms))
  return whole % 1000 === 0 ? `${whole / 1000}s` : `${whole}ms`
}

/** Notes about the edge service as a whole: its protocol and connection-pool limits. */
export function noteEdgeService(scenario: Scenario, plan: EdgePlan, notes: EdgeNotes): void {
  const svc = plan.service
  const si = scenario.services.indexOf(svc)
  if (svc.protocol && svc.protocol !== 'http') notes.add(11, `${svc.name} speaks ${svc.protocol}: the edge proxy is exported for HTTP/1.1`, `services[${si}].protocol`)
  ;(scenario.rollouts ?? []).forEach((r, i) => {
    if (r.service === svc.name) notes.add(15, `the ${r.kind} rollout (${r.from} → ${r.to}) is progressive delivery, not config: the proxy carries the route's starting weights`, `rollouts[${i}]`)
  })
  const dest = destinationOf(scenario, svc.name)
  if (dest?.destination.connectionPool) notes.add(13, 'connection-pool limits (circuit breakers) are not exported to the edge proxy', `destinations[${dest.index}].connectionPool`)
}
