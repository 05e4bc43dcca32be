/**
 * The sidecar pipeline registry: one stage per module, in the order a request meets them
 * in the description. A list only: no logic. To make a stage exact, replace its
 * module here with one of the same shape; the engine reads stages by kind from `stages`.
 *
 * Execution order in the engine: fault injection (Envoy's fault filter runs before the
 * router) → route match → weighted split → connection-pool admission → balancer pick →
 * per-try timeout → retry decision → outlier bookkeeping.
 */
import { balancerPickStage } from './balancerPick'
import { connectionPoolStage } from './connectionPool'
import { faultInjectionStage } from './faultInjection'
import { outlierBookkeepingStage } from './outlierBookkeeping'
import { perTryTimeoutStage } from './perTryTimeout'
import { retryDecisionStage } from './retryDecision'
import { routeMatchStage } from './routeMatch'
import { weightedSplitStage } from './weightedSplit'

/** Every sidecar stage, in pipeline order. */
export const sidecarStages = [
  routeMatchStage,
  weightedSplitStage,
  connectionPoolStage,
  balancerPickStage,
  perTryTimeoutStage,
  retryDecisionStage,
  outlierBookkeepingStage,
  faultInjectionStage,
] as const

/** A stage kind. */
export type SidecarStageKind = (typeof sidecarStages)[number]['kind']

type StageMap = { [S in (typeof sidecarStages)[number] as S['kind']]: S }

function byKind(list: typeof sidecarStages): StageMap {
  const out: Record<string, unknown> = {}
  for (const stage of list) {
    if (out[stage.kind]) throw new Error(`duplicate sidecar stage '${stage.kind}'`)
    out[stage.kind] = stage
  }
  return out as StageMap
}

/** The stages by kind. */
export const stages: StageMap = byKind(sidecarStages)
