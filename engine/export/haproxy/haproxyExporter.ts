/**
 * HAProxy exporter: an edge proxy in front of one service (options.edgeService, default
 * the first traffic source's target), with Envoy's semantics (edge/edgePlan.ts): a rule
 * that splits over versions is a backend whose servers are per-version internal listeners
 * on 127.0.0.1, weighted by the split (round robin: exact shares); each version is a
 * `listen` section on its port with its own retries (`retries` + `retry-on` + `option
 * redispatch 1`: the next try goes to another server of the same version, as Envoy's
 * previous_hosts predicate) and passive detection, so a failing version fails its own share
 * instead of spilling onto the others, as in the simulation. A rule with one version (or a
 * service without a route) goes straight to that section. Outlier detection maps to
 * `observe layer7 error-limit N on-error mark-down` plus an active `option httpchk`
 * (HAProxy < 3.1 observes only a request's final answer, booked on the server it tried
 * first, haproxy#2679, so failures that retries hide must be found by the check): `fall N`
 * checks every interval mark a server down; a down server comes back after `rise` =
 * round(base ejection time / interval) + 1 good checks. Servers are the pods of the
 * version's headless Service (`server-template` + `resolvers`), or the given addresses.
 * Diagnostics: edge/edgeNotes.ts (`EXPORT_HAPROXY_NNN`).
 *
 * @see https://docs.haproxy.org/2.6/configuration.html
 */
import type { LbKind, LoadBalancer, Scenario } from '../../model/types'
import type { ExportOptions, ExportResult, ExporterDef, FileFinding } from '../types'
import { noteEdgeService, proxyDuration } from '../edge/edgeNotes'
import type { EdgeNotes } from '../edge/edgeNotes'
import type { EdgeGroup, EdgePlan, EdgeRule } from '../edge/edgePlan'
import { exportEdge } from '../edge/exportEdge'
import { haproxyGroupLines, haproxyMatchAcls, haproxySplitLines, sectionName } from './haproxyBackend'
import { lintHaproxy } from './lintHaproxy'

type Balance = (lb: LoadBalancer, notes: EdgeNotes, path: string) => string[]

function hashed(lb: LoadBalancer, notes: EdgeNotes, path: string): string[] {
  const on = lb.kind === 'ring_hash' || lb.kind === 'maglev' ? lb.hashOn : undefined
  if (lb.kind === 'maglev') notes.add(7, 'HAProxy hashes on a consistent ring (hash-type consistent), not a Maglev table', path)
  if (!on) {
    notes.add(7, 'a consistent-hash balancer without hashOn has nothing to hash: exported as balance random', path)
    return ['balance random']
  }
  if (on.header !== undefined) return [`balance hdr(${on.header})`, 'hash-type consistent']
  if (on.queryParameter !== undefined) return [`balance url_param ${on.queryParameter}`, 'hash-type consistent']
  if (on.cookie !== undefined) {
    notes.add(7, `HAProxy cannot hash one cookie: the whole Cookie header is hashed instead of '${on.cookie}'`, path)
    return ['balance hdr(Cookie)', 'hash-type consistent']
  }
  return ['balance source', 'hash-type consistent']
}

/** HAProxy `balance` per scenario balancer; a new `LbKind` fails to compile until mapped. */
const haproxyBalance: Record<LbKind, Balance> = {
  round_robin: () => ['balance roundrobin'],
  least_request: () => ['balance leastconn'],
  random: () => ['balance random'],
  ring_hash: hashed,
  maglev: hashed,
  p2c_ewma: (_lb, notes, path) => {
    notes.add(7, "HAProxy has no peak-EWMA balancer: exported as balance random(2), power of two choices on active connections", path)
    return ['balance random(2)']
  },
}

/** The backend a rule's requests go to first: its split, or its only version's section. */
function entryName(plan: EdgePlan, rule: EdgeRule): string {
  return rule.groups.length === 1 ? sectionName(plan.service.name, rule.name, rule.groups[0]!.name) : sectionName(plan.service.name, rule.name)
}

