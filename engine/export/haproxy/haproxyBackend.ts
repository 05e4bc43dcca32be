/**
 * HAProxy lines for one route rule: the frontend ACLs that select its backend, and the
 * backend's retries, timeouts, health checks and weighted servers.
 */
import { proxyDuration } from '../edge/edgeNotes'
import type { EdgeNotes } from '../edge/edgeNotes'
import type { EdgePlan, EdgeRule } from '../edge/edgePlan'
import { haproxyRetryKeywords } from './haproxyRetry'

/** HAProxy's largest server weight. */
const MAX_WEIGHT = 256

function quote(v: string): string {
  return /^[A-Za-z0-9_./:-]+$/.test(v) ? v : `"${v.replace(/(["\\])/g, '\\$1')}"`
}

type StringMatch = { exact?: string; prefix?: string; regex?: string }

function matcher(m: StringMatch): string {
  if (m.exact !== undefined) return `-m str ${quote(m.exact)}`
  if (m.prefix !== undefined) return `-m beg ${quote(m.prefix)}`
  return `-m reg ${quote(m.regex ?? '.*')}`
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

function scaledWeights(weights: readonly number[], notes: EdgeNotes, path: string): number[] {
  const max = Math.max(0, ...weights)
  if (max <= MAX_WEIGHT) return [...weights]
  notes.add(12, `HAProxy server weights are at most ${MAX_WEIGHT}: the split's weights are rounded`, path)
  return weights.map((w) => (w === 0 ? 0 : Math.max(1, Math.round((w * MAX_WEIGHT) / max))))
}

/** Body lines of the backend for `rule`. */
export function haproxyBackendLines(plan: EdgePlan, rule: EdgeRule, notes: EdgeNotes, hostnames: boolean): string[] {
  const lines: string[] = []
  const passive = plan.passive
  if (passive) lines.push('    option httpchk GET /health', '    http-check expect status 200')
  const retry = haproxyRetryKeywords(rule.retryOn, rule.retriableStatusCodes)
  const retriesAt = rule.rule?.retries ? `${rule.path}.retries` : 'mesh'
  if (retry.unsupported.length && rule.attempts > 0) {
    notes.add(2, `HAProxy cannot retry on ${retry.unsupported.join(', ')} (gRPC status, HTTP/2 resets, 409 and headers are invisible to retry-on); left out`, retriesAt)
  }
  if (rule.attempts > 0 && retry.keywords.length) {
    lines.push(`    retries ${rule.attempts}`, `    retry-on ${retry.keywords.join(' ')}`, '    option redispatch 1')
  } else {
    lines.push('    retries 0')
  }
  const serverTimeout = rule.perTryTimeoutMs || rule.timeoutMs
  if (rule.perTryTimeoutMs && rule.timeoutMs) notes.add(5, `HAProxy has no whole-request timeout across retries: 'timeout server' is the per-try timeout ${proxyDuration(rule.perTryTimeoutMs)}; the ${proxyDuration(rule.timeoutMs)} overall limit is not enforced`, `${rule.path}.timeout`)
  if (!serverTimeout) notes.add(6, 'the route sets no timeout: HAProxy needs one, so timeout server is 60s', rule.path)
  lines.push(`    timeout server ${proxyDuration(serverTimeout || 60_000)}`)
  if (rule.rule?.fault) notes.add(3, 'HAProxy cannot inject faults: the rule is exported without them', `${rule.path}.fault`)
  if (rule.rule?.mirror) notes.add(4, 'HAProxy cannot mirror requests: not exported', `${rule.path}.mirror`)
  // Names resolve through the cluster DNS at run time; starting unresolved (init-addr none)
  // keeps HAProxy from blocking on DNS while it loads, e.g. in `haproxy -c` outside a cluster.
  const defaults = hostnames ? ['init-addr none', 'resolvers cluster'] : []
  if (passive) {
    const n = passive.consecutiveErrors
    defaults.push(`check inter ${proxyDuration(passive.intervalMs)} downinter ${proxyDuration(passive.ejectionMs)} fall ${n} rise 1 observe layer7 error-limit ${n} on-error mark-down`)
    if (passive.maxEjectionPercent < 100) notes.add(8, `HAProxy cannot cap ejections at ${passive.maxEjectionPercent}%: every failing server may be marked down`, `${passive.path}.maxEjectionPercent`)
    notes.add(9, `passive detection: ${n} consecutive 5xx mark a server down (observe layer7), and so do ${n} failed /health checks ${proxyDuration(passive.intervalMs)} apart; a down server is re-checked every ${proxyDuration(passive.ejectionMs)} and returns after one good check`, passive.path)
  }
  if (defaults.length) lines.push(`    default-server ${defaults.join(' ')}`)
  const versions = new Set(rule.servers.map((s) => s.version))
  for (const s of rule.rule?.split ?? []) if (!versions.has(s.version)) notes.add(14, `version ${s.version} has no servers (0 replicas or no addresses): its ${s.weight}% share goes to the others`, `${rule.path}.split`)
  const weights = scaledWeights(rule.servers.map((s) => s.weight), notes, `${rule.path}.split`)
  rule.servers.forEach((s, i) => lines.push(`    server ${s.name} ${s.address} weight ${weights[i]}`))
  return lines
}
