import { describe, expect, it } from 'vitest'
import { isDenied } from './authz'

describe('authorization (Istio AuthorizationPolicy semantics)', () => {
  it('allows everything when a service has no policy', () => {
    expect(isDenied([], 'ratings', 'anyone', '/', 'GET')).toBe(false)
  })

  it('with ALLOW rules, only matching callers, paths and methods pass', () => {
    const rules = [{ service: 'ratings', action: 'ALLOW' as const, from: ['reviews'], paths: ['/ratings/*'], methods: ['GET'] }]
    expect(isDenied(rules, 'ratings', 'reviews', '/ratings/0', 'get')).toBe(false)
    expect(isDenied(rules, 'ratings', 'productpage', '/ratings/0', 'GET')).toBe(true)
    expect(isDenied(rules, 'ratings', 'reviews', '/admin', 'GET')).toBe(true)
    expect(isDenied(rules, 'ratings', 'reviews', '/ratings/0', 'POST')).toBe(true)
    expect(isDenied(rules, 'details', 'productpage', '/', 'GET')).toBe(false)
  })

  it('DENY wins over ALLOW; * matches any caller; suffix paths', () => {
    const rules = [
      { service: 'api', action: 'ALLOW' as const, from: ['*'] },
      { service: 'api', action: 'DENY' as const, from: ['ingress'], paths: ['*.php'] },
    ]
    expect(isDenied(rules, 'api', 'ingress', '/index.php', 'GET')).toBe(true)
    expect(isDenied(rules, 'api', 'ingress', '/index.html', 'GET')).toBe(false)
    expect(isDenied(rules, 'api', 'web', '/index.php', 'GET')).toBe(false)
  })
})
