/**
 * The Linkerd exporter: every bundled scenario exports without errors into files that both the
 * upstream CRDs (../shared) and the bundled schemas accept; mutated exports are rejected; each
 * mapping and each diagnostic is pinned on scenarios that use every feature.
 */
import { describe, expect, it } from 'vitest'
import { getExporter } from '../../engine/export/index'
import { exportLinkerd, linkerdExporter } from '../../engine/export/linkerd/linkerdExporter'
import { FEATURES_SCENARIO, bundledScenarios, scenarioFrom } from './exportFixtures'
import { docOf, mutate, validateBoth } from './meshSupport'

const BASE = `
formatVersion: 1
name: linkerd features
mesh: linkerd
duration: 30s
services:
  - name: web
    versions: [{name: v1}]
    calls: [{to: api}, {to: store}]
  - name: api
    port: 9090
    protocol: grpc
    versions: [{name: v1, replicas: 2}, {name: v2}]
  - name: store
    protocol: tcp
    versions: [{name: v1}]
  - name: solo
    versions: [{name: v1}]
traffic:
  - {name: users, to: web, load: {kind: constant, rate: 10rps}}
  - {name: internal, from: web, to: solo, load: {kind: constant, rate: 1rps}}
`

const ROUTED = `${BASE}
routes:
  - service: api
    rules:
      - name: beta
        match: [{path: {prefix: /beta}, method: post, headers: {x-user: {prefix: test}}}]
        split: [{version: v2, weight: 100}]
        fault: {abort: {percent: 5%, httpStatus: 503}}
      - name: Main Rule
        split: [{version: v1, weight: 80}, {version: v2, weight: 20}]
        timeout: 2500ms
        retries: {attempts: 3, perTryTimeout: 0.5ms, retryOn: [5xx, retriable-4xx, reset, unavailable], backoff: {base: 25ms}}
        mirror: {version: v2}
  - service: solo
    rules:
      - match: [{path: {exact: /health}}]
        split: [{version: v1, weight: 100}]
        timeout: 1s
  - service: store
    rules: [{split: [{version: v1, weight: 100}]}]
destinations:
  - service: api
    loadBalancer: {kind: maglev}
    connectionPool: {maxConnections: 10}
    slowStart: {window: 10s}
    tls: {mode: DISABLE}
    failureAccrual: {maxFailures: 5, minPenalty: 2s, maxPenalty: 1m, jitterRatio: 0.25}
    outlierDetection: {consecutive5xxErrors: 2}
    versions: [{name: v2, loadBalancer: {kind: random}}]
  - service: web
    loadBalancer: {kind: p2c_ewma, decay: 5s}
security:
  mtls: {mode: STRICT, services: {solo: DISABLE}}
  authorization:
    - {service: api, action: ALLOW, from: [web, ingress]}
    - {service: api, action: ALLOW, from: ['*'], paths: [/public]}
    - {service: store, action: DENY, from: [web]}
`

const BUDGETED = `${BASE}
routes:
  - service: api
    rules:
      - name: reads
        match: [{path: {prefix: /items/}, method: GET}, {path: {regex: '/i/[0-9]+'}}]
        split: [{version: v1, weight: 90}, {version: v2, weight: 10}]
        timeout: 300ms
        retries: {attempts: 2, retryOn: [5xx, retriable-status-codes], retriableStatusCodes: [429]}
      - name: writes
        match: [{headers: {x-write: {exact: '1'}}}]
        split: [{version: v1, weight: 100}]
destinations:
  - service: api
    retryBudget: {retryRatio: 0.2, minRetriesPerSecond: 10, ttl: 10s}
  - service: web
    retryBudget: {retryRatio: 0.5, minRetriesPerSecond: 5, ttl: 5s}
`

describe('Linkerd export of every bundled scenario', () => {
  for (const { name, scenario } of bundledScenarios()) {
    it(`${name}: no error diagnostics, and every file passes the ../shared CRDs and the bundled schemas`, () => {
      const result = linkerdExporter.export(scenario)
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      expect(result.files.length).toBeGreaterThan(0)
      expect(validateBoth(result.files)).toEqual({ shared: [], bundled: [] })
      expect(linkerdExporter.export(scenario)).toEqual(result)
    })
  }

  for (const mesh of ['istio', 'linkerd', 'envoy']) {
    it(`the shared features scenario as a ${mesh} scenario, in namespace 'shop': valid, and every diagnostic names a model field`, () => {
      const scenario = scenarioFrom(FEATURES_SCENARIO.replace('mesh: envoy', `mesh: ${mesh}`))
      const result = exportLinkerd(scenario, { namespace: 'shop' })
      expect(validateBoth(result.files)).toEqual({ shared: [], bundled: [] })
      expect(result.files.every((f) => !f.content.includes('namespace: default'))).toBe(true)
      for (const d of result.diagnostics) expect(d.path).toMatch(/^(routes|destinations|security|traffic|rollouts)\[\d+\]/)
    })
  }

  it('is registered as the linkerd target', () => {
    expect(getExporter('linkerd')).toBe(linkerdExporter)
  })
})

