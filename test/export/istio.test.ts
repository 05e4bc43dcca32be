/**
 * The Istio exporter: every bundled scenario exports without errors into files that both the
 * upstream CRDs (../shared) and the bundled schemas accept; mutated exports are rejected; each
 * mapping and each diagnostic is pinned on a scenario that uses every feature.
 */
import { describe, expect, it } from 'vitest'
import { exportIstio, istioExporter } from '../../engine/export/istio/istioExporter'
import { getExporter } from '../../engine/export/index'
import { FEATURES_SCENARIO, bundledScenarios, scenarioFrom } from './exportFixtures'
import { docOf, mutate, validateBoth } from './meshSupport'

const ISTIO_FEATURES = `
formatVersion: 1
name: Istio features!
mesh: envoy
duration: 30s
services:
  - name: web
    versions: [{name: v1}]
    calls: [{to: api}, {to: db}]
  - name: api
    port: 9090
    versions: [{name: v1, replicas: 2}, {name: v2}]
  - name: db
    namespace: data
    port: 5432
    protocol: tcp
    versions: [{name: v1}, {name: v2}]
traffic:
  - {name: users, to: web, load: {kind: constant, rate: 10rps}, mix: [{path: /, weight: 1}]}
  - {name: partners, to: api, load: {kind: constant, rate: 5rps}, mix: [{path: /partner, weight: 1}]}
routes:
  - service: api
    rules:
      - name: beta
        match: [{path: {prefix: /beta}, method: POST, headers: {X-User: {exact: tester}}}, {path: {regex: '/b[0-9]+'}}]
        split: [{version: v2, weight: 100}]
        fault:
          delay: {percent: 10%, distribution: {kind: lognormal, p50: 40ms, p99: 200ms}}
          abort: {percent: 5%, httpStatus: 503}
          headers: {x-chaos: {exact: 'on'}}
      - name: main
        split: [{version: v1, weight: 75}, {version: v2, weight: 25}]
        timeout: 3s
        retries: {attempts: 3, perTryTimeout: 250ms, retriableStatusCodes: [503, 409], backoff: {base: 50ms, max: 1s}, retryIgnorePreviousHosts: false}
        mirror: {version: v2, percent: 12.5%}
  - service: db
    rules:
      - split: [{version: v1, weight: 90}, {version: v2, weight: 10}]
        timeout: 1s
destinations:
  - service: api
    loadBalancer: {kind: ring_hash, hashOn: {cookie: session}, minimumRingSize: 2048, maximumRingSize: 4096}
    slowStart: {window: 30s, aggression: 2, minWeightPercent: 10%}
    connectionPool: {maxConnections: 100, maxPendingRequests: 0, maxRequests: 200, maxRetries: 3, connectTimeout: 250ms, retryBudget: {percent: 25%, minRetryConcurrency: 5}}
    outlierDetection: {consecutive5xxErrors: 3, interval: 5s, baseEjectionTime: 15s, maxEjectionTime: 2m, maxEjectionPercent: 33.5%, successRate: {minimumHosts: 3}}
    tls: {mode: MUTUAL}
    retryBudget: {retryRatio: 0.2, minRetriesPerSecond: 10, ttl: 10s}
    failureAccrual: {maxFailures: 5}
    versions:
      - {name: v2, loadBalancer: {kind: p2c_ewma}, tls: {mode: ISTIO_MUTUAL}}
  - service: db
    loadBalancer: {kind: maglev, hashOn: {sourceIp: true}, tableSize: 65537}
security:
  mtls: {mode: STRICT, services: {db: PERMISSIVE}}
  authorization:
    - {name: Web Only, service: api, action: ALLOW, from: [web, ingress], paths: [/v1/*], methods: [GET]}
    - {service: db, action: DENY, from: ['*']}
rollouts:
  - {kind: canary, service: api, from: v1, to: v2, steps: [{weight: 50, hold: 5s}]}
`

