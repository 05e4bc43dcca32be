/**
 * Analyser `per_try_timeout`: retries that can never fire for slow attempts.
 *
 * RETRY_001 (istio#21137): the route timeout covers the whole request, every attempt and
 * back-off included, and Envoy ignores a per-try timeout at or above it
 * (`FilterUtility::finalTimeout`). So with `perTryTimeout ≥ timeout` — or no per-try timeout
 * at all while the run shows route timeouts — a slow attempt runs until the route timeout
 * ends the request with 504: no retry can fire for it, whatever `attempts` says.
 * RETRY_002: a per-try timeout resets the attempt with a local reset, which Envoy retries
 * only when retry_on holds `5xx`, `gateway-error` or `reset`; Istio's default list does not
 * (istio#17613), so such per-try timeouts end their requests.
 * Complexity: O(rules × edges).
 *
 * @see https://github.com/istio/istio/issues/21137
 * @see https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/router_filter#x-envoy-upstream-rq-per-try-timeout-ms
 */
import { edgeLine, fmtMs, fmtPct } from './format'
import { allRules, edgesInto } from './topology'
import type { RuleRef } from './topology'
import type { Insight, InsightAnalyser, InsightContext } from './types'

const RESET_CONDITIONS = ['5xx', 'gateway-error', 'reset'] as const

function analyse(ctx: InsightContext): Insight[] {
  const out: Insight[] = []
  for (const ref of allRules(ctx)) {
    const r = ref.rule.retries
    if (r === null || r.mode === 'linkerd_profile') continue
    const timeout = ref.rule.timeoutMs
    const perTry = r.perTryTimeoutMs
    if (timeout > 0 && perTry >= timeout) out.push(shadowed(ctx, ref, `per-try timeout ${fmtMs(perTry)} is not below the route timeout ${fmtMs(timeout)}`))
    else if (timeout > 0 && perTry === 0 && routeTimeouts(ctx, ref) > 0) out.push(shadowed(ctx, ref, `no per-try timeout under the ${fmtMs(timeout)} route timeout`))
    else if (perTry > 0 && r.mode === 'envoy' && !r.retryOn.some((c) => (RESET_CONDITIONS as readonly string[]).includes(c))) out.push(notRetried(ctx, ref))
  }
  return out
}

function routeTimeouts(ctx: InsightContext, ref: RuleRef): number {
  return edgesInto(ctx, ref.service).reduce((n, e) => n + e.fates.timeout, 0)
}

function shadowed(ctx: InsightContext, ref: RuleRef, what: string): Insight {
  const r = ref.rule.retries!
  const timeout = ref.rule.timeoutMs
  const evidence = edgesInto(ctx, ref.service).map((e) =>
    edgeLine(e, `${e.requests} requests, ${e.retries} retries, ${e.fates.timeout} (${fmtPct(e.fates.timeout, e.requests)}) ended by the route timeout (504)`))
  return {
    code: 'RETRY_001',
    severity: 'warning',
    title: `${ref.service}: a slow attempt is never retried (${what})`,
    explanation:
      `The route timeout (${fmtMs(timeout)}) covers the whole request: every attempt and every back-off. ` +
      'Envoy ignores a per-try timeout at or above it, and without a usable per-try timeout a slow attempt runs until ' +
      `the route timeout ends the request with 504 — so none of the ${r.attempts} retries can fire for it; they only help ` +
      'with fast failures. Set perTryTimeout well below the route timeout, with room for the retries: ' +
      'timeout ≥ (attempts + 1) × perTryTimeout + back-off (istio#21137).',
    evidence,
    path: ref.explicit ? `${ref.path}.${r.perTryTimeoutMs > 0 ? 'retries.perTryTimeout' : 'timeout'}` : ref.path,
  }
}

function notRetried(ctx: InsightContext, ref: RuleRef): Insight {
  const r = ref.rule.retries!
  const edges = edgesInto(ctx, ref.service)
  const fired = edges.reduce((n, e) => n + e.fates.per_try_timeout, 0)
  return {
    code: 'RETRY_002',
    severity: fired > 0 ? 'warning' : 'info',
    title: `${ref.service}: per-try timeouts are never retried (retryOn has no 5xx, gateway-error or reset)`,
    explanation:
      `At its per-try timeout (${fmtMs(r.perTryTimeoutMs)}) Envoy resets the attempt; it retries a reset only when retry_on ` +
      `contains 5xx, gateway-error or reset. This policy retries on ${r.retryOn.join(', ')}, as Istio's default list does, ` +
      'so a timed-out attempt ends the request with 504. Add gateway-error (or 5xx) to retryOn to retry slow attempts (istio#17613).',
    evidence: edges.map((e) => edgeLine(e, `${e.fates.per_try_timeout} requests ended by a per-try timeout, ${e.retries} retries`)),
    path: ref.explicit ? `${ref.path}.retries` : ref.path,
  }
}

/** The per-try timeout analyser. */
export const perTryTimeoutAnalyser: InsightAnalyser = {
  kind: 'per_try_timeout',
  label: 'Per-try timeouts that cannot be retried',
  analyse,
}
