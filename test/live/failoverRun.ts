/**
 * One failover scenario, two ways: simulated with `runScenario`, and live — the HAProxy or
 * nginx export run on 127.0.0.1 in front of one Node backend per replica, driven at the
 * scenario's rate, with the error burst's version answering 503 from the fault's start to
 * its end (its /health keeps answering 200, as a pod whose application fails does). Both
 * give request records for failoverFigures.ts. Processes and backends are handed to
 * `cleanup` as soon as they exist, so afterAll stops them whatever fails.
 */
import { spawnSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runScenario } from '../../engine/index'
import type { RunResult, Scenario } from '../../engine/index'
import { exportHaproxy } from '../../engine/export/haproxy/haproxyExporter'
import { exportNginx } from '../../engine/export/nginx/nginxExporter'
import type { ExportResult } from '../../engine/export/types'
import { HAPROXY, NGINX, requireBinary, scratchDir } from '../export/proxyTools'
import type { FaultWindow, RequestRecord } from './failoverFigures'
import { simRequests } from './failoverFigures'
import { drive, freePortRun } from './liveDriver'
import { startBackend, startProxy } from './liveHarness'
import type { Backend } from './liveHarness'

/** What the test reads off the scenario: the edge service, its load, and the error burst. */
export interface FailoverSetup {
  readonly service: string
  readonly version: string
  readonly rps: number
  readonly durationMs: number
  readonly window: FaultWindow
  /** Replica names per version, `<svc>-<version>-<i>` as the simulation names them. */
  readonly hosts: Readonly<Record<string, readonly string[]>>
}

/** The setup of a scenario whose first source sends a constant rate and whose first fault is an error burst on one version. */
export function failoverSetup(scenario: Scenario): FailoverSetup {
  const source = scenario.traffic?.[0]
  const fault = scenario.faults?.[0]
  if (source?.load.kind !== 'constant') throw new Error('the fixture needs a constant-rate traffic source')
  if (fault?.kind !== 'error_burst' || !fault.version) throw new Error('the fixture needs an error_burst on one version')
  const svc = scenario.services.find((s) => s.name === fault.service)!
  const hosts = Object.fromEntries(svc.versions.map((v) => [v.name, Array.from({ length: v.replicas ?? 1 }, (_, i) => `${svc.name}-${v.name}-${i}`)]))
  return {
    service: svc.name, version: fault.version, rps: source.load.rate, durationMs: scenario.duration, hosts,
    window: { startS: fault.at / 1000, endS: (fault.at + fault.for) / 1000, badHosts: hosts[fault.version]!, gapS: 0.5 },
  }
}

/** The simulation's run (every request traced) and its request records. */
export function simulate(scenario: Scenario, setup: FailoverSetup): { result: RunResult; requests: RequestRecord[] } {
  const expected = Math.ceil((setup.rps * setup.durationMs) / 1000)
  const result = runScenario(scenario, { maxTraces: 4 * expected + 100 })
  return { result, requests: simRequests(result) }
}

/** What a live run gives: request records, the exported file, and the proxy's own log. */
export interface LiveRun {
  readonly requests: RequestRecord[]
  readonly exported: ExportResult
  readonly proxyLog: string
}

/** Runs the `kind` export of `scenario` live (≈ the scenario's duration plus a second). */
export async function runLive(kind: 'haproxy' | 'nginx', scenario: Scenario, setup: FailoverSetup, cleanup: (f: () => Promise<void> | void) => void): Promise<LiveRun> {
  requireBinary(kind === 'haproxy' ? HAPROXY : NGINX)
  const backends: Backend[] = []
  cleanup(() => Promise.all(backends.map((b) => b.close())).then(() => undefined))
  for (const [version, names] of Object.entries(setup.hosts)) for (const name of names) backends.push(await startBackend(name, version, { healthOk: true }))
  const versions = Object.keys(setup.hosts)
  const port = await freePortRun(1 + versions.length)
  const upstreamAddresses = Object.fromEntries(versions.map((v) => [v, backends.filter((b) => b.version === v).map((b) => `127.0.0.1:${b.port}`)]))
  const options = { edgeService: setup.service, edge: { listen: `127.0.0.1:${port}`, upstreamAddresses, internalPort: port + 1 } }
  const exported = kind === 'haproxy' ? exportHaproxy(scenario, options) : exportNginx(scenario, options)
  const dir = scratchDir(`meshsim-failover-${kind}-`)
  cleanup(() => rmSync(dir, { recursive: true, force: true }))
  const cfg = join(dir, exported.files[0]!.path)
  writeFileSync(cfg, exported.files[0]!.content)
  const check = kind === 'haproxy'
    ? spawnSync(HAPROXY, ['-c', '-f', cfg], { encoding: 'utf8', timeout: 10_000 })
    : spawnSync(NGINX, ['-t', '-p', `${dir}/`, '-c', cfg, '-e', 'stderr'], { encoding: 'utf8', timeout: 10_000 })
  if (check.status !== 0) throw new Error(`${kind} rejects the export:\n${check.stdout}${check.stderr}`)
  const proxy = kind === 'haproxy'
    ? await startProxy(HAPROXY, ['-db', '-f', cfg], port)
    : await startProxy(NGINX, ['-p', `${dir}/`, '-c', cfg, '-e', 'stderr'], port)
  cleanup(() => proxy.stop())
  const bad = backends.filter((b) => b.version === setup.version)
  const fail = (on: boolean) => () => { for (const b of bad) b.failing = on }
  const run = await drive({
    port, rps: setup.rps, durationMs: setup.durationMs, count: Math.ceil((setup.rps * setup.durationMs) / 1000),
    actions: [{ atMs: setup.window.startS * 1000, run: fail(true) }, { atMs: setup.window.endS * 1000, run: fail(false) }],
  })
  await proxy.stop()
  const tries = new Map<number, { host: string; atS: number; failed: boolean }[]>()
  for (const b of backends) {
    for (const a of b.attempts) {
      const list = tries.get(a.request) ?? []
      list.push({ host: b.name, atS: (a.at - run.start) / 1000, failed: a.failed })
      tries.set(a.request, list)
    }
  }
  const requests = run.records.map((r) => ({
    atS: r.atMs / 1000,
    ok: r.status >= 200 && r.status < 400,
    tries: (tries.get(r.n) ?? []).sort((a, b) => a.atS - b.atS),
  }))
  return { requests, exported, proxyLog: proxy.output() }
}
