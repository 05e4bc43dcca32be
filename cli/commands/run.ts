/** `meshsim run <scenario>`: simulate a scenario and report services, edges, fates and SLOs. */
import { writeFileSync } from 'node:fs'
import { createSimulationRun, formatDiagnostic, isDuration, parseDurationMs } from '../../engine/index'
import type { Insight, RunResult } from '../../engine/index'
import { loadScenario } from '../io'
import type { Io } from '../io'
import type { Command } from '../command'

const SLICE_EVENTS = 250_000

export const runCommand: Command = {
  name: 'run',
  summary: 'simulate a scenario: latency, errors, retries, fates and SLOs of every service',
  usage: 'meshsim run <scenario> [--seed N] [--duration 10m] [--json] [--out file] [--series]',
  help: `Runs the deterministic simulation of the scenario: every request through every service
and sidecar, with the mesh's real balancing, retry, circuit-breaking and outlier-detection
algorithms. The same scenario and seed always give the same numbers. Under the tables,
insights explain mesh behaviours the run shows (retries that cannot fire, ejections that
cannot happen, panic routing, retry amplification, timeout inversions, …).

Options:
  --seed N          random seed (default: the scenario's seed, else 1)
  --duration D      simulated time, e.g. 90s or 10m (default: the scenario's duration)
  --json            print the results as JSON instead of tables
  --out FILE        also write the JSON results to FILE
  --series          include the per-second time series in the JSON

Exit codes: 0 every SLO met, 1 an SLO failed, 2 bad usage or an invalid scenario.`,
  options: {
    seed: { type: 'string' },
    duration: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
    series: { type: 'boolean' },
  },
  run({ positionals, values }, io) {
    const usage = (message: string): number => {
      io.err(`meshsim run: ${message}\n\nUsage: ${this.usage}\n`)
      return 2
    }
    if (positionals.length !== 1) return usage('give exactly one scenario file')
    const seed = values.seed === undefined ? undefined : Number(values.seed)
    if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 2 ** 32 - 1)) return usage(`--seed must be a whole number from 0 to ${2 ** 32 - 1}`)
    const durationText = typeof values.duration === 'string' ? values.duration : undefined
    if (durationText !== undefined && !(isDuration(durationText) && parseDurationMs(durationText) > 0)) return usage(`--duration must be a duration like 90s or 10m, not '${durationText}'`)
    const file = positionals[0]!
    const parsed = loadScenario(file)
    if (!parsed.ok || !parsed.scenario) {
      for (const d of parsed.diagnostics) io.err(`${formatDiagnostic(d)}\n`)
      io.err(`meshsim run: ${file} is not a valid scenario\n`)
      return 2
    }
    const started = performance.now()
    const run = createSimulationRun(parsed.scenario, {
      ...(seed !== undefined ? { seed } : {}),
      ...(durationText !== undefined ? { durationMs: parseDurationMs(durationText) } : {}),
    })
    const bar = io.isTTY ? progressBar(io) : undefined
    while (!run.advance({ maxEvents: SLICE_EVENTS })) bar?.(run.progress().fraction, run.progress().simulatedSeconds, run.progress().events)
    bar?.(1, run.progress().simulatedSeconds, run.progress().events, true)
    const result = run.result()
    const wallSeconds = Math.round((performance.now() - started) / 10) / 100
    const doc = toDocument(result, wallSeconds, values.series === true)
    const text = `${JSON.stringify(doc, null, 2)}\n`
    if (typeof values.out === 'string') writeFileSync(values.out, text)
    io.out(values.json ? text : formatTables(result, wallSeconds))
    return result.slos.every((s) => s.ok) ? 0 : 1
  },
}