describe('mutated Linkerd exports are rejected by both validators', () => {
  const routed = exportLinkerd(scenarioFrom(ROUTED)).files
  const budgeted = exportLinkerd(scenarioFrom(BUDGETED)).files
  const cases: { what: string; files: typeof routed; file: string; edit: (d: Record<string, any>) => void; field: string }[] = [
    { what: 'a typo in a field name', files: routed, file: 'server-default-web', edit: (d) => { d.spec.podSelecter = d.spec.podSelector }, field: 'spec.podSelecter' },
    { what: 'a wrong enum value', files: routed, file: 'httproute-default-api', edit: (d) => { d.spec.rules[0].matches[0].method = 'FETCH' }, field: 'spec.rules[0].matches[0].method' },
    { what: 'a negative backend weight', files: routed, file: 'httproute-default-api', edit: (d) => { d.spec.rules[1].backendRefs[0].weight = -1 }, field: 'spec.rules[1].backendRefs[0].weight' },
    { what: 'a CEL-checked field: an Exact path with //', files: routed, file: 'httproute-default-api', edit: (d) => { d.spec.rules[1].matches = [{ path: { type: 'Exact', value: '//health' } }] }, field: 'spec.rules[1].matches[0].path' },
    { what: 'a CEL-checked field: a Service backend without port', files: routed, file: 'httproute-default-api', edit: (d) => { delete d.spec.rules[1].backendRefs[1].port }, field: 'spec.rules[1].backendRefs[1]' },
    { what: 'a proxyProtocol Linkerd does not know', files: routed, file: 'server-default-api', edit: (d) => { d.spec.proxyProtocol = 'grpc' }, field: 'spec.proxyProtocol' },
    { what: 'a retry limit that is not a number', files: routed, file: 'httproute-default-api', edit: (d) => { d.metadata.annotations['retry.linkerd.io/limit'] = 'three' }, field: 'metadata.annotations.retry.linkerd.io/limit' },
    { what: 'a ServiceProfile timeout that is no Go duration', files: budgeted, file: 'serviceprofile', edit: (d) => { d.spec.routes[0].timeout = '300 ms' }, field: 'spec.routes[0].timeout' },
    { what: 'a ServiceProfile condition using not', files: budgeted, file: 'serviceprofile-default-api', edit: (d) => { d.spec.routes[1].condition = { not: [{ method: 'GET' }] } }, field: 'spec.routes[1].condition.not' },
    { what: 'an AuthorizationPolicy whose authentication is missing', files: routed, file: 'meshtlsauthentication-default-api-callers-1', edit: (d) => { d.metadata.name = 'renamed' }, field: 'spec.requiredAuthenticationRefs[0]' },
  ]
  for (const c of cases) {
    it(c.what, () => {
      const { shared, bundled } = validateBoth(mutate(c.files, c.file, c.edit))
      for (const found of [shared, bundled]) expect(found.map((f) => f.field)).toContain(c.field)
    })
  }
})

