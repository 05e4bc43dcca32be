/**
 * Analyser `timeout_inversion`: timeouts that cut retries short.
 *
 * TIMEOUT_001: a caller's route timeout is shorter than the worst case of a call its callee
 * makes: (attempts + 1) × perTryTimeout + the back-off bounds (Envoy's jittered back-off:
 * base, 2·base, … capped at max), itself capped by that hop's route timeout. The callee is
 * then still retrying after its caller gave up; the retries add load and their answer is
 * thrown away.
 * TIMEOUT_002: on one hop, the route timeout ends the request before all the configured
 * tries can start: try i starts at i × perTryTimeout at the earliest, so only
 * ⌈timeout / perTryTimeout⌉ tries fit.
 * Only hops with an effective per-try timeout count (Envoy ignores one ≥ the route timeout;
 * see `per_try_timeout`), and Linkerd ServiceProfile routes have none.
 * Complexity: O(hops × calls).
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/faq/configuration/timeouts
 */
import type { ResolvedRetryPolicy } from '../model/profiles'
import { edgeLine, fmtMs } from './format'
import { allRules, callsOf, entryHops, ruleFor } from './topology'
import type { RuleRef } from './topology'
import type { Insight, InsightAnalyser, InsightContext } from './types'

/** The per-try timeout Envoy arms for a rule, ms (0: none). */
function effectivePerTryMs(ref: RuleRef): number {
  const r = ref.rule.retries
  if (r === null || r.mode === 'linkerd_profile') return 0
  const timeout = ref.rule.timeoutMs
  return timeout > 0 && r.perTryTimeoutMs >= timeout ? 0 : r.perTryTimeoutMs
}

/** Upper bounds of the retries' back-offs, summed (Envoy's JitteredExponentialBackOffStrategy). */
function backoffBoundMs(r: ResolvedRetryPolicy): number {
  if (r.backoffBaseMs <= 0) return 0
  let next = r.backoffBaseMs
  let sum = 0
  for (let i = 0; i < r.attempts; i++) {
    sum += next
    next = next < Math.floor(r.backoffMaxMs / 2) ? next * 2 : r.backoffMaxMs
  }
  return sum
}

/** Worst-case time of a hop with retries bounded by a per-try timeout, ms; undefined when not bounded that way. */
function retriesWorstMs(ref: RuleRef): number | undefined {
  const perTry = effectivePerTryMs(ref)
  const r = ref.rule.retries
  if (r === null || perTry === 0) return undefined
  const sum = (r.attempts + 1) * perTry + backoffBoundMs(r)
  return ref.rule.timeoutMs > 0 ? Math.min(ref.rule.timeoutMs, sum) : sum
}

function analyse(ctx: InsightContext): Insight[] {
  const out: Insight[] = []
  const hops = [
    ...entryHops(ctx),
    ...ctx.resolved.services.flatMap((s) => callsOf(ctx, s.name).flatMap((c) => {
      const ref = ruleFor(ctx, c.to, c)
      return ref ? [{ from: s.name, to: c.to, ref }] : []
    })),
  ]
  const seen = new Set<string>()
  for (const outer of hops) {
    const limit = outer.ref.rule.timeoutMs
    if (limit <= 0) continue
    for (const c of callsOf(ctx, outer.to)) {
      const inner = ruleFor(ctx, c.to, c)
      const worst = inner ? retriesWorstMs(inner) : undefined
      const key = `${outer.from}>${outer.ref.path}>${inner?.path}`
      if (inner === undefined || worst === undefined || worst <= limit || seen.has(key)) continue
      seen.add(key)
      out.push(inversion(ctx, outer, { from: outer.to, to: c.to, ref: inner }, worst))
    }
  }
  for (const ref of allRules(ctx)) {
    const perTry = effectivePerTryMs(ref)
    const r = ref.rule.retries
    if (r === null || perTry === 0 || ref.rule.timeoutMs <= 0) continue
    const fits = Math.min(r.attempts + 1, Math.ceil(ref.rule.timeoutMs / perTry))
    if (fits < r.attempts + 1) out.push(truncated(ref, fits))
  }
  return out
}

type HopRef = { readonly from: string; readonly to: string; readonly ref: RuleRef }

function inversion(ctx: InsightContext, outer: HopRef, inner: HopRef, worst: number): Insight {
  const r = inner.ref.rule.retries!
  const evidence: string[] = []
  const e1 = ctx.metrics?.edges.find((e) => e.from === outer.from && e.to === outer.to)
  const e2 = ctx.metrics?.edges.find((e) => e.from === inner.from && e.to === inner.to)
  if (e1) evidence.push(edgeLine(e1, `${e1.fates.timeout} requests ended by the ${fmtMs(outer.ref.rule.timeoutMs)} route timeout`))
  if (e2) evidence.push(edgeLine(e2, `${e2.retries} retries, ${e2.fates.per_try_timeout} requests ended by a per-try timeout`))
  return {
    code: 'TIMEOUT_001',
    severity: e1 && e1.fates.timeout > 0 ? 'warning' : 'info',
    title: `${outer.from} gives ${outer.to} ${fmtMs(outer.ref.rule.timeoutMs)}, but ${inner.from} → ${inner.to} can take ${fmtMs(worst)} with its retries`,
    explanation:
      `${inner.from}'s call to ${inner.to} may use ${r.attempts + 1} tries of ${fmtMs(effectivePerTryMs(inner.ref))} ` +
      `plus up to ${fmtMs(backoffBoundMs(r))} of back-off${inner.ref.rule.timeoutMs > 0 ? ` (capped by its ${fmtMs(inner.ref.rule.timeoutMs)} route timeout)` : ''}, ` +
      `longer than the ${fmtMs(outer.ref.rule.timeoutMs)} ${outer.from} waits for ${outer.to}. When ${inner.to} is slow, ${inner.from} ` +
      `keeps retrying after ${outer.from} has given up: the late retries only add load. Give each caller more time than the worst case ` +
      'of the hops below it, or shorten the inner per-try timeouts and attempts.',
    evidence,
    path: outer.ref.explicit ? `${outer.ref.path}.timeout` : outer.ref.path,
  }
}

function truncated(ref: RuleRef, fits: number): Insight {
  const r = ref.rule.retries!
  return {
    code: 'TIMEOUT_002',
    severity: 'info',
    title: `${ref.service}: only ${fits} of ${r.attempts + 1} tries fit in the ${fmtMs(ref.rule.timeoutMs)} route timeout`,
    explanation:
      `Try i starts no earlier than i × perTryTimeout (${fmtMs(r.perTryTimeoutMs)}), and the route timeout (${fmtMs(ref.rule.timeoutMs)}) ` +
      `covers every try and back-off, so at most ${fits} tries can start: ${r.attempts + 1 - fits} of the ${r.attempts} retries can never happen ` +
      'when attempts time out.',
    evidence: [],
    path: ref.explicit ? `${ref.path}.retries.attempts` : ref.path,
  }
}

/** The timeout-inversion analyser. */
export const timeoutInversionAnalyser: InsightAnalyser = {
  kind: 'timeout_inversion',
  label: 'Timeouts that cut retries short',
  analyse,
}
