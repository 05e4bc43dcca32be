/**
 * HAProxy sections for one route rule: the frontend ACLs that select it, the split (a
 * backend whose servers are the per-version internal listeners, weighted round robin), and
 * per version (Envoy cluster) the section holding its retries, timeouts, health checks and
 * servers — a `listen` bound to the internal port when the rule splits, else a `backend`.
 */
import { proxyDuration } from '../edge/edgeNotes'
import type { EdgeNotes } from '../edge/edgeNotes'
import type { EdgeGroup, EdgePlan, EdgeRule } from '../edge/edgePlan'
import { haproxyRetryKeywords } from './haproxyRetry'

function quote(v: string): string {
  return /^[A-Za-z0-9_./:-]+$/.test(v) ? v : `"${v.replace(/(["\\])/g, '\\$1')}"`
}

type StringMatch = { exact?: string; prefix?: string; regex?: string }

function matcher(m: StringMatch): string {
  if (m.exact !== undefined) return `-m str ${quote(m.exact)}`
  if (m.prefix !== undefined) return `-m beg ${quote(m.prefix)}`
  return `-m reg ${quote(m.regex ?? '.*')}`
}

/** A section name from parts (HAProxy allows letters, digits, `_.:-`). */
export function sectionName(...parts: string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_.:-]/g, '_')
}

/** `acl` and `use_backend` lines selecting `backend`; undefined when the rule matches everything. */
export function haproxyMatchAcls(rule: EdgeRule, backend: string): string[] | undefined {
  const matches = rule.rule?.match
  if (!matches?.length) return undefined
  const lines: string[] = []
  for (const [mi, m] of matches.entries()) {
    const prefix = `${backend}_m${mi}`
    const names: string[] = []
    if (m.path) {
      const kind = m.path.exact !== undefined ? 'path' : m.path.prefix !== undefined ? 'path_beg' : 'path_reg'
      lines.push(`    acl ${prefix}_path ${kind} ${quote(m.path.exact ?? m.path.prefix ?? m.path.regex ?? '')}`)
      names.push(`${prefix}_path`)
    }
    if (m.method) {
      lines.push(`    acl ${prefix}_method method ${m.method}`)
      names.push(`${prefix}_method`)
    }
    Object.keys(m.headers ?? {}).sort().forEach((h, hi) => {
      lines.push(`    acl ${prefix}_h${hi} req.hdr(${h}) ${matcher(m.headers![h]!)}`)
      names.push(`${prefix}_h${hi}`)
    })
    if (!names.length) return undefined
    lines.push(`    use_backend ${backend} if ${names.join(' ')}`)
  }
  return lines
}

/**
 * How long the split may wait for a version's answer: the whole-request timeout, else
 * every try's timeout (HAProxy's default 60 s when there is none).
 */
function splitTimeoutMs(rule: EdgeRule): number {
  return rule.timeoutMs || (rule.perTryTimeoutMs || 60_000) * (rule.attempts + 1)
}

/**
 * The split backend: one server per version, the internal listener, weighted by the split.
 * No retries, checks or ejection here: Envoy picks the version once and never moves a
 * request to another; `timeout server` is the whole-request timeout across the version's tries.
 */
export function haproxySplitLines(rule: EdgeRule): string[] {
  return [
    '    balance roundrobin',
    '    retries 0',
    `    timeout server ${proxyDuration(splitTimeoutMs(rule))}`,
    ...rule.groups.map((g) => `    server ${g.name} ${g.hop!.address}:${g.hop!.port} weight ${g.splitWeight}`),
  ]
}

function noteRule(rule: EdgeRule, notes: EdgeNotes): void {
  const retry = haproxyRetryKeywords(rule.retryOn, rule.retriableStatusCodes)
  const retriesAt = rule.rule?.retries ? `${rule.path}.retries` : 'mesh'
  if (retry.unsupported.length && rule.attempts > 0) {
    notes.add(2, `HAProxy cannot retry on ${retry.unsupported.join(', ')} (gRPC status, HTTP/2 resets, 409 and headers are invisible to retry-on); left out`, retriesAt)
  }
  const split = rule.groups.length > 1
  if (rule.perTryTimeoutMs && rule.timeoutMs && !split) notes.add(5, `HAProxy has no whole-request timeout across retries: 'timeout server' is the per-try timeout ${proxyDuration(rule.perTryTimeoutMs)}; the ${proxyDuration(rule.timeoutMs)} overall limit is not enforced`, `${rule.path}.timeout`)
  if (!rule.perTryTimeoutMs && !rule.timeoutMs) notes.add(6, 'the route sets no timeout: HAProxy needs one, so timeout server is 60s', rule.path)
  if (rule.rule?.fault) notes.add(3, 'HAProxy cannot inject faults: the rule is exported without them', `${rule.path}.fault`)
  if (rule.rule?.mirror) notes.add(4, 'HAProxy cannot mirror requests: not exported', `${rule.path}.mirror`)
  for (const s of rule.idle) if (s.weight > 0) notes.add(14, `version ${s.version} has no servers (0 replicas or no addresses): its ${s.weight}% share goes to the others`, `${rule.path}.split`)
}

