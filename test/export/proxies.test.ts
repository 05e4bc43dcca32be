/**
 * HAProxy and nginx edge-proxy exports: every bundled scenario, with every service as the
 * edge, exports without errors and passes the real `haproxy -c` and `nginx -t` (and the
 * in-app lint); mutated configs are rejected; weights reproduce the split exactly.
 *
 * nginx 1.22 resolves upstream host names when it loads, and the default server names
 * (`<svc>-<version>-<i>.<ns>.svc.cluster.local`) resolve only inside a cluster, so nginx is
 * checked with the servers pointed at 127.0.0.1 (options.edge.upstreamAddresses); HAProxy is
 * checked with the default names (init-addr none lets it start unresolved).
 */
import { describe, expect, it } from 'vitest'
import { serverWeights } from '../../engine/export/edge/edgePlan'
import { exportHaproxy, haproxyExporter } from '../../engine/export/haproxy/haproxyExporter'
import { exportNginx, nginxExporter } from '../../engine/export/nginx/nginxExporter'
import type { Scenario } from '../../engine/model/types'
import { FEATURES_SCENARIO, bundledScenarios, scenarioFrom } from './exportFixtures'
import { haproxyCheck, nginxCheck } from './proxyTools'

/** Every replica of every version of `service` on a distinct 127.0.0.1 port. */
function loopbackAddresses(scenario: Scenario, service: string): Record<string, string[]> {
  const svc = scenario.services.find((s) => s.name === service)!
  let port = 20000
  return Object.fromEntries(svc.versions.map((v) => [v.name, Array.from({ length: v.replicas ?? 1 }, () => `127.0.0.1:${port++}`)]))
}

