/**
 * Envoy export: every bundled scenario exports without errors and every bootstrap passes
 * strict validation — against the vendored descriptors and, directly, against
 * ../shared/schemas/envoy (mesh and full API) — while mutated bootstraps are rejected with
 * the exact field; the mapping follows the mesh profiles; the vendored copy is fresh.
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { FileRegistry } from '@bufbuild/protobuf'
import { exportEnvoy } from '../../engine/export/envoy/envoyExporter'
import { getExporter } from '../../engine/export/index'
import { createEnvoyRegistry } from '../../engine/export/validate/envoy/envoyRegistry'
import { parseEnvoyFile, validateEnvoyBootstrap, validateEnvoyFiles } from '../../engine/export/validate/envoy/validateEnvoy'
import { FEATURES_SCENARIO, bundledScenarios, root, scenarioFrom, sharedSchemas } from './exportFixtures'

type Json = Record<string, any>

let shared: { name: string; registry: FileRegistry }[] = []
beforeAll(() => {
  shared = ['envoy-mesh.binpb', 'envoy-full.binpb'].map((name) => ({ name, registry: createEnvoyRegistry(readFileSync(join(sharedSchemas, 'envoy', name))) }))
})

function bootstrapOf(scenarioText: string, file: string, format: 'yaml' | 'json' = 'yaml'): Json {
  const result = exportEnvoy(scenarioFrom(scenarioText), { format })
  const out = result.files.find((f) => f.path === file)
  if (!out) throw new Error(`no ${file} in ${result.files.map((f) => f.path).join(', ')}`)
  return parseEnvoyFile(out).value as Json
}

const bookinfoText = () => readFileSync(join(root, 'scenarios/bookinfo.scenario.yaml'), 'utf8')
const clusterNamed = (b: Json, name: string) => b.static_resources.clusters.find((c: Json) => c.name === name)
const outboundHcm = (b: Json) => b.static_resources.listeners.find((l: Json) => l.name === 'outbound_http').filter_chains[0].filters[0].typed_config
const vhostOf = (b: Json, name: string) => outboundHcm(b).route_config.virtual_hosts.find((v: Json) => v.name.startsWith(`${name}.`))

describe('envoy export: bundled scenarios', () => {
  const scenarios = bundledScenarios()
  it('finds the bundled scenarios', () => expect(scenarios.length).toBeGreaterThanOrEqual(5))

  for (const { name, scenario } of scenarios) {
    for (const format of ['yaml', 'json'] as const) {
      it(`${name} (${format}): no error diagnostics, every bootstrap passes strict validation (vendored and ../shared mesh + full)`, () => {
        const result = exportEnvoy(scenario, { format })
        expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
        expect(result.files.length).toBe(scenario.services.length + 1)
        expect(validateEnvoyFiles(result.files)).toEqual([])
        for (const { name: schema, registry } of shared) {
          expect(validateEnvoyFiles(result.files, registry), schema).toEqual([])
        }
      })
    }
  }

  it('is deterministic, and YAML and JSON carry the same bootstrap', () => {
    const { scenario } = scenarios.find((s) => s.name === 'bookinfo')!
    expect(exportEnvoy(scenario)).toEqual(exportEnvoy(scenario))
    const yaml = exportEnvoy(scenario).files.map((f) => parseEnvoyFile(f).value)
    const json = exportEnvoy(scenario, { format: 'json' }).files.map((f) => parseEnvoyFile(f).value)
    expect(json).toEqual(yaml)
  })

  it('is registered, and its validate() is the strict validator', () => {
    const def = getExporter('envoy')!
    const { scenario } = scenarios[0]!
    expect(def.validate(def.export(scenario).files)).toEqual([])
  })
})

describe('envoy validator rejects mutated bootstraps', () => {
  const base = () => bootstrapOf(bookinfoText(), 'productpage-sidecar.yaml')
  const cases: [string, (b: Json) => void, string, RegExp][] = [
    ['a typo in a cluster field', (b) => { b.static_resources.clusters[1].conect_timeout = '1s' }, 'static_resources.clusters[1].conect_timeout', /unknown/],
    ['a typo inside typed_config (HCM)', (b) => { outboundHcm(b).stat_prefx = 'x' }, 'static_resources.listeners[1].filter_chains[0].filters[0].typed_config.stat_prefx', /unknown/],
    ['a wrong enum', (b) => { b.static_resources.clusters[1].lb_policy = 'LEAST_REQUESTS' }, 'static_resources.clusters[1].lb_policy', /enum/],
    ['a wrong JSON type', (b) => { b.static_resources.clusters[1].connect_timeout = 5 }, 'static_resources.clusters[1].connect_timeout', /Duration/],
    ['an unknown @type', (b) => { outboundHcm(b)['@type'] = 'type.googleapis.com/envoy.Nope' }, 'static_resources.listeners[1].filter_chains[0].filters[0].typed_config["@type"]', /not a known/],
    ['a field given twice', (b) => { b.static_resources.clusters[1].outlier_detection.consecutive5xx = 3 }, 'static_resources.clusters[1].outlier_detection', /consecutive/],
    ['max_ejection_percent 150', (b) => { b.static_resources.clusters[1].outlier_detection.max_ejection_percent = 150 }, 'static_resources.clusters[1].outlier_detection.max_ejection_percent', /at most 100/],
    ['connect_timeout 0s', (b) => { b.static_resources.clusters[1].connect_timeout = '0s' }, 'static_resources.clusters[1].connect_timeout', /greater than 0s/],
    ['an empty cluster name', (b) => { b.static_resources.clusters[1].name = '' }, 'static_resources.clusters[1].name', /empty/],
    ['a port above 65535', (b) => { b.static_resources.listeners[0].address.socket_address.port_value = 70000 }, 'static_resources.listeners[0].address.socket_address.port_value', /65535/],
    ['a route without an action', (b) => { delete vhostOf(b, 'details').routes[0].route }, 'static_resources.listeners[1].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].routes[0].action', /required/],
    ['an empty weighted split', (b) => { vhostOf(b, 'reviews').routes[0].route.weighted_clusters.clusters = [] }, 'static_resources.listeners[1].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[1].routes[0].route.weighted_clusters.clusters', /at least 1/],
    ['a dangling cluster', (b) => { vhostOf(b, 'reviews').routes[0].route.weighted_clusters.clusters[1].name = 'outbound|9080|v9|reviews.default.svc.cluster.local' }, 'static_resources.listeners[1].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[1].routes[0].route.weighted_clusters.clusters[1].name', /unknown cluster/],
    ['the router filter not last', (b) => { outboundHcm(b).http_filters.push({ name: 'envoy.filters.http.fault', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.fault.v3.HTTPFault' } }) }, 'static_resources.listeners[1].filter_chains[0].filters[0].typed_config.http_filters', /last/],
    ['a duplicate cluster name', (b) => { b.static_resources.clusters.push({ ...b.static_resources.clusters[1] }) }, 'static_resources.clusters[4].name', /duplicate/],
    ['a domain claimed twice', (b) => { vhostOf(b, 'reviews').domains.push('details') }, 'static_resources.listeners[1].filter_chains[0].filters[0].typed_config.route_config.virtual_hosts[0].domains[0]', /also claimed/],
  ]
  it('the unmutated bootstrap is valid (the control)', () => expect(validateEnvoyBootstrap(base())).toEqual([]))
  for (const [what, mutate, field, message] of cases) {
    it(`rejects ${what}`, () => {
      const b = base()
      mutate(b)
      const problems = validateEnvoyBootstrap(b)
      expect(problems.map((p) => p.path)).toContain(field)
      expect(problems.find((p) => p.path === field)!.message).toMatch(message)
      for (const { registry } of shared) expect(validateEnvoyBootstrap(b, registry).length).toBeGreaterThan(0)
    })
  }
})

describe('envoy mapping follows the mesh profile', () => {
  it('istio: LEAST_REQUEST, limits 2^32-1, Istio default retries, no route timeout, panic 0 under outlier detection', () => {
    const b = bootstrapOf(bookinfoText(), 'productpage-sidecar.yaml')
    const details = clusterNamed(b, 'outbound|9080||details.default.svc.cluster.local')
    expect(details.lb_policy).toBe('LEAST_REQUEST')
    expect(details.connect_timeout).toBe('10s')
    expect(details.circuit_breakers.thresholds[0]).toMatchObject({ max_connections: 4294967295, max_pending_requests: 4294967295, max_requests: 4294967295, max_retries: 4294967295, track_remaining: true })
    const route = vhostOf(b, 'details').routes[0].route
    expect(route.timeout).toBe('0s')
    expect(route.retry_policy).toMatchObject({ num_retries: 2, retry_on: 'connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes', retriable_status_codes: [503], host_selection_retry_max_attempts: 5 })
    const reviews = vhostOf(b, 'reviews').routes[0].route
    expect(reviews.weighted_clusters.clusters.map((c: Json) => [c.name, c.weight])).toEqual([['outbound|9080|v1|reviews.default.svc.cluster.local', 90], ['outbound|9080|v3|reviews.default.svc.cluster.local', 10]])
    expect(reviews).toMatchObject({ timeout: '2s', retry_policy: { num_retries: 2, per_try_timeout: '0.5s', retry_on: '5xx,connect-failure' } })
    const v1 = clusterNamed(b, 'outbound|9080|v1|reviews.default.svc.cluster.local')
    expect(v1.outlier_detection).toEqual({ consecutive_5xx: 5, enforcing_consecutive_5xx: 100, interval: '10s', base_ejection_time: '30s', max_ejection_percent: 50, enforcing_success_rate: 0 })
    expect(v1.common_lb_config.healthy_panic_threshold.value).toBe(0)
    expect(v1.load_assignment.endpoints[0].lb_endpoints[0].endpoint.address.socket_address).toEqual({ address: 'reviews-v1.default.svc.cluster.local', port_value: 9080 })
  })

  it('envoy: every feature mapped (hash policy, fault, mirror, slow start, breakers, budget, gRPC, TCP), with diagnostics for the rest', () => {
    const result = exportEnvoy(scenarioFrom(FEATURES_SCENARIO))
    expect(validateEnvoyFiles(result.files)).toEqual([])
    const b = parseEnvoyFile(result.files.find((f) => f.path === 'front-sidecar.yaml')!).value as Json
    const [beta0, beta1, main] = vhostOf(b, 'api').routes
    expect(beta0.match).toEqual({ prefix: '/', headers: [{ name: 'x-beta', string_match: { exact: 'yes' } }] })
    expect(beta1.match).toEqual({ prefix: '/beta', headers: [{ name: ':method', string_match: { exact: 'POST' } }] })
    expect(beta0.typed_per_filter_config['envoy.filters.http.fault']).toMatchObject({
      abort: { http_status: 503, percentage: { numerator: 50000, denominator: 'MILLION' } },
      delay: { fixed_delay: '0.04s', percentage: { numerator: 100000, denominator: 'MILLION' } },
    })
    expect(outboundHcm(b).http_filters.map((f: Json) => f.name)).toEqual(['envoy.filters.http.fault', 'envoy.filters.http.router'])
    expect(main.route.hash_policy).toEqual([{ header: { header_name: 'x-user' } }])
    expect(main.route.retry_policy).toEqual({
      retry_on: 'gateway-error,retriable-status-codes', num_retries: 3, per_try_timeout: '1s', retriable_status_codes: [409],
      retry_back_off: { base_interval: '0.05s', max_interval: '1s' },
    })
    expect(main.route.request_mirror_policies).toEqual([{ cluster: 'outbound|9090|v2|api.default.svc.cluster.local', runtime_fraction: { default_value: { numerator: 125000, denominator: 'MILLION' } } }])
    const v1 = clusterNamed(b, 'outbound|9090|v1|api.default.svc.cluster.local')
    expect(v1).toMatchObject({
      lb_policy: 'RING_HASH', ring_hash_lb_config: { minimum_ring_size: 2048 }, connect_timeout: '0.25s',
      circuit_breakers: { thresholds: [{ max_connections: 100, max_requests: 200, retry_budget: { budget_percent: { value: 25 }, min_retry_concurrency: 5 } }] },
      outlier_detection: { consecutive_5xx: 3, consecutive_gateway_failure: 2, enforcing_consecutive_gateway_failure: 100, max_ejection_percent: 34 },
      common_lb_config: { healthy_panic_threshold: { value: 20 } },
    })
    expect(v1.typed_extension_protocol_options['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].explicit_http_config).toEqual({ http2_protocol_options: {} })
    const v2 = clusterNamed(b, 'outbound|9090|v2|api.default.svc.cluster.local')
    expect(v2).toMatchObject({ lb_policy: 'ROUND_ROBIN', round_robin_lb_config: { slow_start_config: { slow_start_window: '30s', aggression: { default_value: 2 } } } })
    const tcp = b.static_resources.listeners.find((l: Json) => l.name === 'outbound_tcp_cache')
    expect(tcp.filter_chains[0].filters[0].typed_config.cluster).toBe('outbound|6379||cache.default.svc.cluster.local')
    expect(clusterNamed(b, 'outbound|6379||cache.default.svc.cluster.local')).toMatchObject({ lb_policy: 'MAGLEV', maglev_lb_config: { table_size: 65537 } })
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual([
      'EXPORT_ENVOY_007 routes[0].rules[0].fault.delay.distribution',
      'EXPORT_ENVOY_008 destinations[0].outlierDetection.maxEjectionPercent',
    ])
  })

  it('envoy profile: no retry policy and Envoy default timeout when the scenario sets none', () => {
    const text = bookinfoText().replace('mesh: istio', 'mesh: envoy')
    const b = bootstrapOf(text, 'productpage-sidecar.yaml')
    const route = vhostOf(b, 'details').routes[0].route
    expect(route.retry_policy).toBeUndefined()
    expect(route.timeout).toBeUndefined()
    expect(clusterNamed(b, 'outbound|9080||details.default.svc.cluster.local').lb_policy).toBe('ROUND_ROBIN')
    expect(clusterNamed(b, 'outbound|9080||details.default.svc.cluster.local').circuit_breakers).toBeUndefined()
  })

  it('linkerd: p2c_ewma, failure accrual and the TPS budget are reported, not dropped silently', () => {
    const text = `
formatVersion: 1
name: l5d
mesh: linkerd
duration: 10s
services:
  - {name: a, versions: [{name: v1}], calls: [{to: b}]}
  - {name: b, versions: [{name: v1}]}
destinations:
  - service: b
    failureAccrual: {maxFailures: 4, minPenalty: 2s, maxPenalty: 20s}
    retryBudget: {retryRatio: 0.2, minRetriesPerSecond: 10, ttl: 10s}
`
    const result = exportEnvoy(scenarioFrom(text))
    expect(validateEnvoyFiles(result.files)).toEqual([])
    expect(result.diagnostics.map((d) => d.code)).toEqual(['EXPORT_ENVOY_001', 'EXPORT_ENVOY_003', 'EXPORT_ENVOY_004'])
    const b = parseEnvoyFile(result.files.find((f) => f.path === 'a-sidecar.yaml')!).value as Json
    expect(clusterNamed(b, 'outbound|8080||b.default.svc.cluster.local')).toMatchObject({
      lb_policy: 'LEAST_REQUEST', least_request_lb_config: { choice_count: 2 },
      outlier_detection: { consecutive_5xx: 4, base_ejection_time: '2s', max_ejection_time: '20s' },
    })
  })
})

describe('vendored Envoy descriptors', () => {
  it('equal a fresh conversion of ../shared/schemas/envoy/envoy-mesh.binpb', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts/vendor-envoy.mjs'), '--check'], { encoding: 'utf8' })
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})
