/**
 * Istio AuthorizationPolicy evaluation for one (caller, service, path, method):
 * any matching DENY rule denies; otherwise, if the service has ALLOW rules, one of them
 * must match; a service without rules allows everything. A rule matches when the caller is
 * in `from` (or `from` holds '*'), and the path and method match when given. Paths use
 * Istio's forms: exact, prefix `/api/*`, suffix `*.js`, and `*` for any.
 * The caller of a traffic source is its `from` ('ingress' by default).
 * NOTE(model): identities are service names (no namespaces or SPIFFE principals); a denied
 * request is answered 403 by the upstream's sidecar without reaching the application.
 *
 * @see https://istio.io/latest/docs/reference/config/security/authorization-policy/
 */
import type { ResolvedScenario } from '../model/resolve'

type Rule = ResolvedScenario['authorization'][number]

function matchPath(pattern: string, path: string): boolean {
  if (pattern === '*') return true
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1))
  if (pattern.startsWith('*')) return path.endsWith(pattern.slice(1))
  return path === pattern
}

function matches(rule: Rule, caller: string, path: string, method: string): boolean {
  if (!rule.from.includes('*') && !rule.from.includes(caller)) return false
  if (rule.paths && !rule.paths.some((p) => matchPath(p, path))) return false
  if (rule.methods && !rule.methods.some((m) => m === '*' || m.toUpperCase() === method.toUpperCase())) return false
  return true
}

/** True when the policies of `service` deny this request. */
export function isDenied(rules: readonly Rule[], service: string, caller: string, path: string, method: string): boolean {
  const mine = rules.filter((r) => r.service === service)
  if (mine.some((r) => r.action === 'DENY' && matches(r, caller, path, method))) return true
  const allows = mine.filter((r) => r.action === 'ALLOW')
  return allows.length > 0 && !allows.some((r) => matches(r, caller, path, method))
}
