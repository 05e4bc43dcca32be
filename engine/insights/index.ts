/**
 * The insights registry: every analyser, in report order (the four behaviours users fight
 * with first, then the chain-wide checks). A list only: no logic. To add an analyser, write
 * `engine/insights/<name>.ts` exporting an `InsightAnalyser`, add it here, and list its codes
 * in the catalogue of `types.ts`.
 */
import { breakerReachAnalyser } from './breakerReach'
import { ejectionLimitAnalyser } from './ejectionLimit'
import { gatewayErrorsAnalyser } from './gatewayErrors'
import { panicRoutingAnalyser } from './panicRouting'
import { perTryTimeoutAnalyser } from './perTryTimeout'
import { retryAmplificationAnalyser } from './retryAmplification'
import { singlePointOfFailureAnalyser } from './singlePointOfFailure'
import { timeoutInversionAnalyser } from './timeoutInversion'

/** Every insight analyser, in report order. */
export const insightAnalysers = [
  perTryTimeoutAnalyser,
  gatewayErrorsAnalyser,
  ejectionLimitAnalyser,
  panicRoutingAnalyser,
  retryAmplificationAnalyser,
  timeoutInversionAnalyser,
  breakerReachAnalyser,
  singlePointOfFailureAnalyser,
] as const

/** An analyser kind. */
export type InsightAnalyserKind = (typeof insightAnalysers)[number]['kind']
