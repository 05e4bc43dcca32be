/**
 * Istio round trip: importIstio(Istio export + Kubernetes export) gives back the scenario's
 * services, routes, destinations and security, for every feature Istio can express. Fields
 * the export diagnosed (what Istio cannot express) are left out of the comparison on both
 * sides; everything else must be equal. Also the CLI end to end: export, then import.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../cli/main'
import type { Io } from '../../cli/io'
import { exportIstio } from '../../engine/export/istio/istioExporter'
import { getExporter } from '../../engine/export/index'
import type { OutFile } from '../../engine/export/types'
import { importIstio } from '../../engine/import/istio'
import type { Diagnostic } from '../../engine/model/diagnostics'
import { parseScenario } from '../../engine/model/parse'
import type { Scenario } from '../../engine/model/types'
import { bundledScenarios, root, scenarioFrom } from './exportFixtures'

/** Everything Istio can express, so the round trip must give it back exactly. */
const EXPRESSIBLE = `
formatVersion: 1
name: round trip
mesh: istio
duration: 30s
services:
  - name: web
    port: 8080
    versions: [{name: v1, replicas: 2}]
    calls: [{to: api}]
  - name: api
    namespace: shop
    port: 9090
    protocol: grpc
    versions: [{name: v1, replicas: 3}, {name: v2, replicas: 1}, {name: canary}]
traffic:
  - {name: users, to: web, load: {kind: constant, rate: 10rps}}
routes:
  - service: api
    rules:
      - name: beta
        match: [{path: {prefix: /beta}, method: POST, headers: {x-user: {exact: tester}}}, {path: {regex: '/b[0-9]+'}}]
        split: [{version: v2, weight: 100}]
        fault:
          delay: {percent: 10%, fixed: 40ms}
          abort: {percent: 5%, httpStatus: 503}
          headers: {x-chaos: {prefix: 'on'}}
      - name: main
        split: [{version: v1, weight: 70}, {version: v2, weight: 20}, {version: canary, weight: 10}]
        timeout: 3s
        retries: {attempts: 3, perTryTimeout: 250ms, retryOn: [5xx, reset], retriableStatusCodes: [409], backoff: {base: 50ms}, retryIgnorePreviousHosts: false}
        mirror: {version: canary, percent: 12.5%}
      - split: [{version: v1, weight: 100}]
        retries: {attempts: 0}
        fault: {abort: {percent: 100%, httpStatus: 418}}
  - service: web
    rules:
      - split: [{version: v1, weight: 100}]
        retries: {attempts: 2, retriableStatusCodes: [503]}
destinations:
  - service: api
    loadBalancer: {kind: ring_hash, hashOn: {header: x-user}, minimumRingSize: 2048}
    connectionPool: {maxConnections: 100, maxPendingRequests: 10, maxRequests: 200, maxRetries: 3, maxRequestsPerConnection: 1, connectTimeout: 250ms, retryBudget: {percent: 25%, minRetryConcurrency: 5}}
    outlierDetection: {consecutive5xxErrors: 3, consecutiveGatewayErrors: 2, interval: 5s, baseEjectionTime: 15s, maxEjectionPercent: 30%, minHealthPercent: 20%}
    tls: {mode: ISTIO_MUTUAL}
    versions:
      - {name: v2, loadBalancer: {kind: round_robin}, outlierDetection: {consecutive5xxErrors: 1}, slowStart: {window: 30s, aggression: 2, minWeightPercent: 10%}}
      - {name: canary, loadBalancer: {kind: maglev, hashOn: {queryParameter: user}, tableSize: 131}}
  - service: web
    loadBalancer: {kind: least_request}
    slowStart: {window: 10s}
security:
  mtls: {mode: STRICT, services: {web: PERMISSIVE}}
  authorization:
    - {name: api-from-web, service: api, action: ALLOW, from: [web], paths: [/v1/*], methods: [GET]}
    - {name: web-deny, service: web, action: DENY, from: ['*']}
`

type Comparable = Pick<Scenario, 'services' | 'routes' | 'destinations' | 'security'>

