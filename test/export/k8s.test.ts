/**
 * Kubernetes export: every bundled scenario exports without errors and every resource
 * passes the strict schema (unknown fields, names, ports, selectors); mutations are
 * rejected; workloads reproduce the scenario (fake-service env, replicas, injection, Fortio).
 */
import { describe, expect, it } from 'vitest'
import { parseYamlDocuments } from '../../engine/export/yaml'
import { exportK8s } from '../../engine/export/k8s/k8sExporter'
import { goDuration, percentilesMs } from '../../engine/export/k8s/fakeServiceEnv'
import { fortioRate } from '../../engine/export/k8s/loadGenerator'
import { validateK8sFiles, validateK8sResource } from '../../engine/export/k8s/validateK8s'
import { FEATURES_SCENARIO, bundledScenarios, scenarioFrom } from './exportFixtures'

type Json = Record<string, any>

function resources(result: ReturnType<typeof exportK8s>): Json[] {
  return result.files.flatMap((f) => parseYamlDocuments(f.content).documents as Json[])
}
function find(all: Json[], kind: string, name: string): Json {
  const found = all.find((r) => r.kind === kind && r.metadata.name === name)
  if (!found) throw new Error(`no ${kind} ${name}`)
  return found
}
const envOf = (d: Json) => Object.fromEntries(d.spec.template.spec.containers[0].env.map((e: Json) => [e.name, e.value]))

describe('k8s export: bundled scenarios', () => {
  for (const { name, scenario } of bundledScenarios()) {
    it(`${name}: no error diagnostics, every resource passes the strict schema`, () => {
      const result = exportK8s(scenario)
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
      expect(validateK8sFiles(result.files)).toEqual([])
      const all = resources(result)
      const versions = scenario.services.reduce((n, s) => n + s.versions.length, 0)
      expect(all.filter((r) => r.kind === 'Deployment')).toHaveLength(versions)
      expect(all.filter((r) => r.kind === 'Service')).toHaveLength(versions + scenario.services.length)
      expect(all.filter((r) => r.kind === 'Job')).toHaveLength(scenario.traffic?.length ?? 0)
      expect(exportK8s(scenario)).toEqual(result)
    })
  }
})

describe('k8s workloads reproduce the scenario', () => {
  const bookinfo = bundledScenarios().find((s) => s.name === 'bookinfo')!.scenario
  const all = resources(exportK8s(bookinfo))

  it('Deployments per version with app/version labels, replicas and fake-service tuned to the version', () => {
    const v1 = find(all, 'Deployment', 'reviews-v1')
    expect(v1.spec.replicas).toBe(2)
    expect(v1.spec.selector.matchLabels).toEqual({ app: 'reviews', version: 'v1' })
    expect(v1.spec.template.spec.containers[0].image).toBe('nicholasjackson/fake-service:v0.26.2')
    // lognormal p50 6 ms, p99 30 ms: sigma = ln 5 / 2.3263 = 0.6918, p90 = 6 e^(0.6918 * 1.2816) = 14.561 ms
    expect(envOf(v1)).toMatchObject({ LISTEN_ADDR: '0.0.0.0:9080', NAME: 'reviews-v1', TIMING_50_PERCENTILE: '6ms', TIMING_90_PERCENTILE: '14.561ms', TIMING_99_PERCENTILE: '30ms' })
    expect(envOf(v1).UPSTREAM_URIS).toBeUndefined()
    expect(envOf(find(all, 'Deployment', 'reviews-v3')).UPSTREAM_URIS).toBe('http://ratings.default.svc.cluster.local:9080/ratings/0')
    expect(envOf(find(all, 'Deployment', 'productpage-v1')).UPSTREAM_URIS).toBe('http://details.default.svc.cluster.local:9080/details/0,http://reviews.default.svc.cluster.local:9080/reviews/0')
  })

  it('Services: one per service, one headless per version; the namespace carries Istio injection', () => {
    expect(find(all, 'Service', 'reviews').spec.selector).toEqual({ app: 'reviews' })
    expect(find(all, 'Service', 'reviews-v3').spec).toMatchObject({ clusterIP: 'None', selector: { app: 'reviews', version: 'v3' } })
    expect(find(all, 'ServiceAccount', 'reviews')).toBeDefined()
    expect(find(all, 'Namespace', 'default').metadata.labels['istio-injection']).toBe('enabled')
  })

  it('Linkerd namespaces get the inject annotation; gRPC and error rates reach fake-service', () => {
    const emojivoto = bundledScenarios().find((s) => s.name === 'emojivoto')!.scenario
    const e = resources(exportK8s(emojivoto))
    expect(find(e, 'Namespace', 'emojivoto').metadata.annotations).toEqual({ 'linkerd.io/inject': 'enabled' })
    const voting = e.find((r) => r.kind === 'Deployment' && r.metadata.name.startsWith('voting-svc'))!
    expect(envOf(voting)).toMatchObject({ SERVER_TYPE: 'grpc', ERROR_RATE: '0.1585', ERROR_CODE: '500', ERROR_TYPE: 'http_error' })
  })

  it('a Fortio Job per traffic source with rate, duration and connections', () => {
    const job = find(all, 'Job', 'loadgen-browsers')
    const c = job.spec.template.spec.containers[0]
    expect(c.image).toBe('fortio/fortio:1.69.4')
    expect(c.args).toEqual(['load', '-qps', '50', '-t', '60s', '-c', '5', '-allow-initial-errors', 'http://productpage.default.svc.cluster.local:9080/productpage'])
    expect(job.spec.template.spec.restartPolicy).toBe('Never')
  })

  it('maps distributions and loads as documented', () => {
    expect(percentilesMs({ kind: 'exponential', mean: 10 }).map(goDuration)).toEqual(['6.931ms', '23.026ms', '46.052ms'])
    expect(percentilesMs({ kind: 'empirical', samples: [4, 1, 3, 2] })).toEqual([2, 4, 4])
    expect(fortioRate({ kind: 'closed_loop', users: 50, thinkTime: 500 }, 60_000)).toEqual({ qps: 100, connections: 50, exact: false })
    expect(fortioRate({ kind: 'ramp', from: 10, to: 50, over: 10_000 }, 30_000).qps).toBeCloseTo((30 * 10 + 50 * 20) / 30, 3)
  })

  it('reports what fake-service and Fortio cannot express', () => {
    const result = exportK8s(scenarioFrom(FEATURES_SCENARIO))
    expect(validateK8sFiles(result.files)).toEqual([])
    expect(result.diagnostics.map((d) => `${d.code} ${d.path}`)).toEqual([
      'EXPORT_K8S_004 services[0].calls',
      'EXPORT_K8S_004 services[2].protocol',
      'EXPORT_K8S_007 traffic[0].load',
      'EXPORT_K8S_008 traffic[0].mix',
      'EXPORT_K8S_009 mesh',
    ])
  })
})

