/**
 * Envoy retry conditions → HAProxy `retry-on` keywords (HAProxy 2.6: conn-failure,
 * empty-response, junk-response, response-timeout, 0rtt-rejected and the status codes 401,
 * 403, 404, 408, 425, 500, 501, 502, 503, 504). `null` = HAProxy cannot detect it.
 *
 * @see https://docs.haproxy.org/2.6/configuration.html#4-retry-on
 */
import type { RetryCondition } from '../../model/profiles'

const STATUS = new Set([401, 403, 404, 408, 425, 500, 501, 502, 503, 504])

const haproxyRetryOn: Record<RetryCondition, readonly string[] | null> = {
  '5xx': ['conn-failure', 'empty-response', 'response-timeout', '500', '501', '502', '503', '504'],
  'gateway-error': ['conn-failure', 'empty-response', 'response-timeout', '502', '503', '504'],
  reset: ['empty-response', 'junk-response', 'response-timeout'],
  'reset-before-request': ['conn-failure'],
  'connect-failure': ['conn-failure'],
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

/** The `retry-on` keywords, plus the conditions and codes HAProxy cannot detect. */
export function haproxyRetryKeywords(retryOn: readonly string[], codes: readonly number[]): { keywords: string[]; unsupported: string[] } {
  const keywords = new Set<string>()
  const unsupported: string[] = []
  for (const c of retryOn) {
    const mapped = haproxyRetryOn[c as RetryCondition]
    if (mapped === null || mapped === undefined) unsupported.push(c)
    else for (const k of mapped) keywords.add(k)
  }
  if (retryOn.includes('retriable-status-codes')) {
    for (const code of codes) (STATUS.has(code) ? keywords.add(String(code)) : unsupported.push(String(code)))
  }
  const order = ['conn-failure', 'empty-response', 'junk-response', 'response-timeout']
  const sorted = [...keywords].sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99) || (a < b ? -1 : 1))
  return { keywords: sorted, unsupported }
}
