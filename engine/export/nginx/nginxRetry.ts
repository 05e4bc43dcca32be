/**
 * Envoy retry conditions → nginx `proxy_next_upstream` conditions (error, timeout,
 * invalid_header, http_500, http_502, http_503, http_504, http_403, http_404, http_429).
 * `null` = nginx cannot detect it. nginx cannot retry a 501, so `5xx` covers 500/502/503/504.
 *
 * @see https://nginx.org/en/docs/http/ngx_http_proxy_module.html#proxy_next_upstream
 */
import type { RetryCondition } from '../../model/profiles'

const STATUS = new Set([403, 404, 429, 500, 502, 503, 504])

const nginxNextUpstream: Record<RetryCondition, readonly string[] | null> = {
  '5xx': ['error', 'timeout', 'http_500', 'http_502', 'http_503', 'http_504'],
  'gateway-error': ['error', 'timeout', 'http_502', 'http_503', 'http_504'],
  reset: ['error', 'timeout', 'invalid_header'],
  'reset-before-request': ['error'],
  'connect-failure': ['error'],
  'retriable-status-codes': [],
  'retriable-4xx': null,
  'refused-stream': null,
  'retriable-headers': null,
  'envoy-ratelimited': null,
  cancelled: null,
  'deadline-exceeded': null,
  'resource-exhausted': null,
  unavailable: null,
  internal: null,
}

const ORDER = ['error', 'timeout', 'invalid_header', 'http_500', 'http_502', 'http_503', 'http_504', 'http_403', 'http_404', 'http_429']

/** The `proxy_next_upstream` conditions, plus the conditions and codes nginx cannot detect. */
export function nginxRetryConditions(retryOn: readonly string[], codes: readonly number[]): { conditions: string[]; unsupported: string[] } {
  const found = new Set<string>()
  const unsupported: string[] = []
  for (const c of retryOn) {
    const mapped = nginxNextUpstream[c as RetryCondition]
    if (mapped === null || mapped === undefined) unsupported.push(c)
    else for (const k of mapped) found.add(k)
  }
  if (retryOn.includes('retriable-status-codes')) {
    for (const code of codes) (STATUS.has(code) ? found.add(`http_${code}`) : unsupported.push(String(code)))
  }
  return { conditions: ORDER.filter((c) => found.has(c)), unsupported }
}