describe('k8s validator rejects mutated resources', () => {
  const bookinfo = bundledScenarios().find((s) => s.name === 'bookinfo')!.scenario
  const base = () => resources(exportK8s(bookinfo))
  const cases: [string, (all: Json[]) => Json, string, RegExp][] = [
    ['an unknown field (typo)', (a) => { const d = find(a, 'Deployment', 'reviews-v1'); d.spec.replica = 2; return d }, 'spec.replica', /unknown field/],
    ['a wrong type', (a) => { const d = find(a, 'Deployment', 'reviews-v1'); d.spec.replicas = '2'; return d }, 'spec.replicas', /integer/],
    ['a name that is not DNS-1123', (a) => { const d = find(a, 'Deployment', 'reviews-v1'); d.metadata.name = 'Reviews_V1'; return d }, 'metadata.name', /DNS-1123/],
    ['a Service name starting with a digit', (a) => { const s = find(a, 'Service', 'reviews'); s.metadata.name = '1reviews'; return s }, 'metadata.name', /DNS-1035/],
    ['a port above 65535', (a) => { const s = find(a, 'Service', 'reviews'); s.spec.ports[0].port = 70000; return s }, 'spec.ports[0].port', /at most 65535/],
    ['a selector that misses the template', (a) => { const d = find(a, 'Deployment', 'reviews-v1'); d.spec.selector.matchLabels.version = 'v2'; return d }, 'spec.selector.matchLabels.version', /does not match/],
    ['a wrong enum', (a) => { const j = find(a, 'Job', 'loadgen-browsers'); j.spec.template.spec.restartPolicy = 'Always'; return j }, 'spec.template.spec.restartPolicy', /not one of/],
    ['a bad label value', (a) => { const s = find(a, 'Service', 'reviews'); s.metadata.labels.app = 'not ok'; return s }, 'metadata.labels.app', /label value/],
    ['an unknown kind', (a) => { const s = find(a, 'Service', 'reviews'); s.apiVersion = 'v2'; return s }, 'apiVersion', /not a kind/],
  ]
  it('the unmutated resources are valid (the control)', () => expect(base().flatMap(validateK8sResource)).toEqual([]))
  for (const [what, mutate, field, message] of cases) {
    it(`rejects ${what}`, () => {
      const problems = validateK8sResource(mutate(base()))
      expect(problems.map(([f]) => f)).toContain(field)
      expect(problems.find(([f]) => f === field)![1]).toMatch(message)
    })
  }
})
