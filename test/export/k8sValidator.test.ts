/**
 * The Kubernetes resource validator: it reproduces `kubectl apply --validate=strict` plus the
 * meshes' webhooks, it can fail (each rule is shown rejecting a bad resource and accepting a
 * good one), the vendored schemas are a fresh conversion of ../shared, and the bundled and the
 * upstream-CRD validators agree.
 */
import { spawnSync } from 'node:child_process'
import { parse as parseCel } from '@marcbachmann/cel-js'
import { describe, expect, it } from 'vitest'
import { bundledK8sValidator, bundledKindSchemas, meshValidatorOptions } from '../../engine/export/validate/k8s/bundled'
import { escapeCelName, rewriteRule, checkCelRules } from '../../engine/export/validate/k8s/celRules'
import { applyDefaults, toJsonSchema } from '../../engine/export/validate/k8s/structural'
import { createK8sValidator } from '../../engine/export/validate/k8s/validator'
import { root } from './exportFixtures'
import { sharedValidator } from './meshSupport'

const meta = { name: 'reviews', namespace: 'default' }
const vs = (spec: Record<string, unknown>) => ({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: meta, spec })
const route = (rule: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: meta,
  spec: { parentRefs: [{ group: 'core', kind: 'Service', name: 'reviews', port: 9080 }], rules: [rule] },
})
const goodRule = { backendRefs: [{ name: 'reviews-v1', port: 9080, weight: 90 }, { name: 'reviews-v3', port: 9080, weight: 10 }] }

/** Findings of both validators, which must agree, as `field: message` strings. */
function check(resource: unknown): string[] {
  const bundled = bundledK8sValidator().validateResource(resource).map((f) => `${f.field}: ${f.message}`)
  const shared = sharedValidator().validator.validateResource(resource).map((f) => `${f.field}: ${f.message}`)
  expect(shared).toEqual(bundled)
  return bundled
}

