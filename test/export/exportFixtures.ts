/**
 * Shared fixtures of the Envoy / Kubernetes / proxy exporter suites: every bundled scenario
 * (globbed, so a new scenario is covered automatically) and a parser that fails loudly.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseScenario } from '../../engine/model/parse'
import type { Scenario } from '../../engine/model/types'

export const root = resolve(import.meta.dirname, '../..')
/** ../shared/schemas, the upstream schemas the suites validate against directly. */
export const sharedSchemas = resolve(root, '../shared/schemas')

/** Parses scenario text; throws with the diagnostics when it is not valid. */
export function scenarioFrom(text: string, file = 'inline.scenario.yaml'): Scenario {
  const parsed = parseScenario(text, { file })
  if (!parsed.ok || !parsed.scenario) throw new Error(`${file}: ${JSON.stringify(parsed.diagnostics, null, 2)}`)
  return parsed.scenario
}

/** Every scenarios/*.scenario.yaml, parsed, by file name. */
export function bundledScenarios(): { name: string; scenario: Scenario }[] {
  const dir = join(root, 'scenarios')
  return readdirSync(dir)
    .filter((f) => f.endsWith('.scenario.yaml'))
    .sort()
    .map((f) => ({ name: f.replace('.scenario.yaml', ''), scenario: scenarioFrom(readFileSync(join(dir, f), 'utf8'), f) }))
}

/** A small scenario exercising every routing and destination feature the exporters map. */
export const FEATURES_SCENARIO = `
formatVersion: 1
name: features
mesh: envoy
duration: 30s
services:
  - name: front
    versions: [{name: v1, replicas: 2, serviceTime: {kind: constant, value: 2ms}}]
    calls: [{to: api, path: /api/items}, {to: cache}]
  - name: api
    port: 9090
    protocol: grpc
    versions:
      - {name: v1, replicas: 3, serviceTime: {kind: exponential, mean: 5ms}, errorRate: 1%, errorStatus: 503}
      - {name: v2, replicas: 1, serviceTime: {kind: empirical, samples: [1ms, 2ms, 3ms, 40ms]}}
  - name: cache
    port: 6379
    protocol: tcp
    versions: [{name: v1}]
traffic:
  - {name: users, to: front, load: {kind: ramp, from: 10rps, to: 50rps, over: 10s}, mix: [{path: /a, weight: 1}, {path: /b, weight: 3}]}
routes:
  - service: api
    rules:
      - name: beta
        match: [{headers: {x-beta: {exact: 'yes'}}}, {path: {prefix: /beta}, method: POST}]
        split: [{version: v2, weight: 100}]
        fault: {abort: {percent: 5%, httpStatus: 503}, delay: {percent: 10%, distribution: {kind: lognormal, p50: 40ms, p99: 200ms}}}
      - name: main
        split: [{version: v1, weight: 75}, {version: v2, weight: 25}]
        timeout: 3s
        retries: {attempts: 3, perTryTimeout: 1s, retryOn: [gateway-error, retriable-status-codes], retriableStatusCodes: [409], backoff: {base: 50ms, max: 1s}}
        mirror: {version: v2, percent: 12.5%}
destinations:
  - service: api
    loadBalancer: {kind: ring_hash, hashOn: {header: x-user}, minimumRingSize: 2048}
    connectionPool: {maxConnections: 100, maxRequests: 200, connectTimeout: 250ms, retryBudget: {percent: 25%, minRetryConcurrency: 5}}
    outlierDetection: {consecutive5xxErrors: 3, consecutiveGatewayErrors: 2, interval: 5s, baseEjectionTime: 15s, maxEjectionPercent: 33.5%, minHealthPercent: 20%}
    versions:
      - {name: v2, loadBalancer: {kind: round_robin}, slowStart: {window: 30s, aggression: 2}}
  - service: cache
    loadBalancer: {kind: maglev, tableSize: 65537}
`
