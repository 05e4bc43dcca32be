/**
 * Analyser `retry_amplification` (RETRY_003): retries multiply along a call chain. Every
 * hop's sidecar retries on its own, so when the deepest service fails, one user request can
 * reach it Π (1 + retries) times: 3 hops of Istio's default policy (2 retries on 503 and
 * connect failures) make 27 attempts. That is how a brief overload becomes a retry storm.
 * A hop's factor is 1 + `attempts` (Envoy, Linkerd HTTPRoute); a Linkerd ServiceProfile's
 * budget caps retries at `retryRatio` of the requests, so its factor is 1 + retryRatio.
 * The worst chain from any traffic source is reported when its product exceeds
 * AMPLIFICATION_THRESHOLD, with each hop's observed attempts per request.
 * Complexity: O(services + calls) (memoised longest product path over the call DAG).
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/faq/load_balancing/transient_failures
 */
import { fmtTimes } from './format'
import { callsOf, entryHops, ruleFor } from './topology'
import type { RuleRef } from './topology'
import type { Insight, InsightAnalyser, InsightContext } from './types'

/** Worst-case attempts per user request at the end of a chain above which the analyser reports. */
export const AMPLIFICATION_THRESHOLD = 10

interface Hop { readonly from: string; readonly to: string; readonly ref: RuleRef; readonly factor: number }

function factorOf(ctx: InsightContext, ref: RuleRef): number {
  const r = ref.rule.retries
  if (r === null) return 1
  if (r.mode === 'linkerd_profile') return 1 + (ctx.resolved.clusters[ref.service]?.all.retryBudget?.retryRatio ?? 0)
  return 1 + r.attempts
}

/** The highest-product chain of hops below `service` (memoised; calls form a DAG). */
function down(ctx: InsightContext, service: string, memo: Map<string, { product: number; hops: Hop[] }>, depth = 0): { product: number; hops: Hop[] } {
  const known = memo.get(service)
  if (known) return known
  let best = { product: 1, hops: [] as Hop[] }
  if (depth < 64) {
    for (const c of callsOf(ctx, service)) {
      const ref = ruleFor(ctx, c.to, c)
      if (!ref) continue
      const factor = factorOf(ctx, ref)
      const rest = down(ctx, c.to, memo, depth + 1)
      if (factor * rest.product > best.product) best = { product: factor * rest.product, hops: [{ from: service, to: c.to, ref, factor }, ...rest.hops] }
    }
  }
  memo.set(service, best)
  return best
}

function analyse(ctx: InsightContext): Insight[] {
  const memo = new Map<string, { product: number; hops: Hop[] }>()
  const chains = entryHops(ctx).map((h) => {
    const factor = factorOf(ctx, h.ref)
    const rest = down(ctx, h.to, memo)
    return { product: factor * rest.product, hops: [{ from: h.from, to: h.to, ref: h.ref, factor }, ...rest.hops] }
  }).filter((c) => c.product > AMPLIFICATION_THRESHOLD).sort((a, b) => b.product - a.product)
  const worst = chains[0]
  if (!worst) return []
  const observed = worst.hops.map((h) => ctx.metrics?.edges.find((e) => e.from === h.from && e.to === h.to))
  const evidence = worst.hops.map((h, i) => {
    const e = observed[i]
    const seen = e && e.requests > 0 ? `, ${(e.attempts / e.requests).toFixed(2)} attempts per request in this run (${e.retries} retries)` : ''
    return `${h.from} → ${h.to}: up to ${fmtTimes(h.factor)}${h.ref.explicit ? '' : ' (the profile\'s default policy)'}${seen}`
  })
  if (chains.length > 1) evidence.push(`${chains.length - 1} more chain(s) from other traffic exceed ${AMPLIFICATION_THRESHOLD}×`)
  const retried = observed.some((e) => e !== undefined && e.retries > 0)
  const last = [...worst.hops].reverse().find((h) => h.ref.explicit && h.factor > 1) ?? worst.hops[0]!
  const leaf = worst.hops[worst.hops.length - 1]!.to
  return [{
    code: 'RETRY_003',
    severity: retried ? 'warning' : 'info',
    title: `retries multiply to ${fmtTimes(worst.product)} along ${worst.hops.map((h) => h.from).join(' → ')} → ${leaf}`,
    explanation:
      `Each sidecar retries on its own, so when ${leaf} fails, one user request can reach it ` +
      `${worst.hops.map((h) => fmtTimes(h.factor).slice(0, -1)).join(' × ')} = ${fmtTimes(worst.product).slice(0, -1)} times. ` +
      'Under overload those retries arrive exactly when the service can least absorb them (a retry storm). Retry at one layer ' +
      '(usually the hop next to the failing service), set attempts: 0 on the others, or bound retries with a retry budget ' +
      '(connectionPool.retryBudget in Envoy, retryBudget in Linkerd).',
    evidence,
    path: last.ref.explicit ? `${last.ref.path}.retries` : last.ref.path,
  }]
}

/** The retry-amplification analyser. */
export const retryAmplificationAnalyser: InsightAnalyser = {
  kind: 'retry_amplification',
  label: 'Retries multiplying along call chains',
  analyse,
}
