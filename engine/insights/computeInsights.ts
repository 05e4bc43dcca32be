/**
 * Runs every registered analyser over a scenario and (optionally) a run's numbers, and
 * orders the findings most severe first, registry order within a severity. A code found
 * more than MAX_PER_CODE times (a large topology with the same pattern everywhere) keeps its
 * first findings and folds the rest into one summary insight, so the output stays readable.
 * Pure: the same inputs give the same list. O(analysers × topology).
 */
import type { ResolvedScenario } from '../model/resolve'
import type { Scenario } from '../model/types'
import type { RunMetrics } from '../sim/summary'
import { insightAnalysers } from './index'
import type { Insight, InsightSeverity } from './types'

/** Findings of one code reported in full; the rest are summarised in one more insight. */
export const MAX_PER_CODE = 5

const RANK: Record<InsightSeverity, number> = { error: 0, warning: 1, info: 2 }
/** Titles listed in a summary's evidence. */
const LISTED = 20

/**
 * The insights of `scenario` (with every default applied in `resolved`) and, when given, of
 * a run's `metrics`.
 * @example computeInsights(scenario, resolveScenario(scenario), null) // static check, no run
 */
export function computeInsights(scenario: Scenario, resolved: ResolvedScenario, metrics: RunMetrics | null): Insight[] {
  const ctx = { scenario, resolved, metrics }
  const found = insightAnalysers.flatMap((a, order) => a.analyse(ctx).map((insight) => ({ insight, order })))
  // Array.prototype.sort is stable: registry and emission order survive within a severity.
  found.sort((a, b) => RANK[a.insight.severity] - RANK[b.insight.severity] || a.order - b.order)
  return capPerCode(found.map((f) => f.insight))
}

function capPerCode(list: Insight[]): Insight[] {
  const byCode = new Map<string, Insight[]>()
  for (const i of list) byCode.set(i.code, [...(byCode.get(i.code) ?? []), i])
  const out: Insight[] = []
  for (const i of list) {
    const same = byCode.get(i.code)!
    const index = same.indexOf(i)
    if (index < MAX_PER_CODE) out.push(i)
    else if (index === MAX_PER_CODE) out.push(summary(same.slice(MAX_PER_CODE)))
  }
  return out
}

function summary(rest: readonly Insight[]): Insight {
  const first = rest[0]!
  return {
    code: first.code,
    severity: first.severity,
    title: `${rest.length} more ${first.code} finding${rest.length > 1 ? 's' : ''} like the ones above`,
    explanation: 'The same pattern appears elsewhere in the scenario; each is listed below with its subject.',
    evidence: [...rest.slice(0, LISTED).map((i) => `${i.title} (at ${i.path})`), ...(rest.length > LISTED ? [`… and ${rest.length - LISTED} more`] : [])],
    path: first.path,
  }
}
