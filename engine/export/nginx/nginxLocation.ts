/**
 * nginx `upstream` and `location` blocks for the edge plan's rules: servers with weights
 * and passive failure settings, and per location the proxying, retry and timeout directives.
 */
import { proxyDuration } from '../edge/edgeNotes'
import type { EdgeNotes } from '../edge/edgeNotes'
import type { EdgePlan, EdgeRule } from '../edge/edgePlan'
import { nginxRetryConditions } from './nginxRetry'

function upstreamName(plan: EdgePlan, rule: EdgeRule): string {
  return `${plan.service.name}_${rule.name}`.replace(/[^A-Za-z0-9_]/g, '_')
}

/** The location selector for a rule, or undefined (with a note) when nginx cannot express it. */
function locationOf(rule: EdgeRule, notes: EdgeNotes): string[] | undefined {
  const matches = rule.rule?.match
  if (!matches?.length) return ['/']
  const out: string[] = []
  matches.forEach((m, mi) => {
    if (m.method || m.headers) {
      notes.add(10, 'nginx locations select on the path only: a match on method or headers is left out', `${rule.path}.match[${mi}]`)
      return
    }
    if (!m.path) out.push('/')
    else if (m.path.exact !== undefined) out.push(`= ${m.path.exact}`)
    else if (m.path.prefix !== undefined) out.push(`^~ ${m.path.prefix}`)
    else out.push(`~ ${m.path.regex ?? '.*'}`)
  })
  return out.length ? out : undefined
}

function upstreamBlock(plan: EdgePlan, rule: EdgeRule, balance: string | undefined, notes: EdgeNotes): string[] {
  const p = plan.passive
  const passive = p ? ` max_fails=${p.consecutiveErrors} fail_timeout=${proxyDuration(p.ejectionMs)}` : ' max_fails=0'
  if (p) {
    if (p.maxEjectionPercent < 100) notes.add(8, `nginx cannot cap ejections at ${p.maxEjectionPercent}%: every failing server may be skipped`, `${p.path}.maxEjectionPercent`)
    notes.add(9, `passive detection: nginx skips a server for ${proxyDuration(p.ejectionMs)} after ${p.consecutiveErrors} failed attempts within ${proxyDuration(p.ejectionMs)} (not necessarily consecutive; the ${proxyDuration(p.intervalMs)} interval has no equivalent), counting only failures proxy_next_upstream names`, p.path)
  }
  const versions = new Set(rule.servers.map((s) => s.version))
  for (const s of rule.rule?.split ?? []) if (!versions.has(s.version)) notes.add(14, `version ${s.version} has no servers (0 replicas or no addresses): its ${s.weight}% share goes to the others`, `${rule.path}.split`)
  const servers = rule.servers.map((s) => (s.weight > 0 ? `    server ${s.address} weight=${s.weight}${passive};` : `    server ${s.address} down;`))
  if (!servers.length) servers.push('    server 127.0.0.1:9 down;')
  return [`upstream ${upstreamName(plan, rule)} {`, ...(balance ? [`    ${balance};`] : []), ...servers, '}']
}

function locationBody(plan: EdgePlan, rule: EdgeRule, notes: EdgeNotes): string[] {
  const lines = [
    `proxy_pass http://${upstreamName(plan, rule)};`,
    'proxy_http_version 1.1;',
    'proxy_set_header Connection "";',
    'proxy_set_header Host $host;',
    `proxy_connect_timeout ${proxyDuration(plan.connectTimeoutMs)};`,
  ]
  const readTimeout = rule.perTryTimeoutMs || rule.timeoutMs
  if (!readTimeout) notes.add(6, "the route sets no timeout: nginx's 60s read timeout applies", rule.path)
  else lines.push(`proxy_read_timeout ${proxyDuration(readTimeout)};`, `proxy_send_timeout ${proxyDuration(readTimeout)};`)
  const retry = nginxRetryConditions(rule.retryOn, rule.retriableStatusCodes)
  const retriesAt = rule.rule?.retries ? `${rule.path}.retries` : 'mesh'
  if (retry.unsupported.length && rule.attempts > 0) {
    notes.add(2, `nginx cannot retry on ${retry.unsupported.join(', ')} (gRPC status, HTTP/2 resets, 409, 501 and headers are invisible to proxy_next_upstream); left out`, retriesAt)
  }
  const conditions = rule.attempts > 0 ? retry.conditions : []
  // Failures count towards max_fails only when proxy_next_upstream names them: keep 5xx
  // accounting for passive detection even without retries (tries 1 means no retry).
  const counted = plan.passive ? ['error', 'timeout', 'http_500', 'http_502', 'http_503', 'http_504'] : []
  const all = [...new Set([...conditions, ...(rule.attempts > 0 ? [] : counted)])]
  if (plan.passive && rule.attempts > 0 && !conditions.includes('http_503')) {
    notes.add(9, 'nginx counts failures for max_fails only among the retried conditions: 5xx responses are not counted here', plan.passive.path)
  }
  if (all.length) lines.push(`proxy_next_upstream ${[...all, ...(rule.attempts > 0 ? ['non_idempotent'] : [])].join(' ')};`)
  else lines.push('proxy_next_upstream off;')
  lines.push(`proxy_next_upstream_tries ${rule.attempts + 1};`)
  if (rule.timeoutMs) lines.push(`proxy_next_upstream_timeout ${proxyDuration(rule.timeoutMs)};`)
  if (rule.rule?.fault) notes.add(3, 'nginx cannot inject faults: the rule is exported without them', `${rule.path}.fault`)
  if (rule.rule?.mirror) notes.add(4, 'mirroring is not exported to nginx', `${rule.path}.mirror`)
  return lines
}

/** Upstream blocks and location blocks (each a list of lines, unindented). */
export function nginxLocations(plan: EdgePlan, balance: string | undefined, notes: EdgeNotes): { upstreams: string[][]; locations: string[][] } {
  const upstreams: string[][] = []
  const locations: string[][] = []
  const taken = new Set<string>()
  for (const rule of plan.rules) {
    const selectors = (locationOf(rule, notes) ?? []).filter((sel) => {
      if (!taken.has(sel)) return taken.add(sel)
      notes.add(10, `an earlier rule already takes location ${sel}: this match is unreachable and left out`, `${rule.path}.match`)
      return false
    })
    if (!selectors.length) continue
    upstreams.push(upstreamBlock(plan, rule, balance, notes))
    const body = locationBody(plan, rule, notes)
    for (const sel of selectors) locations.push([`location ${sel} {`, ...body.map((l) => `    ${l}`), '}'])
  }
  return { upstreams, locations }
}