function ruleSections(plan: EdgePlan, rule: EdgeRule, notes: EdgeNotes): string[] {
  const balance = (g: EdgeGroup) => haproxyBalance[g.loadBalancer.kind](g.loadBalancer, notes, g.loadBalancerPath)
  if (rule.groups.length === 0) {
    notes.add(14, 'no version of the rule has servers: every request gets 503', rule.path)
    return ['', `backend ${entryName(plan, rule)}`, '    http-request return status 503']
  }
  if (rule.groups.length === 1) {
    return ['', `backend ${entryName(plan, rule)}`, ...haproxyGroupLines(plan, rule, rule.groups[0]!, balance(rule.groups[0]!), notes)]
  }
  const lines = ['', `# ${rule.name}: ${rule.groups.map((g) => `${g.name} ${g.weight}%`).join(', ')}; the version is picked once per request and keeps its retries`, `backend ${entryName(plan, rule)}`, ...haproxySplitLines(rule)]
  for (const g of rule.groups) {
    lines.push('', `listen ${sectionName(plan.service.name, rule.name, g.name)}`, `    bind ${g.hop!.address}:${g.hop!.port}`, ...haproxyGroupLines(plan, rule, g, balance(g), notes))
  }
  return lines
}

function render(scenario: Scenario, plan: EdgePlan, notes: EdgeNotes): string {
  const svc = plan.service
  const dns = plan.rules.some((r) => r.groups.some((g) => g.servers.some((s) => s.dns)))
  const lines = [
    `# Edge proxy for ${svc.name} (scenario ${scenario.name}, mesh ${scenario.mesh}), generated by meshsim.`,
    '# Check: haproxy -c -f haproxy.cfg    Run in the foreground: haproxy -db -f haproxy.cfg',
    'global',
    '    hard-stop-after 30s',
    '',
  ]
  // The cluster DNS (from the pod's resolv.conf) turns each headless Service into its pod IPs.
  if (dns) lines.push('resolvers cluster', '    parse-resolv-conf', '    accepted_payload_size 8192', '    hold valid 10s', '')
  lines.push(
    'defaults',
    '    mode http',
    `    timeout connect ${proxyDuration(plan.connectTimeoutMs)}`,
    '    timeout client 60s',
    '    timeout server 60s',
    `    timeout check ${proxyDuration(Math.min(plan.connectTimeoutMs, 5000))}`,
    '',
    'frontend edge',
    `    bind ${plan.listen.address}:${plan.listen.port}`,
  )
  let defaultBackend: string | undefined
  for (const rule of plan.rules) {
    const acls = haproxyMatchAcls(rule, entryName(plan, rule))
    if (acls === undefined) defaultBackend ??= entryName(plan, rule)
    else lines.push(...acls)
  }
  if (defaultBackend) lines.push(`    default_backend ${defaultBackend}`)
  for (const rule of plan.rules) lines.push(...ruleSections(plan, rule, notes))
  noteEdgeService(scenario, plan, notes)
  return `${lines.join('\n')}\n`
}

/** Exports the edge proxy as `haproxy.cfg`. */
export function exportHaproxy(scenario: Scenario, options: ExportOptions = {}): ExportResult {
  return exportEdge({ area: 'HAPROXY', path: 'haproxy.cfg', language: 'haproxy', render }, scenario, options)
}

/** The HAProxy exporter, registered in engine/export/index.ts. */
export const haproxyExporter: ExporterDef<'haproxy'> = {
  id: 'haproxy',
  label: 'HAProxy',
  description: 'an HAProxy edge proxy for one service: weighted versions, retries, passive and active health checks',
  export: exportHaproxy,
  validate: (files): FileFinding[] => files.flatMap((f) => lintHaproxy(f)),
}