describe('Linkerd mapping: HTTPRoute, Server, authorization, failure accrual', () => {
  const result = exportLinkerd(scenarioFrom(ROUTED))
  const codes = (path: string) => result.diagnostics.filter((d) => d.path === path).map((d) => d.code)

  it('exports valid files', () => {
    expect(validateBoth(result.files)).toEqual({ shared: [], bundled: [] })
    expect(result.files.map((f) => f.path)).toEqual([
      'authorizationpolicy-default-api-callers-1.yaml', 'authorizationpolicy-default-api-callers-2.yaml', 'authorizationpolicy-default-store-callers.yaml',
      'httproute-default-api.yaml', 'httproute-default-solo.yaml',
      'meshtlsauthentication-default-api-callers-1.yaml', 'meshtlsauthentication-default-api-callers-2.yaml', 'meshtlsauthentication-default-store-callers.yaml',
      'server-default-api.yaml', 'server-default-solo.yaml', 'server-default-store.yaml', 'server-default-web.yaml',
      'service-default-api.yaml',
    ])
  })

  it('uses Gateway API for weighted splits between version Services, with retry annotations and timeouts', () => {
    const api = docOf(result.files, 'httproute-default-api')
    expect(api.apiVersion).toBe('gateway.networking.k8s.io/v1')
    expect(api.metadata.annotations).toEqual({ 'retry.linkerd.io/http': '5xx,409', 'retry.linkerd.io/limit': '3', 'retry.linkerd.io/timeout': '1ms' })
    expect(api.spec.parentRefs).toEqual([{ group: 'core', kind: 'Service', name: 'api', port: 9090 }])
    expect(api.spec.rules[0]).toEqual({
      name: 'beta',
      matches: [{ path: { type: 'RegularExpression', value: '^/beta.*$' }, method: 'POST', headers: [{ name: 'x-user', type: 'RegularExpression', value: '^test.*$' }] }],
      backendRefs: [{ name: 'api-v2', port: 9090, weight: 100 }],
    })
    expect(api.spec.rules[1]).toEqual({ backendRefs: [{ name: 'api-v1', port: 9090, weight: 80 }, { name: 'api-v2', port: 9090, weight: 20 }], timeouts: { request: '2s500ms' } })
    expect(codes('routes[0].rules[0].fault')).toEqual(['EXPORT_LINKERD_006'])
    expect(codes('routes[0].rules[1].mirror')).toEqual(['EXPORT_LINKERD_007'])
    expect(codes('routes[0].rules[1].retries.retryOn')).toEqual(['EXPORT_LINKERD_013'])
    expect(codes('routes[0].rules[1].retries.backoff')).toEqual(['EXPORT_LINKERD_015'])
    expect(codes('routes[0].rules[1].retries.perTryTimeout')).toEqual(['EXPORT_LINKERD_017'])
    expect(codes('routes[0].rules[0].retries')).toEqual(['EXPORT_LINKERD_014'])
  })

  it("uses Linkerd's own HTTPRoute without a split, and skips routes of TCP services", () => {
    const solo = docOf(result.files, 'httproute-default-solo')
    expect(solo.apiVersion).toBe('policy.linkerd.io/v1beta3')
    expect(solo.spec.rules).toEqual([{ matches: [{ path: { type: 'Exact', value: '/health' } }], backendRefs: [{ name: 'solo', port: 8080 }], timeouts: { request: '1s' } }])
    expect(codes('routes[2]')).toEqual(['EXPORT_LINKERD_026'])
  })

  it('declares Servers with the protocol and the mTLS-derived access policy', () => {
    expect(docOf(result.files, 'server-default-api').spec).toEqual({ podSelector: { matchLabels: { app: 'api' } }, port: 9090, proxyProtocol: 'gRPC', accessPolicy: 'deny' })
    expect(docOf(result.files, 'server-default-web').spec.accessPolicy).toBe('all-authenticated')
    expect(docOf(result.files, 'server-default-web').spec.proxyProtocol).toBeUndefined()
    expect(docOf(result.files, 'server-default-store').spec.proxyProtocol).toBe('opaque')
    expect(docOf(result.files, 'server-default-solo').spec.accessPolicy).toBe('all-unauthenticated')
    expect(codes('security.mtls.services.solo')).toEqual(['EXPORT_LINKERD_020'])
  })

  it('authorizes callers by mesh identity; DENY becomes an allow-list of the others', () => {
    expect(docOf(result.files, 'meshtlsauthentication-default-api-callers-1').spec).toEqual({ identities: ['web.default.serviceaccount.identity.linkerd.cluster.local'] })
    expect(docOf(result.files, 'meshtlsauthentication-default-api-callers-2').spec).toEqual({ identities: ['*'] })
    expect(docOf(result.files, 'authorizationpolicy-default-api-callers-1').spec).toEqual({
      targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: 'api' },
      requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: 'api-callers-1' }],
    })
    expect(docOf(result.files, 'meshtlsauthentication-default-store-callers').spec.identities).toEqual([
      'api.default.serviceaccount.identity.linkerd.cluster.local', 'solo.default.serviceaccount.identity.linkerd.cluster.local',
    ])
    expect(codes('security.authorization[0].from')).toEqual(['EXPORT_LINKERD_023'])
    expect(codes('security.authorization[1]')).toEqual(['EXPORT_LINKERD_022'])
    expect(codes('security.authorization[2]')).toEqual(['EXPORT_LINKERD_021'])
  })

  it('annotates the Service for failure accrual and diagnoses what Linkerd cannot do', () => {
    const svc = docOf(result.files, 'service-default-api')
    expect(svc.metadata.annotations).toEqual({
      'balancer.linkerd.io/failure-accrual': 'consecutive',
      'balancer.linkerd.io/failure-accrual-consecutive-max-failures': '5',
      'balancer.linkerd.io/failure-accrual-consecutive-min-penalty': '2s',
      'balancer.linkerd.io/failure-accrual-consecutive-max-penalty': '1m',
      'balancer.linkerd.io/failure-accrual-consecutive-jitter-ratio': '0.25',
    })
    expect(svc.spec.selector).toEqual({ app: 'api' })
    expect(codes('destinations[0].loadBalancer')).toEqual(['EXPORT_LINKERD_001'])
    expect(codes('destinations[0].connectionPool')).toEqual(['EXPORT_LINKERD_003'])
    expect(codes('destinations[0].outlierDetection')).toEqual(['EXPORT_LINKERD_005'])
    expect(codes('destinations[0].slowStart')).toEqual(['EXPORT_LINKERD_008'])
    expect(codes('destinations[0].tls.mode')).toEqual(['EXPORT_LINKERD_009'])
    expect(codes('destinations[0].versions[0]')).toEqual(['EXPORT_LINKERD_010'])
    expect(codes('destinations[1].loadBalancer')).toEqual(['EXPORT_LINKERD_002'])
  })

  it('approximates outlier detection by failure accrual outside a Linkerd scenario', () => {
    const istioish = exportLinkerd(scenarioFrom(ROUTED.replace('mesh: linkerd', 'mesh: istio').replace('    failureAccrual: {maxFailures: 5, minPenalty: 2s, maxPenalty: 1m, jitterRatio: 0.25}\n', '')))
    expect(docOf(istioish.files, 'service-default-api').metadata.annotations).toEqual({
      'balancer.linkerd.io/failure-accrual': 'consecutive',
      'balancer.linkerd.io/failure-accrual-consecutive-max-failures': '2',
      'balancer.linkerd.io/failure-accrual-consecutive-min-penalty': '30s',
      'balancer.linkerd.io/failure-accrual-consecutive-max-penalty': '5m',
    })
    expect(istioish.diagnostics.filter((d) => d.path === 'destinations[0].outlierDetection').map((d) => d.code)).toEqual(['EXPORT_LINKERD_004'])
  })
})

