/**
 * nginx blocks for the edge plan's rules: per rule a `location` for its path match; per
 * version (Envoy cluster) an `upstream` with its servers and passive failure settings and
 * the proxying, retry and timeout directives. A rule that splits over versions proxies to a
 * split upstream whose servers are internal `server` blocks on 127.0.0.1, one per version,
 * weighted by the split (nginx's smooth weighted round robin: exact shares), with no
 * retries or failure accounting of its own: Envoy picks the version once per request.
 */
import { proxyDuration } from '../edge/edgeNotes'
import type { EdgeNotes } from '../edge/edgeNotes'
import type { EdgeGroup, EdgePlan, EdgeRule } from '../edge/edgePlan'
import { nginxRetryConditions } from './nginxRetry'

/** The nginx balancing directive of a version's upstream (undefined: weighted round robin). */
export type Balance = (group: EdgeGroup) => string | undefined

function name(...parts: string[]): string {
  return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_')
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

function notePassive(rule: EdgeRule, group: EdgeGroup, notes: EdgeNotes): void {
  const p = group.passive
  if (!p) return
  const base = proxyDuration(p.ejectionMs)
  if (p.gatewayErrors) notes.add(20, `nginx counts the failures proxy_next_upstream names, not Envoy's separate gateway-error (502, 503, 504) and 5xx counters: ${p.consecutiveErrors} failed tries of any named kind take a server out`, p.path)
  if (p.maxEjectionPercent < 100) notes.add(8, `nginx cannot cap ejections at ${p.maxEjectionPercent}%: every failing server may be skipped`, `${p.path}.maxEjectionPercent`)
  // Measured with nginx 1.22: a failed try counts towards max_fails only when nginx moves
  // on to another server; the last try of a request (whose answer the client gets) does not
  // count, and 5xx answers without retries never do (errors and timeouts always count).
  notes.add(9, `passive detection: nginx skips a server for ${base} to ${base} + 1s (fail_timeout, counted in whole seconds) after ${p.consecutiveErrors} failed tries within ${base}, then sends it requests again. A try counts only when nginx moves on to another server, so with retries a server is out after about ${p.consecutiveErrors} requests that tried it first (Envoy counts every try); Envoy ejects a host that fails again for baseEjectionTime × its number of consecutive ejections and returns hosts on its ${proxyDuration(p.intervalMs)} interval tick, nginx skips it for ${base} every time`, p.path)
  if (rule.attempts === 0) notes.add(19, `without retries nginx never counts a 5xx answer towards max_fails (only connection errors and timeouts): a server answering 5xx is not taken out`, p.path)
  // Envoy ejects a version's only host only when maxEjectionPercent allows 100 %: otherwise both keep it.
  if (group.pods === 1 && p.maxEjectionPercent >= 100) notes.add(18, `version ${group.servers[0]!.version} has one pod: nginx never takes the only server of an upstream out (max_fails is ignored), so it keeps getting that version's requests where Envoy would eject it; clients see the same failures`, `${group.servers[0]!.path}.replicas`)
}

function upstreamBlock(plan: EdgePlan, rule: EdgeRule, group: EdgeGroup, balance: string | undefined, notes: EdgeNotes): string[] {
  const p = group.passive
  const passive = p ? ` max_fails=${p.consecutiveErrors} fail_timeout=${proxyDuration(p.ejectionMs)}` : ' max_fails=0'
  notePassive(rule, group, notes)
  for (const s of group.servers) {
    if (s.dns) notes.add(16, `nginx 1.22 resolves ${s.address} (version ${s.version}'s headless Service) to its pod IPs once, when it loads: after pods restart or scale, reload nginx (nginx -s reload)`, `${s.path}.replicas`)
  }
  const servers = group.servers.map((s) => `    server ${s.address}${passive};`)
  return [`upstream ${name(plan.service.name, rule.name, group.name)} {`, ...(balance ? [`    ${balance};`] : []), ...servers, '}']
}

/** The proxying, retry and timeout directives of a version (a location's body). */
function groupBody(plan: EdgePlan, rule: EdgeRule, group: EdgeGroup, notes: EdgeNotes): string[] {
  const lines = [
    `proxy_pass http://${name(plan.service.name, rule.name, group.name)};`,
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
  // Failures count towards max_fails only when proxy_next_upstream names them; without
  // retries (tries 1) nginx never counts a 5xx (see notePassive), but naming them is harmless.
  const counted = group.passive ? ['error', 'timeout', 'http_500', 'http_502', 'http_503', 'http_504'] : []
  const all = [...new Set([...conditions, ...(rule.attempts > 0 ? [] : counted)])]
  if (group.passive && rule.attempts > 0 && !conditions.includes('http_503')) {
    notes.add(9, 'nginx counts failures for max_fails only among the retried conditions: 5xx responses are not counted here', group.passive.path)
  }
  if (all.length) lines.push(`proxy_next_upstream ${[...all, ...(rule.attempts > 0 ? ['non_idempotent'] : [])].join(' ')};`)
  else lines.push('proxy_next_upstream off;')
  lines.push(`proxy_next_upstream_tries ${rule.attempts + 1};`)
  if (rule.timeoutMs) lines.push(`proxy_next_upstream_timeout ${proxyDuration(rule.timeoutMs)};`)
  if (rule.rule?.fault) notes.add(3, 'nginx cannot inject faults: the rule is exported without them', `${rule.path}.fault`)
  if (rule.rule?.mirror) notes.add(4, 'mirroring is not exported to nginx', `${rule.path}.mirror`)
  return lines
}

/** The split's location body: one try on the version's internal server, the whole-request timeout. */
function splitBody(plan: EdgePlan, rule: EdgeRule): string[] {
  const timeout = proxyDuration(rule.timeoutMs || (rule.perTryTimeoutMs || 60_000) * (rule.attempts + 1))
  return [
    `proxy_pass http://${name(plan.service.name, rule.name)};`,
    'proxy_http_version 1.1;',
    'proxy_set_header Connection "";',
    'proxy_set_header Host $host;',
    `proxy_read_timeout ${timeout};`,
    `proxy_send_timeout ${timeout};`,
    'proxy_next_upstream off;',
  ]
}

/** What the rules become: upstream blocks, the edge server's locations, and internal server blocks (each a list of unindented lines). */
export interface NginxBlocks {
  readonly upstreams: string[][]
  readonly locations: string[][]
  readonly internal: string[][]
}

function ruleBlocks(plan: EdgePlan, rule: EdgeRule, balance: Balance, notes: EdgeNotes, out: NginxBlocks): string[] {
  for (const s of rule.idle) if (s.weight > 0) notes.add(14, `version ${s.version} has no servers (0 replicas or no addresses): its ${s.weight}% share goes to the others`, `${rule.path}.split`)
  if (rule.groups.length === 0) {
    notes.add(14, 'no version of the rule has servers: every request gets 503', rule.path)
    return ['return 503;']
  }
  for (const g of rule.groups) out.upstreams.push(upstreamBlock(plan, rule, g, balance(g), notes))
  const few = rule.attempts > 0 ? rule.groups.filter((g) => g.pods < rule.attempts + 1) : []
  if (few.length) {
    const which = few.map((g) => `${g.name === 'all' ? 'the service' : g.name} (${g.pods} pod${g.pods === 1 ? '' : 's'})`).join(', ')
    notes.add(17, `nginx tries each server at most once per request: a request gets at most as many tries as its version has pods — ${which} — not ${rule.attempts + 1} (Envoy retries a host it already tried when there is no other)`, rule.rule?.retries ? `${rule.path}.retries` : 'mesh')
  }
  if (rule.groups.length === 1) return groupBody(plan, rule, rule.groups[0]!, notes)
  out.upstreams.push([
    `upstream ${name(plan.service.name, rule.name)} {`,
    ...rule.groups.map((g) => `    server ${g.hop!.address}:${g.hop!.port} weight=${g.splitWeight} max_fails=0;`),
    '    keepalive 16;',
    '}',
  ])
  for (const g of rule.groups) {
    const body = groupBody(plan, rule, g, notes)
    out.internal.push([`server {`, `    # ${rule.name}: version ${g.name} (${g.weight}%)`, `    listen ${g.hop!.address}:${g.hop!.port};`, '    location / {', ...body.map((l) => `        ${l}`), '    }', '}'])
  }
  return splitBody(plan, rule)
}

/** Upstream blocks, the edge server's location blocks and the internal server blocks of a split. */
export function nginxLocations(plan: EdgePlan, balance: Balance, notes: EdgeNotes): NginxBlocks {
  const out: NginxBlocks = { upstreams: [], locations: [], internal: [] }
  const taken = new Set<string>()
  for (const rule of plan.rules) {
    const selectors = (locationOf(rule, notes) ?? []).filter((sel) => {
      if (!taken.has(sel)) return taken.add(sel)
      notes.add(10, `an earlier rule already takes location ${sel}: this match is unreachable and left out`, `${rule.path}.match`)
      return false
    })
    if (!selectors.length) continue
    const body = ruleBlocks(plan, rule, balance, notes, out)
    for (const sel of selectors) out.locations.push([`location ${sel} {`, ...body.map((l) => `    ${l}`), '}'])
  }
  return out
}