describe('Istio export of every bundled scenario', () => {
  for (const { name, scenario } of bundledScenarios()) {
    it(`${name}: no error diagnostics, and every file passes the ../shared CRDs and the bundled schemas`, () => {
      const result = istioExporter.export(scenario)
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      expect(result.files.length).toBeGreaterThan(0)
      expect(validateBoth(result.files)).toEqual({ shared: [], bundled: [] })
      expect(istioExporter.export(scenario)).toEqual(result)
    })
  }

  for (const mesh of ['istio', 'linkerd', 'envoy']) {
    it(`the shared features scenario as a ${mesh} scenario, in namespace 'shop': valid, and every diagnostic names a model field`, () => {
      const scenario = scenarioFrom(FEATURES_SCENARIO.replace('mesh: envoy', `mesh: ${mesh}`))
      const result = exportIstio(scenario, { namespace: 'shop' })
      expect(validateBoth(result.files)).toEqual({ shared: [], bundled: [] })
      expect(result.files.every((f) => !f.content.includes('namespace: default'))).toBe(true)
      for (const d of result.diagnostics) expect(d.path).toMatch(/^(routes|destinations|security|traffic|rollouts)\[\d+\]/)
    })
  }

  it('is registered as the istio target', () => {
    expect(getExporter('istio')).toBe(istioExporter)
  })
})

describe('mutated Istio exports are rejected by both validators', () => {
  const bookinfo = bundledScenarios().find((s) => s.name === 'bookinfo')!.scenario
  const { files } = exportIstio(bookinfo)
  const cases: { what: string; file: string; edit: (d: Record<string, any>) => void; field: string }[] = [
    { what: 'a typo in a field name', file: 'virtualservice-default-reviews', edit: (d) => { d.spec.http[0].timout = d.spec.http[0].timeout }, field: 'spec.http[0].timout' },
    { what: 'a wrong enum value', file: 'destinationrule-default-reviews', edit: (d) => { d.spec.trafficPolicy.loadBalancer.simple = 'LEAST_REQUESTS' }, field: 'spec.trafficPolicy.loadBalancer.simple' },
    { what: 'a negative weight', file: 'virtualservice-default-reviews', edit: (d) => { d.spec.http[0].route[0].weight = -90 }, field: 'spec.http[0].route[0].weight' },
    { what: 'a subset no DestinationRule defines', file: 'virtualservice-default-reviews', edit: (d) => { d.spec.http[0].route[1].destination.subset = 'v9' }, field: 'spec.http[0].route[1].destination.subset' },
    { what: 'a per-try timeout below 1ms (CEL)', file: 'virtualservice-default-reviews', edit: (d) => { d.spec.http[0].retries.perTryTimeout = '0s' }, field: 'spec.http[0].retries.perTryTimeout' },
    { what: 'an unknown retryOn name (webhook)', file: 'virtualservice-default-reviews', edit: (d) => { d.spec.http[0].retries.retryOn = '5xx,connect-failures' }, field: 'spec.http[0].retries.retryOn' },
    { what: 'an mTLS mode that does not exist', file: 'peerauthentication', edit: (d) => { d.spec.mtls.mode = 'STRICTER' }, field: 'spec.mtls.mode' },
    { what: 'an apiVersion that is not served', file: 'gateway-default', edit: (d) => { d.apiVersion = 'networking.istio.io/v2' }, field: 'apiVersion' },
  ]
  for (const c of cases) {
    it(c.what, () => {
      const { shared, bundled } = validateBoth(mutate(files, c.file, c.edit))
      for (const found of [shared, bundled]) {
        expect(found.length).toBeGreaterThan(0)
        expect(found.map((f) => f.field)).toContain(c.field)
        expect(found.every((f) => f.file.includes(c.file))).toBe(true)
      }
    })
  }
})