describe('edge proxies: bundled scenarios, every service as the edge', () => {
  for (const { name, scenario } of bundledScenarios()) {
    it(`${name}: haproxy -c and nginx -t accept every export, no error diagnostics`, () => {
      for (const svc of scenario.services) {
        const hp = exportHaproxy(scenario, { edgeService: svc.name })
        expect(hp.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        expect(haproxyExporter.validate(hp.files)).toEqual([])
        const hpCheck = haproxyCheck(hp.files[0]!.content)
        expect(hpCheck.ok, `${svc.name}\n${hpCheck.output}`).toBe(true)
        const ng = exportNginx(scenario, { edgeService: svc.name, edge: { listen: '127.0.0.1:18080', upstreamAddresses: loopbackAddresses(scenario, svc.name) } })
        expect(ng.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        expect(nginxExporter.validate(ng.files)).toEqual([])
        const ngCheck = nginxCheck(ng.files[0]!.content)
        expect(ngCheck.ok, `${svc.name}\n${ngCheck.output}`).toBe(true)
      }
    })
  }

  it('the default edge is the first traffic source’s target; unknown edges are errors', () => {
    const bookinfo = bundledScenarios().find((s) => s.name === 'bookinfo')!.scenario
    expect(exportHaproxy(bookinfo).files[0]!.content).toContain('backend productpage_default')
    const bad = exportNginx(bookinfo, { edgeService: 'nope' })
    expect(bad.files).toEqual([])
    expect(bad.diagnostics).toMatchObject([{ code: 'EXPORT_NGINX_001', severity: 'error' }])
  })
})

describe('edge proxies map the route', () => {
  const bookinfo = bundledScenarios().find((s) => s.name === 'bookinfo')!.scenario

  it('server weights reproduce the split exactly: 90/10 over 2 + 1 replicas → 9, 9, 2', () => {
    expect(serverWeights([{ version: 'v1', weight: 90, replicas: 2 }, { version: 'v3', weight: 10, replicas: 1 }])).toEqual([9, 2])
    expect(serverWeights([{ version: 'a', weight: 50, replicas: 3 }, { version: 'b', weight: 50, replicas: 2 }])).toEqual([2, 3])
    expect(serverWeights([{ version: 'a', weight: 100, replicas: 1 }, { version: 'b', weight: 0, replicas: 4 }])).toEqual([1, 0])
  })

  it('HAProxy: weighted servers, retries, per-try timeout, checks and passive ejection', () => {
    const cfg = exportHaproxy(bookinfo, { edgeService: 'reviews' }).files[0]!.content
    expect(cfg).toContain('    balance roundrobin\n')
    expect(cfg).toContain('    retries 2\n    retry-on conn-failure empty-response response-timeout 500 501 502 503 504\n    option redispatch 1\n')
    expect(cfg).toContain('    timeout server 500ms\n')
    expect(cfg).toContain('check inter 10s downinter 30s fall 5 rise 1 observe layer7 error-limit 5 on-error mark-down')
    expect(cfg).toContain('    server reviews-v1-1 reviews-v1-1.default.svc.cluster.local:9080 weight 9\n    server reviews-v3-0 reviews-v3-0.default.svc.cluster.local:9080 weight 2\n')
  })

  it('nginx: weighted servers, max_fails/fail_timeout, proxy_next_upstream with tries and the whole-request timeout', () => {
    const cfg = exportNginx(bookinfo, { edgeService: 'reviews', edge: { upstreamAddresses: { v1: ['10.0.0.1:9080', '10.0.0.2:9080'], v3: ['10.0.0.3:9080'] } } }).files[0]!.content
    expect(cfg).toContain('        server 10.0.0.3:9080 weight=2 max_fails=5 fail_timeout=30s;\n')
    expect(cfg).toContain('proxy_next_upstream error timeout http_500 http_502 http_503 http_504 non_idempotent;')
    expect(cfg).toContain('proxy_next_upstream_tries 3;')
    expect(cfg).toContain('proxy_next_upstream_timeout 2s;')
    expect(cfg).toContain('proxy_read_timeout 500ms;')
  })

  it('matches become ACLs and locations; what cannot be expressed is reported', () => {
    const features = scenarioFrom(FEATURES_SCENARIO)
    const hp = exportHaproxy(features, { edgeService: 'api' })
    expect(hp.files[0]!.content).toContain('    acl api_beta_m0_h0 req.hdr(x-beta) -m str yes\n    use_backend api_beta if api_beta_m0_h0\n')
    expect(hp.files[0]!.content).toContain('    balance hdr(x-user)\n    hash-type consistent\n')
    expect(hp.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['EXPORT_HAPROXY_002', 'EXPORT_HAPROXY_003', 'EXPORT_HAPROXY_004', 'EXPORT_HAPROXY_005', 'EXPORT_HAPROXY_011', 'EXPORT_HAPROXY_013']))
    expect(haproxyCheck(hp.files[0]!.content).ok).toBe(true)
    const ng = exportNginx(features, { edgeService: 'api', edge: { upstreamAddresses: { v1: ['127.0.0.1:1', '127.0.0.1:2', '127.0.0.1:3'], v2: ['127.0.0.1:4'] } } })
    expect(ng.files[0]!.content).toContain('hash $http_x_user consistent;')
    expect(ng.diagnostics.map((d) => `${d.code} ${d.path}`)).toContain('EXPORT_NGINX_010 routes[0].rules[0].match[0]')
    expect(nginxCheck(ng.files[0]!.content).ok).toBe(true)
  })
})

describe('edge proxies reject mutated configs', () => {
  const bookinfo = bundledScenarios().find((s) => s.name === 'bookinfo')!.scenario
  const hp = () => exportHaproxy(bookinfo, { edgeService: 'reviews' }).files[0]!
  const ng = () => exportNginx(bookinfo, { edgeService: 'reviews', edge: { listen: '127.0.0.1:18080', upstreamAddresses: { v1: ['127.0.0.1:1', '127.0.0.1:2'], v3: ['127.0.0.1:3'] } } }).files[0]!
  const mutations: [string, string, string][] = [
    ['a typo in a keyword', 'retry-on', 'retry-onn'],
    ['a weight above 256', 'weight 2\n', 'weight 300\n'],
    ['a dangling backend', 'default_backend reviews_canary', 'default_backend reviews_canry'],
  ]
  for (const [what, from, to] of mutations) {
    it(`haproxy -c rejects ${what}`, () => {
      const file = hp()
      const content = file.content.replace(from, to)
      expect(content).not.toBe(file.content)
      expect(haproxyCheck(content).ok).toBe(false)
    })
  }
  it('the lint catches the weight and the dangling backend too', () => {
    const file = hp()
    expect(haproxyExporter.validate([{ ...file, content: file.content.replace('weight 2\n', 'weight 300\n') }])).toHaveLength(1)
    expect(haproxyExporter.validate([{ ...file, content: file.content.replace('default_backend reviews_canary', 'default_backend nope') }])).toHaveLength(1)
  })
  const ngMutations: [string, string, string][] = [
    ['a typo in a directive', 'proxy_next_upstream_tries', 'proxy_next_upstream_trys'],
    ['a missing semicolon', 'least_conn;', 'least_conn'],
    ['a dangling upstream', 'proxy_pass http://reviews_canary;', 'proxy_pass http://reviews_canry;'],
    ['a bad retry condition', 'http_503 http_504', 'http_503 http_501'],
  ]
  for (const [what, from, to] of ngMutations) {
    it(`nginx -t rejects ${what}`, () => {
      const file = ng()
      const content = file.content.replace(from, to)
      expect(content).not.toBe(file.content)
      expect(nginxCheck(content).ok).toBe(false)
    })
  }
  it('the unmutated configs pass (the control)', () => {
    expect(haproxyCheck(hp().content).ok).toBe(true)
    expect(nginxCheck(ng().content).ok).toBe(true)
  })
})
