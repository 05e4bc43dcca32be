/**
 * Envoy circuit breakers: per-cluster resource limits and the retry budget.
 *
 * Algorithm: four counters (connections, pending requests, requests, retries), each with a
 * maximum. `canCreate()` is `inUse < max()`; `inc()` never refuses (the caller asks first,
 * and Envoy itself may briefly overshoot); `remaining()` is `max(max() − inUse, 0)`.
 * With a retry budget, the retries limit is dynamic:
 *   retries.max() = max(trunc(budgetPercent / 100 × (requests in use + pending in use)),
 *                       minRetryConcurrency)
 * evaluated on every call, as Envoy's `RetryBudgetImpl::max()` is (double arithmetic, then a
 * cast to uint64 that truncates). No tie-breaking applies. O(1) per call, no allocation.
 *
 * NOTE(model): one manager stands for one routing priority (DEFAULT or HIGH); create one per
 * priority if both are modelled. Runtime overrides, `max_connection_pools` and the per-host
 * thresholds are not modelled. `remaining()` on a budgeted retries limit reports the value
 * the formula gives, whereas Envoy zeroes its `remaining_retries` gauge in that mode.
 *
 * @see https://github.com/envoyproxy/envoy/blob/main/source/common/upstream/resource_manager_impl.h
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/cluster/v3/circuit_breaker.proto
 */

/** One circuit-breaker resource, shaped like Envoy's `ResourceLimit`. */
export interface ResourceLimit {
  /** Current maximum (for a retry budget, recomputed from the other resources on each call). */
  max(): number
  /** True when one more unit fits: `inUse < max()`. */
  canCreate(): boolean
  /** `max(max() − inUse, 0)`. */
  remaining(): number
  /** Takes one unit. Never refuses; call `canCreate()` first. */
  inc(): void
  /** Releases one unit. @throws RangeError when nothing is in use (Envoy asserts here). */
  dec(): void
}

/** A `ResourceLimit` that also reports how many units are in use (Envoy's `count()`). */
export interface CountedResourceLimit extends ResourceLimit {
  /** Units in use: `inc()` calls minus `dec()` calls; never negative. */
  count(): number
}

/** The four limits of one cluster (one routing priority). */
export interface ResourceManager {
  readonly connections: CountedResourceLimit
  readonly pendingRequests: CountedResourceLimit
  readonly requests: CountedResourceLimit
  readonly retries: CountedResourceLimit
}

/** Envoy's retry budget (`circuit_breakers.thresholds[].retry_budget`). */
export interface RetryBudgetConfig {
  /** Percent of active plus pending requests that may be retries; default 20. */
  budgetPercent?: number
  /** Floor on concurrent retries; default 3. */
  minRetryConcurrency?: number
}

/** Thresholds of `createResourceManager`; unset fields take Envoy's defaults. */
export interface ResourceManagerOptions {
  /** Default 1024. */
  maxConnections?: number
  /** Default 1024. */
  maxPendingRequests?: number
  /** Default 1024. */
  maxRequests?: number
  /** Default 3; ignored when `retryBudget` is present. */
  maxRetries?: number
  /** When present (even `{}`), replaces `maxRetries` with the budget formula. */
  retryBudget?: RetryBudgetConfig
}

/** Envoy's defaults when a cluster sets no threshold. */
export const DEFAULT_MAX_CONNECTIONS = 1024
/** @see DEFAULT_MAX_CONNECTIONS */
export const DEFAULT_MAX_PENDING_REQUESTS = 1024
/** @see DEFAULT_MAX_CONNECTIONS */
export const DEFAULT_MAX_REQUESTS = 1024
/** @see DEFAULT_MAX_CONNECTIONS */
export const DEFAULT_MAX_RETRIES = 3
/** Retry budget default `budget_percent`. */
export const DEFAULT_RETRY_BUDGET_PERCENT = 20
/** Retry budget default `min_retry_concurrency`. */
export const DEFAULT_MIN_RETRY_CONCURRENCY = 3

function checkLimit(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`)
  }
  return value
}

/**
 * A counter with a maximum: a number, or a function for a dynamic one (the retry budget). A
 * class, not closures: admission reads one object instead of a chain of closures and contexts.
 */
class Limit implements CountedResourceLimit {
  private inUse = 0

  constructor(private readonly limit: number | (() => number)) {}

  max(): number {
    return typeof this.limit === 'number' ? this.limit : this.limit()
  }

  canCreate(): boolean {
    return this.inUse < this.max()
  }

  remaining(): number {
    return Math.max(this.max() - this.inUse, 0)
  }

  count(): number {
    return this.inUse
  }

  inc(): void {
    this.inUse++
  }

  dec(): void {
    if (this.inUse === 0) throw new RangeError('ResourceLimit.dec() without a matching inc()')
    this.inUse--
  }
}

/**
 * Builds one cluster's circuit-breaker limits.
 *
 * @example
 * const rm = createResourceManager({ retryBudget: { budgetPercent: 20, minRetryConcurrency: 5 } })
 * rm.retries.max() // 5 while nothing is active
 * @throws RangeError when a maximum is not a non-negative integer or the budget percent is
 *   outside [0, 100].
 * @see https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/upstream/circuit_breaking
 */
export function createResourceManager(opts: ResourceManagerOptions = {}): ResourceManager {
  const maxConnections = checkLimit('maxConnections', opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS)
  const maxPending = checkLimit('maxPendingRequests', opts.maxPendingRequests ?? DEFAULT_MAX_PENDING_REQUESTS)
  const maxRequests = checkLimit('maxRequests', opts.maxRequests ?? DEFAULT_MAX_REQUESTS)
  const maxRetries = checkLimit('maxRetries', opts.maxRetries ?? DEFAULT_MAX_RETRIES)

  const connections = new Limit(maxConnections)
  const pendingRequests = new Limit(maxPending)
  const requests = new Limit(maxRequests)

  const budget = opts.retryBudget
  if (budget === undefined) {
    return { connections, pendingRequests, requests, retries: new Limit(maxRetries) }
  }
  const percent = budget.budgetPercent ?? DEFAULT_RETRY_BUDGET_PERCENT
  if (!(percent >= 0 && percent <= 100)) {
    throw new RangeError(`retryBudget.budgetPercent must be within [0, 100], got ${percent}`)
  }
  const minConcurrency = checkLimit('retryBudget.minRetryConcurrency', budget.minRetryConcurrency ?? DEFAULT_MIN_RETRY_CONCURRENCY)
  // Same operation order as Envoy (percent / 100.0 * active), then the uint64 cast truncates.
  const budgetMax = (): number =>
    Math.max(Math.trunc((percent / 100) * (requests.count() + pendingRequests.count())), minConcurrency)
  return { connections, pendingRequests, requests, retries: new Limit(budgetMax) }
}
