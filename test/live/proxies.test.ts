/**
 * LIVE: the exported HAProxy and nginx configs run for real on 127.0.0.1 in front of small
 * Node backends standing in for Bookinfo's reviews replicas (v1 ×2, v3 ×1, split 90/10).
 *
 * 1. Split: 1000 sequential requests; the v3 share must be 10 % ± 2 %.
 * 2. Failure: one v1 pod (reviews-v1-0) answers 503 to everything, health checks too.
 *    Retries (2 retries on 5xx, on another server of the same version, as Envoy's
 *    previous_hosts) must keep every client request successful; the bad pod must be taken
 *    out — nginx after exactly max_fails (consecutive5xxErrors) failed tries (it is tried
 *    first in every other v1 request, and a first try that nginx moves on from counts),
 *    HAProxy after `fall` failed health checks `inter` apart (observe layer7 sees only the
 *    retried request's final 200 in HAProxy < 3.1, haproxy#2679, so it never fires here).
 * 3. Recovery: the pod heals and must receive traffic again: nginx when fail_timeout
 *    (= baseEjectionTime, counted in whole seconds) has passed since its last failure;
 *    HAProxy after `rise` = baseEjectionTime / interval + 1 good checks `inter` apart.
 * A whole version failing is test/live/liveVsSim.test.ts, compared with the simulation.
 * Bookinfo's outlier timers (10 s interval, 30 s ejection) would make this minutes long, so
 * the run uses the same scenario with consecutive5xxErrors 3, interval 1 s, baseEjectionTime 2 s.
 * One summary line per proxy is printed with the measured figures, for comparison with
 * `meshsim run`. Binaries missing → the test fails with the apt-get command (CI installs them).
 * LIVE_DEBUG=1 prints each proxy's own log (HAProxy names why it marked a server DOWN/UP).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { exportHaproxy } from '../../engine/export/haproxy/haproxyExporter'
import { exportNginx } from '../../engine/export/nginx/nginxExporter'
import type { ExportOptions, ExportResult } from '../../engine/export/types'
import { parseScenario } from '../../engine/model/parse'
import type { Scenario } from '../../engine/model/types'
import { HAPROXY, NGINX, requireBinary, scratchDir } from '../export/proxyTools'
import { freePortRun } from './liveDriver'
import { closeClient, sequential, sleep, startBackend, startProxy } from './liveHarness'
import type { Backend, Proxy } from './liveHarness'

const MAX_FAILS = 3
const INTERVAL_MS = 1000
const EJECTION_MS = 2000

function liveScenario(): Scenario {
  const text = readFileSync(resolve(import.meta.dirname, '../../scenarios/bookinfo.scenario.yaml'), 'utf8')
  const tuned = text
    .replace('consecutive5xxErrors: 5', `consecutive5xxErrors: ${MAX_FAILS}`)
    .replace('interval: 10s', `interval: ${INTERVAL_MS / 1000}s`)
    .replace('baseEjectionTime: 30s', `baseEjectionTime: ${EJECTION_MS / 1000}s`)
  if ((tuned.match(/consecutive5xxErrors: 3|interval: 1s|baseEjectionTime: 2s/g) ?? []).length !== 3) throw new Error('bookinfo changed: update the live scenario tuning')
  return parseScenario(tuned).scenario!
}

const cleanups: (() => Promise<void> | void)[] = []
afterAll(async () => {
  for (const c of cleanups.reverse()) await c()
  closeClient()
})

interface Figures {
  splitV3Pct: number
  splitRequests: number
  failureRequests: number
  failureSuccessPct: number
  retried: number
  hitsBeforeEjection: number
  ejectedAfterMs: number
  recoveredAfterMs: number
}

async function runLive(kind: 'haproxy' | 'nginx'): Promise<Figures> {
  const backends: Backend[] = [await startBackend('reviews-v1-0', 'v1'), await startBackend('reviews-v1-1', 'v1'), await startBackend('reviews-v3-0', 'v3')]
  cleanups.push(() => Promise.all(backends.map((b) => b.close())).then(() => undefined))
  const port = await freePortRun(3) // the listen port, then the split's internal listeners for v1 and v3
  const options: ExportOptions = {
    edgeService: 'reviews',
    edge: { listen: `127.0.0.1:${port}`, upstreamAddresses: { v1: backends.slice(0, 2).map((b) => `127.0.0.1:${b.port}`), v3: [`127.0.0.1:${backends[2]!.port}`] } },
  }
  const exported: ExportResult = kind === 'haproxy' ? exportHaproxy(liveScenario(), options) : exportNginx(liveScenario(), options)
  const dir = scratchDir(`meshsim-live-${kind}-`)
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  const cfg = join(dir, exported.files[0]!.path)
  writeFileSync(cfg, exported.files[0]!.content)
  const check = kind === 'haproxy' ? spawnSync(HAPROXY, ['-c', '-f', cfg], { encoding: 'utf8' }) : spawnSync(NGINX, ['-t', '-p', `${dir}/`, '-c', cfg, '-e', 'stderr'], { encoding: 'utf8' })
  expect(check.status, `${check.stdout}${check.stderr}`).toBe(0)
  const proxy: Proxy = kind === 'haproxy'
    ? await startProxy(HAPROXY, ['-db', '-f', cfg], port)
    : await startProxy(NGINX, ['-p', `${dir}/`, '-c', cfg, '-e', 'stderr'], port)
  cleanups.push(() => proxy.stop())
  const bad = backends[0]!
  const canary = backends[2]!

  // 1. the split
  const split = await sequential(port, 1000, 10_000)
  expect(split.every((r) => r.status === 200), proxy.output()).toBe(true)
  const v3 = split.filter((r) => r.body === canary.name).length

  // 2. failure: one v1 pod answers 503; measure ejection from the gaps in its data traffic
  bad.failing = true
  const t0 = performance.now()
  const before = bad.hits.length
  const failure = await sequential(port, 100_000, 5000, 2)
  const hits = bad.hits.slice(before).map((t) => t - t0)
  const gapAt = hits.findIndex((t, i) => (hits[i + 1] ?? Number.POSITIVE_INFINITY) - t >= 1000)
  const ejected = gapAt < 0 ? hits.length : gapAt + 1

  // 3. recovery: the pod heals; wait for its first data request
  bad.failing = false
  const t1 = performance.now()
  const healedFrom = bad.hits.length
  const recovery: number[] = []
  const deadline = t1 + 2 * EJECTION_MS + 2000
  while (bad.hits.length === healedFrom && performance.now() < deadline) {
    recovery.push((await sequential(port, 1, 1000))[0]!.status)
    await sleep(2)
  }
  await proxy.stop()
  if (process.env.LIVE_DEBUG) console.log(proxy.output())
  return {
    splitV3Pct: (100 * v3) / split.length,
    splitRequests: split.length,
    failureRequests: failure.length,
    failureSuccessPct: (100 * failure.filter((r) => r.status === 200).length) / failure.length,
    retried: hits.length,
    hitsBeforeEjection: ejected,
    ejectedAfterMs: hits[ejected - 1] ?? Number.NaN,
    recoveredAfterMs: bad.hits.length > healedFrom ? bad.hits[healedFrom]! - t1 : Number.NaN,
  }
}

function summary(kind: string, f: Figures): string {
  return `LIVE ${kind}: split v3 ${f.splitV3Pct.toFixed(1)}% of ${f.splitRequests} (scenario 10%); failure: ${f.failureSuccessPct.toFixed(1)}% of ${f.failureRequests} client requests succeeded, ${f.retried} failed attempts retried, bad pod out after ${f.hitsBeforeEjection} failed attempts at ${(f.ejectedAfterMs / 1000).toFixed(2)} s; back ${(f.recoveredAfterMs / 1000).toFixed(2)} s after healing (baseEjectionTime ${EJECTION_MS / 1000} s)`
}

describe('LIVE edge proxies on 127.0.0.1', () => {
  it('haproxy: split 90/10 ± 2 %, retries hide the failing pod, observe/health checks eject it and bring it back', { timeout: 30_000 }, async () => {
    requireBinary(HAPROXY)
    const f = await runLive('haproxy')
    console.log(summary('haproxy', f))
    expect(Math.abs(f.splitV3Pct - 10)).toBeLessThanOrEqual(2)
    expect(f.failureSuccessPct).toBe(100)
    // out by observe layer7 (error-limit 3) or at the latest by fall 3 checks 1 s apart
    expect(f.ejectedAfterMs).toBeLessThan(3 * INTERVAL_MS + 1500)
    // a down server is checked every inter (1 s) and needs rise = 2 s / 1 s + 1 = 3 good checks in a row
    expect(f.recoveredAfterMs).toBeLessThan(EJECTION_MS + INTERVAL_MS + 1000)
  })

  it('nginx: split 90/10 ± 2 %, retries hide the failing pod, max_fails ejects it, fail_timeout brings it back', { timeout: 30_000 }, async () => {
    requireBinary(NGINX)
    const f = await runLive('nginx')
    console.log(summary('nginx', f))
    expect(Math.abs(f.splitV3Pct - 10)).toBeLessThanOrEqual(2)
    expect(f.failureSuccessPct).toBe(100)
    expect(f.hitsBeforeEjection).toBe(MAX_FAILS)
    // fail_timeout counts whole seconds: skipped for 2 to 3 s after its last failure
    expect(f.recoveredAfterMs).toBeLessThan(EJECTION_MS + 1500)
  })
})