describe('Linkerd mapping: ServiceProfile for a retry budget', () => {
  const result = exportLinkerd(scenarioFrom(BUDGETED))
  const codes = (path: string) => result.diagnostics.filter((d) => d.path === path).map((d) => d.code)

  it('replaces the HTTPRoute (a ServiceProfile would shadow it) and passes validation', () => {
    expect(validateBoth(result.files)).toEqual({ shared: [], bundled: [] })
    expect(result.files.some((f) => f.path.startsWith('httproute'))).toBe(false)
  })

  it('writes routes with conditions (all/any, never not), isRetryable, timeout, failure classes, the budget and dstOverrides', () => {
    const sp = docOf(result.files, 'serviceprofile-default-api')
    expect(sp.metadata).toEqual({ name: 'api.default.svc.cluster.local', namespace: 'default' })
    expect(sp.spec.routes).toEqual([
      {
        name: 'reads',
        condition: { any: [{ all: [{ method: 'GET' }, { pathRegex: '/items/.*' }] }, { pathRegex: '/i/[0-9]+' }] },
        isRetryable: true, timeout: '300ms',
        responseClasses: [{ condition: { status: { min: 429, max: 429 } }, isFailure: true }],
      },
      { name: 'writes', condition: { pathRegex: '.*' } },
    ])
    expect(sp.spec.retryBudget).toEqual({ retryRatio: 0.2, minRetriesPerSecond: 10, ttl: '10s' })
    expect(sp.spec.dstOverrides).toEqual([
      { authority: 'api-v1.default.svc.cluster.local:9090', weight: 90 },
      { authority: 'api-v2.default.svc.cluster.local:9090', weight: 10 },
    ])
    expect(JSON.stringify(sp)).not.toContain('"not"')
    expect(codes('routes[0].rules[0].retries.attempts')).toEqual(['EXPORT_LINKERD_012'])
    expect(codes('routes[0].rules[1].match[0].headers')).toEqual(['EXPORT_LINKERD_011'])
    expect(codes('routes[0].rules[1].split')).toEqual(['EXPORT_LINKERD_018'])
  })

  it('gives a budget without a route a ServiceProfile with no routes', () => {
    expect(docOf(result.files, 'serviceprofile-default-web').spec).toEqual({ routes: [], retryBudget: { retryRatio: 0.5, minRetriesPerSecond: 5, ttl: '5s' } })
  })
})