/** The comparable parts, with schema defaults made explicit, lists ordered by service name. */
function comparable(s: Scenario): Comparable {
  const byService = <T extends { service: string }>(list: readonly T[] | undefined) => list && [...list].sort((a, b) => a.service.localeCompare(b.service))
  return JSON.parse(JSON.stringify({
    services: [...s.services].sort((a, b) => a.name.localeCompare(b.name)).map((svc) => ({
      name: svc.name, namespace: svc.namespace ?? 'default', port: svc.port ?? 8080, protocol: svc.protocol ?? 'http',
      versions: svc.versions.map((v) => ({ name: v.name, replicas: v.replicas ?? 1 })),
    })),
    routes: byService(s.routes?.map((r) => ({ ...r, rules: r.rules.map((rule) => ({ ...rule, match: rule.match?.map((m) => ({ ...m, headers: m.headers && Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k.toLowerCase(), v])) })) })) }))),
    destinations: byService(s.destinations),
    security: s.security && {
      ...s.security,
      authorization: s.security.authorization && [...s.security.authorization].sort((a, b) => `${a.service}/${a.name}`.localeCompare(`${b.service}/${b.name}`)),
    },
  })) as Comparable
}

/** Deletes `rest` (a path like `rules[1].retries.backoff.max`) below `obj`. */
function deletePath(obj: unknown, rest: string): void {
  const parts = rest.match(/[^.[\]]+/g) ?? []
  let node = obj as Record<string, unknown> | undefined
  for (const p of parts.slice(0, -1)) node = node?.[p] as Record<string, unknown> | undefined
  if (node && parts.length) delete node[parts[parts.length - 1]!]
}

/** Removes every diagnosed field from both sides; `routes[i]`/`destinations[i]` resolve by service name. */
function stripDiagnosed(original: Scenario, sides: Comparable[], diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const m = /^(routes|destinations)\[(\d+)\]\.?(.*)$/.exec(d.path)
    if (!m) continue
    const list = m[1] as 'routes' | 'destinations'
    const service = original[list]![Number(m[2])]!.service
    for (const side of sides) {
      const entry = (side[list] as { service: string }[] | undefined)?.find((e) => e.service === service)
      if (entry && m[3]) deletePath(entry, m[3])
    }
  }
}

function roundTrip(scenario: Scenario): { expected: Comparable; actual: Comparable; exported: Diagnostic[]; imported: readonly Diagnostic[] } {
  const istio = exportIstio(scenario)
  const k8s = getExporter('k8s')!.export(scenario)
  const result = importIstio([...istio.files, ...k8s.files])
  expect(result.scenario, JSON.stringify(result.diagnostics, null, 1)).toBeDefined()
  const expected = comparable(scenario)
  const actual = comparable(result.scenario!)
  stripDiagnosed(scenario, [expected, actual], istio.diagnostics)
  return { expected, actual, exported: [...istio.diagnostics], imported: result.diagnostics }
}

describe('Istio round trip: import(export(scenario))', () => {
  it('gives back every routing, destination and security feature Istio expresses, with no diagnostic either way', () => {
    const { expected, actual, exported, imported } = roundTrip(scenarioFrom(EXPRESSIBLE))
    expect(exported).toEqual([])
    expect(imported.filter((d) => !['IMPORT_ISTIO_002', 'IMPORT_ISTIO_010', 'REF_010'].includes(d.code))).toEqual([])
    expect(actual).toEqual(expected)
  })

  for (const { name, scenario } of bundledScenarios()) {
    it(`${name}: equal where Istio can express it`, () => {
      const { expected, actual, imported } = roundTrip(scenario)
      expect(imported.filter((d) => d.severity === 'error')).toEqual([])
      expect(actual.services).toEqual(expected.services)
      expect(actual.routes).toEqual(expected.routes)
      expect(actual.destinations).toEqual(expected.destinations)
    })
  }

  it('turns gateway-bound VirtualServices into traffic sources and reports what it cannot map', () => {
    const yaml = `
apiVersion: v1
kind: Service
metadata: {name: ratings}
spec: {selector: {app: ratings}, ports: [{name: http, port: 9080}, {name: admin, port: 9901}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: edge}
spec:
  hosts: ['*']
  gateways: [edge-gateway]
  http: [{route: [{destination: {host: ratings}}]}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: ratings}
spec:
  hosts: [ratings]
  http:
    - rewrite: {uri: /v2}
      route: [{destination: {host: ratings}, weight: 3}, {destination: {host: details}, weight: 1}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ratings}
spec: {host: ratings, trafficPolicy: {loadBalancer: {simple: PASSTHROUGH}, connectionPool: {http: {idleTimeout: 1h}}}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: junk}
`
    const result = importIstio([{ path: 'in.yaml', content: yaml }], { name: 'imported ratings' })
    expect(result.scenario?.traffic).toEqual([{ name: 'ingress-ratings', to: 'ratings', load: { kind: 'poisson', rate: 10 } }])
    expect(result.scenario?.routes).toEqual([{ service: 'ratings', rules: [{ split: [{ version: 'v1', weight: 100 }] }] }])
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual([
      'IMPORT_ISTIO_002 ',
      'IMPORT_ISTIO_011 spec.ports',
      'IMPORT_ISTIO_009 ',
      'IMPORT_ISTIO_010 spec.gateways',
      'IMPORT_ISTIO_003 spec.http[0].rewrite',
      'IMPORT_ISTIO_005 spec.http[0].route[1].destination.host',
      'IMPORT_ISTIO_006 spec.http[0].route',
      'IMPORT_ISTIO_003 spec.trafficPolicy.loadBalancer.simple',
      'IMPORT_ISTIO_003 spec.trafficPolicy.connectionPool.http.idleTimeout',
    ])
    expect(result.diagnostics.every((d) => d.file === 'in.yaml')).toBe(true)
  })

  it('reports YAML errors and an input without services as errors', () => {
    expect(importIstio([{ path: 'bad.yaml', content: 'kind: [' }]).diagnostics.map((d) => [d.code, d.severity])).toContainEqual(['IMPORT_ISTIO_001', 'error'])
    expect(importIstio([{ path: 'empty.yaml', content: 'apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n' }]).diagnostics.map((d) => d.code)).toEqual(['IMPORT_ISTIO_014'])
  })
})