describe('Istio mapping', () => {
  const scenario = scenarioFrom(ISTIO_FEATURES)
  const result = exportIstio(scenario)
  const codes = (path: string) => result.diagnostics.filter((d) => d.path === path).map((d) => d.code)

  it('exports valid files for a scenario using every feature', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(validateBoth(result.files)).toEqual({ shared: [], bundled: [] })
    expect(result.files.map((f) => f.path)).toEqual([
      'authorizationpolicy-data-db-deny.yaml', 'authorizationpolicy-default-web-only.yaml',
      'destinationrule-data-db.yaml', 'destinationrule-default-api.yaml',
      'gateway-default-istio-features-gateway.yaml',
      'peerauthentication-data-db.yaml', 'peerauthentication-istio-system-default.yaml',
      'virtualservice-data-db.yaml', 'virtualservice-default-api.yaml', 'virtualservice-default-istio-features-ingress.yaml',
    ])
  })

  it('splits a header-limited fault into a faulted rule and the plain rule; a random delay becomes its median', () => {
    const http = docOf(result.files, 'virtualservice-default-api').spec.http
    expect(http.map((h: { name: string }) => h.name)).toEqual(['beta-fault', 'beta', 'main'])
    expect(http[0].match).toEqual([
      { uri: { prefix: '/beta' }, method: { exact: 'POST' }, headers: { 'x-user': { exact: 'tester' }, 'x-chaos': { exact: 'on' } } },
      { uri: { regex: '/b[0-9]+' }, headers: { 'x-chaos': { exact: 'on' } } },
    ])
    expect(http[0].fault).toEqual({ delay: { fixedDelay: '0.04s', percentage: { value: 10 } }, abort: { httpStatus: 503, percentage: { value: 5 } } })
    expect(http[1].fault).toBeUndefined()
    expect(codes('routes[0].rules[0].fault.delay.distribution')).toEqual(['EXPORT_ISTIO_001'])
  })

  it('maps weights, timeout, retries (codes into retryOn), back-off and mirror', () => {
    const main = docOf(result.files, 'virtualservice-default-api').spec.http[2]
    expect(main.route).toEqual([
      { destination: { host: 'api.default.svc.cluster.local', subset: 'v1' }, weight: 75 },
      { destination: { host: 'api.default.svc.cluster.local', subset: 'v2' }, weight: 25 },
    ])
    expect(main.timeout).toBe('3s')
    expect(main.retries).toEqual({ attempts: 3, perTryTimeout: '0.25s', backoff: '0.05s', retryIgnorePreviousHosts: false, retryOn: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes,503,409' })
    expect(main.mirror).toEqual({ host: 'api.default.svc.cluster.local', subset: 'v2' })
    expect(main.mirrorPercentage).toEqual({ value: 12.5 })
    expect(codes('routes[0].rules[1].retries.backoff.max')).toEqual(['EXPORT_ISTIO_005'])
  })

  it('routes a TCP service by weight only', () => {
    const db = docOf(result.files, 'virtualservice-data-db')
    expect(db.spec).toEqual({ hosts: ['db.data.svc.cluster.local'], tcp: [{ route: [
      { destination: { host: 'db.data.svc.cluster.local', subset: 'v1' }, weight: 90 },
      { destination: { host: 'db.data.svc.cluster.local', subset: 'v2' }, weight: 10 },
    ] }] })
    expect(codes('routes[1].rules[0]')).toEqual(['EXPORT_ISTIO_020'])
  })

  it('maps the destination policy and diagnoses what Istio lacks', () => {
    const tp = docOf(result.files, 'destinationrule-default-api').spec.trafficPolicy
    expect(tp.loadBalancer).toEqual({ consistentHash: { httpCookie: { name: 'session' }, ringHash: { minimumRingSize: 2048 } }, warmup: { duration: '30s', aggression: 2, minimumPercent: 10 } })
    expect(tp.connectionPool).toEqual({ tcp: { maxConnections: 100, connectTimeout: '0.25s' }, http: { http1MaxPendingRequests: 0, http2MaxRequests: 200, maxRetries: 3 } })
    expect(tp.retryBudget).toEqual({ percent: 25, minRetryConcurrency: 5 })
    expect(tp.outlierDetection).toEqual({ consecutive5xxErrors: 3, interval: '5s', baseEjectionTime: '15s', maxEjectionPercent: 34 })
    expect(tp.tls).toEqual({ mode: 'MUTUAL', credentialName: 'api-client-tls' })
    const subsets = docOf(result.files, 'destinationrule-default-api').spec.subsets
    expect(subsets[1]).toEqual({ name: 'v2', labels: { version: 'v2' }, trafficPolicy: { loadBalancer: { simple: 'LEAST_REQUEST' }, tls: { mode: 'ISTIO_MUTUAL' } } })
    expect(docOf(result.files, 'destinationrule-data-db').spec.trafficPolicy).toEqual({ loadBalancer: { consistentHash: { useSourceIp: true, maglev: { tableSize: 65537 } } } })
    expect(codes('destinations[0].loadBalancer.maximumRingSize')).toEqual(['EXPORT_ISTIO_004'])
    expect(codes('destinations[0].slowStart')).toEqual(['EXPORT_ISTIO_013'])
    expect(codes('destinations[0].connectionPool.maxPendingRequests')).toEqual(['EXPORT_ISTIO_011'])
    expect(codes('destinations[0].outlierDetection.maxEjectionTime')).toEqual(['EXPORT_ISTIO_008'])
    expect(codes('destinations[0].outlierDetection.successRate')).toEqual(['EXPORT_ISTIO_009'])
    expect(codes('destinations[0].outlierDetection.maxEjectionPercent')).toEqual(['EXPORT_ISTIO_010'])
    expect(codes('destinations[0].tls.mode')).toEqual(['EXPORT_ISTIO_012'])
    expect(codes('destinations[0].retryBudget')).toEqual(['EXPORT_ISTIO_006'])
    expect(codes('destinations[0].failureAccrual')).toEqual(['EXPORT_ISTIO_007'])
    expect(codes('destinations[0].versions[0].loadBalancer')).toEqual(['EXPORT_ISTIO_002'])
    expect(codes('rollouts[0]')).toEqual(['EXPORT_ISTIO_019'])
  })

  it('sends ingress traffic through a Gateway, repeating a routed target\'s rules, split by request-mix paths', () => {
    const gw = docOf(result.files, 'gateway-default')
    expect(gw.metadata.name).toBe('istio-features-gateway')
    const ingress = docOf(result.files, 'istio-features-ingress').spec
    expect(ingress.gateways).toEqual(['istio-features-gateway'])
    expect(ingress.http.map((h: { name: string }) => h.name)).toEqual(['beta-fault', 'beta', 'main', 'web'])
    expect(ingress.http[2].match).toEqual([{ uri: { exact: '/partner' } }])
    expect(ingress.http[3]).toEqual({ name: 'web', match: [{ uri: { exact: '/' } }], route: [{ destination: { host: 'web.default.svc.cluster.local' } }] })
  })

  it('maps mTLS and authorization to PeerAuthentication and AuthorizationPolicy with SPIFFE principals', () => {
    expect(docOf(result.files, 'peerauthentication-istio-system-default').spec).toEqual({ mtls: { mode: 'STRICT' } })
    expect(docOf(result.files, 'peerauthentication-data-db').spec).toEqual({ selector: { matchLabels: { app: 'db' } }, mtls: { mode: 'PERMISSIVE' } })
    expect(docOf(result.files, 'authorizationpolicy-default-web-only').spec).toEqual({
      selector: { matchLabels: { app: 'api' } }, action: 'ALLOW',
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/default/sa/web', 'cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'] } }], to: [{ operation: { paths: ['/v1/*'], methods: ['GET'] } }] }],
    })
    expect(docOf(result.files, 'authorizationpolicy-data-db-deny').spec).toEqual({ selector: { matchLabels: { app: 'db' } }, action: 'DENY', rules: [{}] })
    expect(codes('security.authorization[0].from')).toEqual(['EXPORT_ISTIO_015'])
  })

  it('reports a non-prime maglev table as an error (Istio would reject it)', () => {
    const bad = scenarioFrom(ISTIO_FEATURES.replace('tableSize: 65537', 'tableSize: 65536'))
    expect(exportIstio(bad).diagnostics.filter((d) => d.severity === 'error')).toEqual([
      { code: 'EXPORT_ISTIO_018', severity: 'error', message: 'maglev tableSize 65536 is not prime; Istio and Envoy reject it', path: 'destinations[1].loadBalancer.tableSize' },
    ])
  })
})
