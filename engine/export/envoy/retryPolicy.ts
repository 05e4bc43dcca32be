/**
 * Route retry policy: the scenario's `retries`, else the mesh profile's default policy
 * (Istio: 2 retries on connect-failure, refused-stream, unavailable, cancelled and
 * retriable 503, previous_hosts predicate with 5 host-selection attempts; plain Envoy: none).
 *
 * As Istio does, retriable status codes imply `retriable-status-codes` in `retry_on`, the
 * previous_hosts predicate is left out for consistent-hash balancers (it would defeat the
 * hash), and `attempts: 0` means no retry policy at all.
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto#config-route-v3-retrypolicy
 * @see mesh-algorithms.md §8 and §15.1
 */
import type { RouteRule } from '../../model/types'
import type { EnvoyContext } from './envoyContext'
import type { Json } from './envoyValues'
import { ENVOY_TYPES, protoDuration, typedConfig } from './envoyValues'

/** The route's `retry_policy`, or undefined for none. `hashing`: the balancer hashes requests. */
export function retryPolicy(ctx: EnvoyContext, retries: RouteRule['retries'], hashing: boolean): Json | undefined {
  const p = ctx.profile
  if (!retries) {
    const d = p.defaultRetries
    if (!d || d.attempts === 0) return undefined
    return build({
      attempts: d.attempts, retryOn: d.retryOn, codes: d.retriableStatusCodes, perTryMs: d.perTryTimeoutMs || undefined,
      previousHosts: d.previousHosts && !hashing, hostAttempts: d.hostSelectionRetryMaxAttempts,
    })
  }
  if (retries.attempts === 0) return undefined
  const retryOn = retries.retryOn ?? p.retryOn
  const codes = retries.retriableStatusCodes ?? (retries.retryOn ? [] : p.retriableStatusCodes)
  return build({
    attempts: retries.attempts,
    retryOn,
    codes,
    perTryMs: retries.perTryTimeout,
    backoff: retries.backoff,
    previousHosts: (retries.retryIgnorePreviousHosts ?? p.previousHosts) && !hashing,
    hostAttempts: p.hostSelectionRetryMaxAttempts,
  })
}

interface RetryInput {
  readonly attempts: number
  readonly retryOn: readonly string[]
  readonly codes: readonly number[]
  readonly perTryMs?: number
  readonly backoff?: { readonly base: number; readonly max?: number }
  readonly previousHosts: boolean
  readonly hostAttempts: number
}

function build(r: RetryInput): Json {
  const on = [...r.retryOn]
  if (r.codes.length && !on.includes('retriable-status-codes')) on.push('retriable-status-codes')
  return {
    retry_on: on.join(','),
    num_retries: r.attempts,
    per_try_timeout: r.perTryMs ? protoDuration(r.perTryMs) : undefined,
    retriable_status_codes: r.codes.length ? [...r.codes] : undefined,
    retry_back_off: r.backoff && {
      base_interval: protoDuration(r.backoff.base),
      max_interval: r.backoff.max === undefined ? undefined : protoDuration(r.backoff.max),
    },
    retry_host_predicate: r.previousHosts ? [{ name: 'envoy.retry_host_predicates.previous_hosts', typed_config: typedConfig(ENVOY_TYPES.previousHosts) }] : undefined,
    // Envoy's default is 1; the field is only worth writing when the profile raises it (Istio: 5).
    host_selection_retry_max_attempts: r.previousHosts && r.hostAttempts > 1 ? r.hostAttempts : undefined,
  }
}