describe('vendored schemas', () => {
  it('equal a fresh conversion of ../shared/schemas (scripts/vendor-schemas.mjs --check)', () => {
    const r = spawnSync(process.execPath, ['scripts/vendor-schemas.mjs', '--check'], { cwd: root, encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })

  it('name their source and release, one kind/version each', () => {
    const ids = bundledKindSchemas.map((k) => `${k.group}/${k.version}/${k.kind}`)
    expect(new Set(ids).size).toBe(ids.length)
    for (const k of bundledKindSchemas) expect(k.source).toMatch(/Istio 1\.30\.3|Linkerd edge-26\.8\.3|Gateway API v1\.6\.1|core\/v1/)
  })
})

describe('structural schema semantics', () => {
  it('rejects unknown fields at any depth, but not under preserve-unknown-fields', () => {
    expect(check(vs({ hosts: ['a'], http: [{ route: [{ destination: { host: 'a', subsett: 'v1' } }] }] }))).toEqual(['spec.http[0].route[0].destination.subsett: unknown field "subsett"'])
    const server = { apiVersion: 'policy.linkerd.io/v1beta3', kind: 'Server', metadata: meta, spec: { podSelector: { matchLabels: { anything: 'goes' } }, port: 9080, accessPolicy: 'deny' } }
    expect(check(server)).toEqual([])
  })

  it('checks enums, types, int32 bounds and int-or-string', () => {
    const dr = (tp: unknown) => ({ apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: meta, spec: { host: 'reviews', trafficPolicy: tp } })
    expect(check(dr({ loadBalancer: { simple: 'ROUND_ROBINN' } }))[0]).toMatch(/^spec.trafficPolicy.loadBalancer.simple: Unsupported value: "ROUND_ROBINN"/)
    expect(check(dr({ connectionPool: { tcp: { maxConnections: 2 ** 31 } } }))[0]).toMatch(/^spec.trafficPolicy.connectionPool.tcp.maxConnections: must be <= 2147483647/)
    expect(check(dr({ connectionPool: { tcp: { maxConnections: '10' } } }))[0]).toMatch(/must be integer/)
    const server = (port: unknown) => ({ apiVersion: 'policy.linkerd.io/v1beta3', kind: 'Server', metadata: meta, spec: { podSelector: {}, port, accessPolicy: 'deny' } })
    expect(check(server('http'))).toEqual([])
    expect(check(server(true))[0]).toMatch(/^spec.port: must be integer, string/)
  })

  it('applies defaults before validating (the API server does; CEL reads them)', () => {
    const schema = { type: 'object', properties: { a: { type: 'object', default: {}, properties: { b: { type: 'string', default: 'x' } } } } }
    expect(applyDefaults(schema, {})).toEqual({ a: { b: 'x' } })
    // backendRefs[].group defaults to '' and kind to Service, so the port rule applies:
    expect(check(route({ backendRefs: [{ name: 'reviews-v1' }] }))).toEqual(['spec.rules[0].backendRefs[0]: Must have port for Service reference'])
  })

  it('turns nullable, list-type set and exclusive bounds into JSON Schema', () => {
    expect(toJsonSchema({ type: 'integer', nullable: true, format: 'uint32' })).toEqual({ type: ['integer', 'null'], minimum: 0, maximum: 4294967295 })
    expect(toJsonSchema({ type: 'array', 'x-kubernetes-list-type': 'set', items: { type: 'string' } })).toEqual({ type: 'array', uniqueItems: true, items: { type: 'string' } })
    expect(toJsonSchema({ type: 'number', minimum: 0, exclusiveMinimum: true })).toEqual({ type: 'number', exclusiveMinimum: 0 })
    expect(toJsonSchema({ type: 'object', properties: { a: { type: 'string' } } })).toMatchObject({ additionalProperties: false })
    expect(toJsonSchema({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true })).not.toHaveProperty('additionalProperties')
  })

  it('rejects duplicate keys of a list-type map', () => {
    const schema = { type: 'array', 'x-kubernetes-list-type': 'map', 'x-kubernetes-list-map-keys': ['name'], items: { type: 'object', properties: { name: { type: 'string' } } } }
    expect(checkCelRules(schema, [{ name: 'a' }, { name: 'a' }], 'spec.list')).toEqual([{ field: 'spec.list[1]', message: 'duplicate entry for key name = ["a"]' }])
  })
})

describe('CEL rules (x-kubernetes-validations)', () => {
  it('evaluates Gateway API HTTPRoute rules on defaulted objects', () => {
    expect(check(route(goodRule))).toEqual([])
    expect(check(route({ ...goodRule, matches: [{ path: { type: 'PathPrefix', value: '/a//b' } }] }))).toEqual([
      "spec.rules[0].matches[0].path: must not contain '//' when type one of ['Exact', 'PathPrefix']",
    ])
    expect(check(route({ ...goodRule, timeouts: { request: '1s', backendRequest: '2s' } }))).toEqual([
      'spec.rules[0].timeouts: backendRequest timeout cannot be longer than request timeout',
    ])
  })

  it('evaluates Istio duration rules', () => {
    expect(check(vs({ hosts: ['reviews'], http: [{ timeout: '0s', route: [{ destination: { host: 'reviews' } }] }] }))).toEqual([
      'spec.http[0].timeout: must be a valid duration greater than 1ms',
    ])
  })

  it('compiles every CEL rule of every served kind in ../shared (transition rules aside)', () => {
    const rules = new Set<string>()
    const walk = (s: unknown): void => {
      if (s === null || typeof s !== 'object') return
      if (Array.isArray(s)) return s.forEach(walk)
      const o = s as Record<string, unknown>
      for (const r of (o['x-kubernetes-validations'] as { rule: string }[] | undefined) ?? []) rules.add(r.rule)
      for (const [k, v] of Object.entries(o)) if (k !== 'x-kubernetes-validations' && k !== 'enum' && k !== 'default') walk(v)
    }
    for (const k of sharedValidator().kinds) walk(k.schema)
    const failing = [...rules].filter((r) => !/\boldSelf\b/.test(r)).filter((r) => {
      try {
        parseCel(rewriteRule(r))
        return false
      } catch {
        return true
      }
    })
    expect(rules.size).toBeGreaterThan(100)
    expect(failing).toEqual([])
  })

  it('rewrites has() on an indexed list for cel-js, escapes reserved property names, skips oldSelf rules', () => {
    expect(rewriteRule('!has(self.matches[0].path) || has(self.a)')).toBe("!('path' in self.matches[0]) || has(self.a)")
    expect(escapeCelName('namespace')).toBe('__namespace__')
    expect(escapeCelName('a-b.c')).toBe('a__dash__b__dot__c')
    expect(escapeCelName('9lives')).toBeUndefined()
    const schema = { type: 'object', properties: { namespace: { type: 'string' } }, 'x-kubernetes-validations': [{ rule: 'self.__namespace__ == "x"' }, { rule: 'self == oldSelf' }] }
    expect(checkCelRules(schema, { namespace: 'x' })).toEqual([])
    expect(checkCelRules(schema, { namespace: 'y' })).toEqual([{ field: '', message: 'failed rule: self.__namespace__ == "x"' }])
  })
})

describe('apiVersion, kind and ObjectMeta', () => {
  it('accepts served versions only and knows which kinds exist', () => {
    const v2 = { ...vs({ hosts: ['a'] }), apiVersion: 'networking.istio.io/v2' }
    expect(bundledK8sValidator().validateResource(v2)).toEqual([{ field: 'apiVersion', message: 'VirtualService is not served as networking.istio.io/v2 (served: v1)' }])
    expect(sharedValidator().validator.validateResource(v2)).toEqual([{ field: 'apiVersion', message: 'VirtualService is not served as networking.istio.io/v2 (served: v1, v1alpha3, v1beta1)' }])
    expect(check({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualServce', metadata: meta, spec: {} })).toEqual(['kind: no kind "VirtualServce" is known in group "networking.istio.io"'])
  })

  it('requires DNS-1123 names, label-syntax labels and known metadata fields', () => {
    const bad = { ...vs({ hosts: ['a'] }), metadata: { name: 'Reviews_1', namespace: 'default', labels: { app: 'bad value!' }, uid: 'x' } }
    expect(check(bad)).toEqual([
      'metadata.uid: unknown field "uid"',
      "metadata.name: 'Reviews_1' is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253 characters)",
      "metadata.labels.app: invalid label value 'bad value!'",
    ])
  })
})

describe('webhook rules', () => {
  const retries = (retryOn: string) => vs({ hosts: ['reviews'], http: [{ retries: { attempts: 2, retryOn }, route: [{ destination: { host: 'reviews' } }] }] })
  it('Istio: weights, hosts, ports, RE2 regexes, retryOn names, abort statuses, prime maglev tables', () => {
    const weights = vs({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: -10 }, { destination: { host: 'reviews', subset: 'v2' }, weight: 10 }] }] })
    expect(bundledK8sValidator().validateResource(weights)).toEqual([
      { field: 'spec.http[0].route[0].weight', message: 'weight -10 must not be negative' },
      { field: 'spec.http[0].route', message: 'total destination weight must be greater than 0' },
    ])
    expect(bundledK8sValidator().validateResource(vs({ hosts: ['*'], http: [{ route: [{ destination: { host: 'reviews' } }] }] }))[0]?.message).toMatch(/wildcard host/)
    expect(bundledK8sValidator().validateResource(vs({ hosts: ['a_b'] }))[0]?.message).toMatch(/invalid host/)
    expect(bundledK8sValidator().validateResource(vs({ hosts: ['r'], http: [{ match: [{ uri: { regex: '(?=x)' } }], route: [{ destination: { host: 'r', port: { number: 70000 } } }] }] })).map((f) => f.field)).toEqual([
      'spec.http[0].match[0].uri.regex', 'spec.http[0].route[0].destination.port.number',
    ])
    expect(bundledK8sValidator().validateResource(retries('5xx,connect-failure,503'))).toEqual([])
    expect(bundledK8sValidator().validateResource(retries('5xx,conect-failure'))[0]?.message).toMatch(/'conect-failure' is not a valid retryOn policy/)
    const dr = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: meta, spec: { host: 'reviews', trafficPolicy: { loadBalancer: { consistentHash: { maglev: { tableSize: 1000 } } } } } }
    expect(bundledK8sValidator().validateResource(dr)[0]?.message).toMatch(/must be a prime/)
  })

  it('Linkerd: proxyProtocol, Go durations, request-match shape, never `not`, retry annotations', () => {
    const server = { apiVersion: 'policy.linkerd.io/v1beta3', kind: 'Server', metadata: meta, spec: { podSelector: {}, port: 9080, proxyProtocol: 'HTTP/3' } }
    expect(check(server)).toEqual(["spec.proxyProtocol: 'HTTP/3' is not one of unknown, HTTP/1, HTTP/2, gRPC, opaque, TLS"])
    expect(check({ ...server, spec: { ...server.spec, proxyProtocol: 'gRPC', accessPolicy: 'allow-all' } })).toEqual([
      "spec.accessPolicy: 'allow-all' is not one of deny, audit, all-unauthenticated, all-authenticated, cluster-unauthenticated, cluster-authenticated",
    ])
    const sp = (routes: unknown[]) => ({ apiVersion: 'linkerd.io/v1alpha2', kind: 'ServiceProfile', metadata: { name: 'reviews.default.svc.cluster.local', namespace: 'default' }, spec: { routes } })
    expect(check(sp([{ name: 'a', condition: { all: [{ method: 'GET' }, { pathRegex: '/r/.*' }] }, timeout: '1.5s' }]))).toEqual([])
    expect(check(sp([{ name: 'a', condition: { method: 'GET', pathRegex: '/x' }, timeout: '10 seconds' }]))).toEqual([
      'spec.routes[0].condition: a request match sets exactly one of all, any, method, pathRegex (found: method, pathRegex)',
      "spec.routes[0].timeout: '10 seconds' is not a Go duration",
    ])
    expect(check(sp([{ name: 'a', condition: { not: [{ method: 'POST' }] } }]))).toContain(
      "spec.routes[0].condition.not: 'not' is typed as an array by the CRD and as an object by Linkerd's validator: use any/all instead",
    )
    const annotated = { ...route(goodRule), metadata: { ...meta, annotations: { 'retry.linkerd.io/http': '5xx,50x', 'retry.linkerd.io/limit': 'two' } } }
    expect(check(annotated).map((m) => m.split(':')[0])).toEqual(['metadata.annotations.retry.linkerd.io/http', 'metadata.annotations.retry.linkerd.io/limit'])
  })

  it('cross-checks: a VirtualService subset needs a DestinationRule subset; Linkerd policy references must exist', () => {
    const v = createK8sValidator(bundledKindSchemas, { crossChecks: meshValidatorOptions.crossChecks })
    const dr = { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: meta, spec: { host: 'reviews.default.svc.cluster.local', subsets: [{ name: 'v1', labels: { version: 'v1' } }] } }
    const docs = [
      { file: 'vs.yaml', index: 0, resource: vs({ hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews', subset: 'v1' }, weight: 50 }, { destination: { host: 'reviews', subset: 'v9' }, weight: 50 }] }] }) },
      { file: 'dr.yaml', index: 0, resource: dr },
    ]
    expect(v.validateDocuments(docs)).toEqual([{ file: 'vs.yaml', field: 'spec.http[0].route[1].destination.subset', message: "subset 'v9' is not defined in any DestinationRule for reviews.default.svc.cluster.local (Istio would answer 503)" }])
    const ap = { apiVersion: 'policy.linkerd.io/v1alpha1', kind: 'AuthorizationPolicy', metadata: meta, spec: { targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: 'reviews' }, requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: 'callers' }] } }
    expect(v.validateDocuments([{ file: 'ap.yaml', index: 0, resource: ap }]).map((f) => f.field)).toEqual(['spec.targetRef', 'spec.requiredAuthenticationRefs[0]'])
  })
})