function passiveLines(group: EdgeGroup, notes: EdgeNotes): string[] {
  const passive = group.passive
  if (!passive) return []
  const n = passive.consecutiveErrors
  const base = proxyDuration(passive.ejectionMs)
  if (passive.gatewayErrors) notes.add(20, `HAProxy cannot count gateway errors (502, 503, 504) apart from other 5xx: every 5xx counts towards the ${n} consecutive errors`, passive.path)
  if (passive.maxEjectionPercent < 100) notes.add(8, `HAProxy cannot cap ejections at ${passive.maxEjectionPercent}%: every failing server may be marked down`, `${passive.path}.maxEjectionPercent`)
  const every = proxyDuration(passive.intervalMs)
  // A server marked down by observe layer7 is checked at its next regular check (within
  // `inter`, fastinter and downinter default to it) and needs `rise` good checks in a row:
  // with rise = round(base / interval) + 1 it stays out base to base + interval, as Envoy's
  // first ejection does (a host returns on the first interval tick at least base after it).
  const rise = Math.round(passive.ejectionMs / passive.intervalMs) + 1
  notes.add(9, `passive detection: HAProxy < 3.1 observes one answer per request, the one the client gets, and books it on the server the request tried first (haproxy#2679): ${n} such 5xx in a row mark a server down (observe layer7 error-limit ${n} on-error mark-down), but a server whose failures retries hide is never marked down that way, only by ${n} failed /health checks ${every} apart (Envoy counts every try). A server marked down returns after ${rise} good checks ${every} apart: each ejection lasts ${base} to ${base} + ${every}, like Envoy's first; Envoy ejects a host that fails again for baseEjectionTime × its number of consecutive ejections, HAProxy for ${base} every time. /health must fail when the pod cannot serve`, passive.path)
  return [`check inter ${every} fall ${n} rise ${rise} observe layer7 error-limit ${n} on-error mark-down`]
}

/**
 * Body lines of a version's (cluster's) section: balance, checks, retries on another
 * server of the same version, the per-try timeout and its servers (one per address, or a
 * `server-template` with one slot per pod of the headless Service, filled from DNS).
 */
export function haproxyGroupLines(plan: EdgePlan, rule: EdgeRule, group: EdgeGroup, balance: readonly string[], notes: EdgeNotes): string[] {
  noteRule(rule, notes)
  const lines = balance.map((b) => `    ${b}`)
  if (group.passive) lines.push('    option httpchk GET /health', '    http-check expect status 200')
  const retry = haproxyRetryKeywords(rule.retryOn, rule.retriableStatusCodes)
  if (rule.attempts > 0 && retry.keywords.length) {
    lines.push(`    retries ${rule.attempts}`, `    retry-on ${retry.keywords.join(' ')}`, '    option redispatch 1')
  } else {
    lines.push('    retries 0')
  }
  lines.push(`    timeout server ${proxyDuration(rule.perTryTimeoutMs || rule.timeoutMs || 60_000)}`)
  const dns = group.servers.some((s) => s.dns)
  // Pods come and go: the slots start empty (init-addr none, so loading never waits for
  // DNS, e.g. `haproxy -c` outside a cluster) and the resolvers fill one pod IP into each.
  const defaults = [...(dns ? ['init-addr none', 'resolvers cluster', 'resolve-prefer ipv4'] : []), ...passiveLines(group, notes)]
  if (defaults.length) lines.push(`    default-server ${defaults.join(' ')}`)
  for (const s of group.servers) {
    if (!s.dns) lines.push(`    server ${s.name} ${s.address}`)
    else {
      notes.add(16, `the servers of version ${s.version} are the pods behind its headless Service ${s.address} (server-template with ${s.slots} slot${s.slots === 1 ? '' : 's'}, the scenario's replicas): pods beyond ${s.slots} get no traffic, so raise the count if the Deployment scales out`, `${s.path}.replicas`)
      lines.push(`    server-template ${s.name} ${s.slots} ${s.address}`)
    }
  }
  return lines
}