function progressBar(io: Io): (fraction: number, simSeconds: number, events: number, last?: boolean) => void {
  let shown = -1
  return (fraction, simSeconds, events, last = false) => {
    const pct = Math.floor(fraction * 100)
    if (pct === shown && !last) return
    shown = pct
    const width = 30
    const filled = Math.round(fraction * width)
    io.err(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%  ${simSeconds.toFixed(1)} s simulated, ${(events / 1e6).toFixed(1)} M events`)
    if (last) io.err('\r\x1b[2K')
  }
}

/** The --json document: the fields of issue 3 first, in its order, then the insights and the extras. */
function toDocument(r: RunResult, wallSeconds: number, series: boolean): Record<string, unknown> {
  const services: Record<string, unknown> = {}
  for (const [name, s] of Object.entries(r.services)) {
    services[name] = {
      requests: s.requests, succeeded: s.succeeded, failed: s.failed, latencyMs: s.latencyMs, utilization: s.utilization,
      throughputRps: s.throughputRps, inFlightMean: s.inFlightMean, queue: s.queue, replicas: s.replicas, workers: s.workers,
    }
  }
  return {
    scenario: r.scenario, seed: r.seed, simulatedSeconds: r.simulatedSeconds, events: r.events, wallSeconds,
    services,
    edges: r.edges.map((e) => ({
      from: e.from, to: e.to, requests: e.requests, attempts: e.attempts, retries: e.retries,
      succeeded: e.succeeded, failed: e.failed, latencyMs: e.latencyMs, fates: e.fates,
    })),
    fates: r.fates,
    slos: r.slos,
    insights: r.insights,
    mesh: r.mesh, warmupSeconds: r.warmupSeconds, requests: r.requests, traceHash: r.traceHash,
    breakers: r.breakers, ejections: r.ejections, panics: r.panics, clusters: r.clusters, rollouts: r.rollouts, traces: r.traces,
    ...(series ? { timeSeries: r.timeSeries } : {}),
  }
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd()
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

const fmt = (x: number, digits = 1): string => x.toFixed(digits)
const pct = (part: number, whole: number): string => (whole === 0 ? '-' : `${fmt((100 * part) / whole, 2)}%`)

function formatTables(r: RunResult, wallSeconds: number): string {
  const out: string[] = []
  const rate = wallSeconds > 0 ? ` (${fmt(r.events / wallSeconds / 1e6, 2)} M events/s)` : ''
  out.push(`${r.scenario} · mesh ${r.mesh} · seed ${r.seed} · ${r.simulatedSeconds} s simulated (warm-up ${r.warmupSeconds} s) · ${r.events} events in ${wallSeconds} s${rate}`, '')
  out.push(table(
    ['service', 'requests', 'success', 'mean ms', 'p50 ms', 'p99 ms', 'p99.9 ms', 'util', 'queue max'],
    Object.entries(r.services).map(([name, s]) => [
      name, String(s.requests), pct(s.succeeded, s.succeeded + s.failed), fmt(s.latencyMs.mean, 2), fmt(s.latencyMs.p50, 2),
      fmt(s.latencyMs.p99, 2), fmt(s.latencyMs.p999, 2), `${fmt(s.utilization * 100)}%`, String(s.queue.max),
    ]),
  ), '')
  out.push(table(
    ['edge', 'requests', 'retries', 'failed', 'p50 ms', 'p99 ms', 'top failure'],
    r.edges.map((e) => {
      const failures = Object.entries(e.fates).filter(([f, n]) => n > 0 && f !== 'success' && f !== 'success_after_retry').sort((a, b) => b[1] - a[1])
      return [`${e.from} → ${e.to}`, String(e.requests), String(e.retries), String(e.failed), fmt(e.latencyMs.p50, 2), fmt(e.latencyMs.p99, 2), failures[0] ? `${failures[0][0]} ${failures[0][1]}` : '-']
    }),
  ), '')
  const fates = Object.entries(r.fates).filter(([, n]) => n > 0).map(([f, n]) => `${f} ${n} (${pct(n, r.requests)})`)
  out.push(`user requests: ${r.requests}${fates.length ? ` — ${fates.join(', ')}` : ''}`)
  if (r.breakers.opened > 0) out.push(`circuit breakers: opened ${r.breakers.opened} times, open ${fmt(r.breakers.totalSeconds)} s in total`)
  if (r.ejections.ejected > 0) out.push(`outlier ejections: ${r.ejections.ejected}, ${fmt(r.ejections.totalSeconds)} s in total`)
  const refused = Object.values(r.clusters).reduce((n, c) => n + c.ejectionsOverflow, 0)
  if (refused > 0) out.push(`outlier ejections refused by max_ejection_percent: ${refused}`)
  if (r.panics.entered > 0) out.push(`panic routing (ejected hosts balanced too): entered ${r.panics.entered} times, ${fmt(r.panics.totalSeconds)} s in total`)
  for (const e of r.rollouts) out.push(`rollout ${e.service} at ${fmt(e.atSeconds)} s: ${e.action} ${e.weight}%${e.reason ? ` (${e.reason})` : ''}`)
  if (r.slos.length) out.push('')
  for (const s of r.slos) {
    const value = s.kind === 'latency' ? `p${s.percentile} ${s.value} ms (objective ${s.objective} ms)` : `${s.value}% (objective ${s.objective}%)`
    const first = s.firstViolationSeconds === null ? '' : `, first violated at ${fmt(s.firstViolationSeconds)} s`
    out.push(`${s.ok ? 'PASS' : 'FAIL'}  ${s.name}: ${value}${first}`)
  }
  if (r.insights.length) out.push('', `insights (${r.insights.length}):`, ...r.insights.map(formatInsight))
  return `${out.join('\n')}\n`
}

const WIDTH = 100
const INDENT = '    '

function formatInsight(i: Insight): string {
  const lines = [`  ${i.severity.toUpperCase()} ${i.code}  ${i.title}`, `${INDENT}at ${i.path}`, ...wrap(i.explanation, WIDTH - INDENT.length).map((l) => INDENT + l)]
  for (const e of i.evidence) lines.push(...wrap(`- ${e}`, WIDTH - INDENT.length).map((l, n) => INDENT + (n > 0 ? '  ' : '') + l))
  return lines.join('\n')
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line ? `${line} ${word}` : word
    }
  }
  if (line) lines.push(line)
  return lines
}