function capture(): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) }
  return io
}

describe('meshsim export and import, end to end', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meshsim-mesh-'))
  const bookinfo = join(root, 'scenarios/bookinfo.scenario.yaml')

  it('exports Istio and Linkerd configs that the command itself validates', async () => {
    for (const target of ['istio', 'linkerd']) {
      const io = capture()
      expect(await main(['export', bookinfo, '--target', target, '--out', join(dir, target)], io)).toBe(0)
      expect(io.stdout).toMatch(/^wrote \d+ file\(s\) to .* \((Istio|Linkerd); all valid\)\n$/)
    }
    expect(readdirSync(join(dir, 'istio'))).toContain('virtualservice-default-reviews.yaml')
    expect(readdirSync(join(dir, 'linkerd'))).toContain('httproute-default-reviews.yaml')
  })

  it('imports the exported Istio and Kubernetes files back into the same routes and destinations', async () => {
    expect(await main(['export', bookinfo, '--target', 'k8s', '--out', join(dir, 'k8s')], capture())).toBe(0)
    const files = ['istio', 'k8s'].flatMap((t) => readdirSync(join(dir, t)).map((f) => join(dir, t, f)))
    const io = capture()
    const out = join(dir, 'imported.scenario.yaml')
    expect(await main(['import', ...files, '--out', out, '--name', 'bookinfo'], io)).toBe(0)
    expect(io.stdout).toContain(`wrote ${out}: 4 service(s), 1 route(s), 1 destination(s)`)
    const back = parseScenario(readFileSync(out, 'utf8'))
    expect(back.ok).toBe(true)
    const original = parseScenario(readFileSync(bookinfo, 'utf8')).scenario!
    expect(back.scenario!.routes).toEqual(original.routes)
    expect(back.scenario!.destinations).toEqual(original.destinations)
  })

  it('exits 2 on bad usage and 1 (writing nothing) on errors', async () => {
    expect(await main(['import'], capture())).toBe(2)
    expect(await main(['import', bookinfo], capture())).toBe(2)
    const broken = join(dir, 'broken.yaml')
    writeFileSync(broken, 'apiVersion: v1\nkind: [\n')
    const io = capture()
    expect(await main(['import', broken, join(dir, 'missing.yaml'), '--out', join(dir, 'never.yaml')], io)).toBe(1)
    expect(io.stderr).toContain('missing.yaml: error FILE_003: no such file')
    expect(io.stderr).toContain('IMPORT_ISTIO_001')
    expect(readdirSync(dir)).not.toContain('never.yaml')
    const help = capture()
    expect(await main(['import', '--help'], help)).toBe(0)
    expect(help.stdout).toContain('Exit codes')
  })
})
