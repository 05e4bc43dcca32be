import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../main'
import type { Io } from '../io'

function capture(): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) }
  return io
}

const dir = mkdtempSync(join(tmpdir(), 'meshsim-run-'))
const failing = join(dir, 'failing.scenario.yaml')
writeFileSync(failing, `formatVersion: 1
name: failing
mesh: istio
duration: 5s
services:
  - name: api
    versions: [{name: v1, errorRate: 50%}]
traffic:
  - {name: users, to: api, load: {kind: poisson, rate: 50rps}}
slos:
  - {kind: success_rate, name: api 99%, service: api, objective: 99%}
`)

describe('meshsim run', () => {
  it('prints tables and exits 0 when every SLO is met', async () => {
    const io = capture()
    expect(await main(['run', 'scenarios/bookinfo.scenario.yaml', '--duration', '10s'], io)).toBe(0)
    expect(io.stdout).toMatch(/^bookinfo · mesh istio · seed 42 · 10 s simulated/)
    expect(io.stdout).toContain('productpage')
    expect(io.stdout).toContain('ingress → productpage')
    expect(io.stdout).toContain('PASS  productpage p99 under 100ms')
    expect(io.stderr).toBe('')
  })

  it('--json prints the document of issue 3 and --out writes it too; exit 1 when an SLO fails', async () => {
    const io = capture()
    const out = join(dir, 'result.json')
    expect(await main(['run', failing, '--json', '--seed', '3', '--out', out], io)).toBe(1)
    const doc = JSON.parse(io.stdout)
    expect(Object.keys(doc).slice(0, 9)).toEqual(['scenario', 'seed', 'simulatedSeconds', 'events', 'wallSeconds', 'services', 'edges', 'fates', 'slos'])
    expect(doc).toMatchObject({ scenario: 'failing', seed: 3, simulatedSeconds: 5 })
    expect(Object.keys(doc.services.api)).toEqual(expect.arrayContaining(['requests', 'succeeded', 'failed', 'latencyMs', 'utilization']))
    expect(Object.keys(doc.services.api.latencyMs)).toEqual(expect.arrayContaining(['mean', 'p50', 'p90', 'p99', 'p999']))
    expect(Object.keys(doc.edges[0])).toEqual(expect.arrayContaining(['from', 'to', 'requests', 'attempts', 'retries', 'succeeded', 'failed', 'latencyMs']))
    expect(Object.keys(doc.fates)).toEqual(expect.arrayContaining(['success', 'success_after_retry', 'timeout', 'per_try_timeout', 'overflow', 'no_healthy_upstream', 'budget_exhausted', 'fault_abort', 'denied_by_policy']))
    expect(doc.slos[0]).toMatchObject({ name: 'api 99%', ok: false, objective: 99 })
    expect(Object.keys(doc.slos[0])).toEqual(expect.arrayContaining(['name', 'ok', 'objective', 'value', 'firstViolationSeconds']))
    expect(doc.timeSeries).toBeUndefined()
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(doc)
  })

  it('prints the insights under the tables and puts them in --json', async () => {
    const io = capture()
    await main(['run', 'scenarios/per-try-timeout.scenario.yaml', '--duration', '20s'], io)
    const text = io.stdout.slice(io.stdout.indexOf('insights ('))
    expect(text).toMatch(/^insights \(1\):\n  WARNING RETRY_001  member: a slow attempt is never retried/)
    expect(text).toContain('    at routes[0].rules[0].retries.perTryTimeout')
    expect(text.replace(/\n +/g, ' ')).toContain('Envoy ignores a per-try timeout at or above it')
    expect(text.split('\n').slice(2).every((l) => l.length <= 100)).toBe(true) // wrapped under the title
    expect(text).toMatch(/- ingress → member: \d+ requests, 0 retries, \d+ \([\d.]+ %\) ended by the route timeout \(504\)/)
    const json = capture()
    await main(['run', 'scenarios/per-try-timeout.scenario.yaml', '--duration', '20s', '--json'], json)
    const doc = JSON.parse(json.stdout)
    expect(Object.keys(doc)[9]).toBe('insights')
    expect(doc.insights[0]).toMatchObject({ code: 'RETRY_001', severity: 'warning', path: 'routes[0].rules[0].retries.perTryTimeout' })
    expect(Object.keys(doc.insights[0])).toEqual(['code', 'severity', 'title', 'explanation', 'evidence', 'path'])
    expect(doc.clusters['member/v1']).toMatchObject({ ejections: 0, panicSeconds: 0 })
  })

  it('--series adds the per-second time series', async () => {
    const io = capture()
    await main(['run', failing, '--json', '--series'], io)
    const series = JSON.parse(io.stdout).timeSeries
    expect(series.services.api.fields.requests).toHaveLength(5)
    expect(series.services.api.fields.latencyP99Ms).toHaveLength(5) // per-second percentiles
    expect(Object.values<{ fields: Record<string, number[]> }>(series.edges)[0]!.fields.latencyP50Ms).toHaveLength(5)
  })

  it('exits 2 on bad usage or an invalid scenario', async () => {
    for (const args of [['run'], ['run', 'a.yaml', 'b.yaml'], ['run', failing, '--seed', '-1'], ['run', failing, '--duration', 'soon'], ['run', 'missing.yaml']]) {
      const io = capture()
      expect(await main(args, io), args.join(' ')).toBe(2)
      expect(io.stderr).not.toBe('')
    }
  })
})
