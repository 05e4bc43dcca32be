/**
 * HAProxy and nginx edge-proxy exports: every bundled scenario, with every service as the
 * edge, exports without errors and passes the real `haproxy -c` and `nginx -t` (and the
 * in-app lint); mutated configs are rejected; weights reproduce the split exactly.
 *
 * nginx 1.22 resolves upstream host names when it loads, and the default server names (the
 * per-version headless Services, `<svc>-<version>.<ns>.svc.cluster.local`) resolve only
 * inside a cluster, so nginx is checked with the servers pointed at 127.0.0.1
 * (options.edge.upstreamAddresses); HAProxy is checked with the default names (server-template
 * slots start empty: init-addr none).
 */
import { describe, expect, it } from 'vitest'
import { splitWeights } from '../../engine/export/edge/edgePlan'
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

  it('the split is a weighted round robin over versions with the weights reduced: 90/10 → 9/1', () => {
    expect(splitWeights([90, 10])).toEqual([9, 1])
    expect(splitWeights([80, 20])).toEqual([4, 1])
    expect(splitWeights([60, 30, 10])).toEqual([6, 3, 1])
    expect(splitWeights([100, 0])).toEqual([1, 0])
  })

  it('HAProxy: the split picks the version, each version has its retries, per-try timeout, checks and pods', () => {
    const cfg = exportHaproxy(bookinfo, { edgeService: 'reviews' }).files[0]!.content
    expect(cfg).toContain('backend reviews_canary\n    balance roundrobin\n    retries 0\n    timeout server 2s\n    server v1 127.0.0.1:8081 weight 9\n    server v3 127.0.0.1:8082 weight 1\n')
    expect(cfg).toContain('listen reviews_canary_v3\n    bind 127.0.0.1:8082\n    balance leastconn\n')
    expect(cfg).toContain('    retries 2\n    retry-on conn-failure empty-response response-timeout 500 501 502 503 504\n    option redispatch 1\n')
    expect(cfg).toContain('    timeout server 500ms\n')
    expect(cfg).toContain('check inter 10s fall 5 rise 4 observe layer7 error-limit 5 on-error mark-down')
    expect(cfg).toContain('    server-template reviews-v1- 2 reviews-v1.default.svc.cluster.local:9080\n')
    expect(cfg).toContain('    server-template reviews-v3- 1 reviews-v3.default.svc.cluster.local:9080\n')
    expect(cfg).toContain('resolvers cluster\n    parse-resolv-conf\n')
  })

  it('nginx: the split upstream picks the version, each version has its upstream, max_fails/fail_timeout, tries and timeouts', () => {
    const { files, diagnostics } = exportNginx(bookinfo, { edgeService: 'reviews', edge: { upstreamAddresses: { v1: ['10.0.0.1:9080', '10.0.0.2:9080'], v3: ['10.0.0.3:9080'] } } })
    const cfg = files[0]!.content
    expect(cfg).toContain('    upstream reviews_canary {\n        server 127.0.0.1:8081 weight=9 max_fails=0;\n        server 127.0.0.1:8082 weight=1 max_fails=0;\n')
    expect(cfg).toContain('    upstream reviews_canary_v3 {\n        least_conn;\n        server 10.0.0.3:9080 max_fails=5 fail_timeout=30s;\n    }\n')
    expect(cfg).toContain('proxy_next_upstream error timeout http_500 http_502 http_503 http_504 non_idempotent;')
    expect(cfg).toContain('proxy_next_upstream_tries 3;')
    expect(cfg).toContain('proxy_next_upstream_timeout 2s;')
    expect(cfg).toContain('proxy_read_timeout 500ms;')
    expect(cfg).toContain('        listen 127.0.0.1:8082;\n')
    expect(diagnostics.map((d) => `${d.code} ${d.path}`)).toContain('EXPORT_NGINX_017 routes[0].rules[0].retries')
    // v3's only pod: Envoy may not eject it at maxEjectionPercent 50 % either; at 100 % it does, nginx never
    expect(diagnostics.map((d) => d.code)).not.toContain('EXPORT_NGINX_018')
    const all = structuredClone(bookinfo)
    all.destinations![0]!.outlierDetection!.maxEjectionPercent = 100
    expect(exportNginx(all, { edgeService: 'reviews' }).diagnostics.map((d) => `${d.code} ${d.path}`)).toContain('EXPORT_NGINX_018 services[2].versions[2].replicas')
    const named = exportNginx(bookinfo, { edgeService: 'reviews' })
    expect(named.files[0]!.content).toContain('        server reviews-v1.default.svc.cluster.local:9080 max_fails=5 fail_timeout=30s;\n')
    expect(named.diagnostics.map((d) => `${d.code} ${d.path}`)).toContain('EXPORT_NGINX_016 services[2].versions[0].replicas')
  })

  it('a version without pods gets no share and no internal listener; its weight is reported', () => {
    const none = structuredClone(bookinfo)
    none.services.find((x) => x.name === 'reviews')!.versions.find((v) => v.name === 'v3')!.replicas = 0
    const hp = exportHaproxy(none, { edgeService: 'reviews' })
    expect(hp.files[0]!.content).toContain('    default_backend reviews_canary_v1\n')
    expect(hp.files[0]!.content).not.toContain('127.0.0.1:')
    expect(hp.diagnostics.map((d) => `${d.code} ${d.path}`)).toContain('EXPORT_HAPROXY_014 routes[0].rules[0].split')
    expect(haproxyCheck(hp.files[0]!.content).ok).toBe(true)
  })

  it('a service without a route is one group of every pod, with the mesh’s default retries', () => {
    const cfg = exportHaproxy(bookinfo, { edgeService: 'details' }).files[0]!.content
    expect(cfg).toContain('backend details_default_all\n')
    expect(cfg).toContain('    server-template details-v1- 2 details-v1.default.svc.cluster.local:9080\n')
    expect(cfg).not.toContain('127.0.0.1:')
  })

  it('matches become ACLs and locations; what cannot be expressed is reported', () => {
    const features = scenarioFrom(FEATURES_SCENARIO)
    const hp = exportHaproxy(features, { edgeService: 'api' })
    expect(hp.files[0]!.content).toContain('    acl api_beta_v2_m0_h0 req.hdr(x-beta) -m str yes\n    use_backend api_beta_v2 if api_beta_v2_m0_h0\n')
    // the version's own balancer: v1 hashes, v2 overrides it with round robin
    expect(hp.files[0]!.content).toContain('listen api_main_v1\n    bind 127.0.0.1:8081\n    balance hdr(x-user)\n    hash-type consistent\n')
    expect(hp.files[0]!.content).toContain('listen api_main_v2\n    bind 127.0.0.1:8082\n    balance roundrobin\n')
    expect(hp.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['EXPORT_HAPROXY_002', 'EXPORT_HAPROXY_003', 'EXPORT_HAPROXY_004', 'EXPORT_HAPROXY_011', 'EXPORT_HAPROXY_013']))
    // the split's backend enforces the whole-request timeout across the version's tries
    expect(hp.diagnostics.map((d) => d.code)).not.toContain('EXPORT_HAPROXY_005')
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
    ['a weight above 256', 'weight 1\n', 'weight 300\n'],
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
  it('the lint catches the weight, the dangling backend and a server-template port too', () => {
    const file = hp()
    expect(haproxyExporter.validate([{ ...file, content: file.content.replace('weight 1\n', 'weight 300\n') }])).toHaveLength(1)
    expect(haproxyExporter.validate([{ ...file, content: file.content.replace('default_backend reviews_canary', 'default_backend nope') }])).toHaveLength(1)
    expect(haproxyExporter.validate([{ ...file, content: file.content.replace('svc.cluster.local:9080\n', 'svc.cluster.local:99999\n') }])).toHaveLength(1)
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
