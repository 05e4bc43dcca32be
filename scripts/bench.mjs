// `npm run bench`: engine throughput and peak memory, through the built CLI bundle.
//
// Cases: Bookinfo at 1 000 rps for 10 simulated minutes (and for 1 minute, to compare
// memory: the V8 heap after GC is flat with simulated time, ~8.5 MB from 10 to 120 min; peak
// RSS still rises ~20 MB, from the latency windows' ArrayBuffer pool, which grows with the
// log of the duration up to a bound, and from its outgrown copies awaiting a major GC),
// Online Boutique at its own load for 10 minutes, and a generated 1 000-service topology at
// 10 000 rps. Each case runs
// `meshsim run <file> --json` in a fresh Node process (so peak RSS is that run's alone)
// and reads events, requests and wall time from the JSON. Results are printed and
// appended to BENCHMARKS.md with the machine and the date. Not part of `npm test`.
import { spawnSync } from 'node:child_process'
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = join(root, 'dist/cli/meshsim.mjs')
const dir = mkdtempSync(join(tmpdir(), 'meshsim-bench-'))

if (!existsSync(bundle) || process.argv.includes('--build')) {
  const build = spawnSync('npx', ['vite', 'build', '--config', 'vite.cli.config.ts'], { cwd: root, stdio: 'inherit' })
  if (build.status !== 0) process.exit(1)
}

// A child that runs the CLI bundle in-process and reports its peak RSS on exit.
const child = join(dir, 'child.mjs')
writeFileSync(child, `process.argv = [process.argv[0], 'meshsim', ...process.argv.slice(2)]
process.on('exit', () => process.stderr.write('\\nBENCH_MAX_RSS_KB=' + process.resourceUsage().maxRSS + '\\n'))
await import(${JSON.stringify(new URL(`file://${bundle}`).href)})
`)

function withLoad(file, rate, duration) {
  let text = readFileSync(join(root, 'scenarios', file), 'utf8')
  if (rate) text = text.replace(/rate: \d+(\.\d+)?rps/, `rate: ${rate}`)
  text = text.replace(/^duration: .*$/m, `duration: ${duration}`)
  const out = join(dir, `${file.replace('.scenario.yaml', '')}-${duration}.yaml`)
  writeFileSync(out, text)
  return out
}

/** A layered random DAG: `n` services, 2 replicas each over 3 zones, ~7 service visits per request. */
function generatedTopology(n, rps, duration) {
  let x = 20240601
  const rand = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 4294967296)
  const layers = 10
  const perLayer = n / layers
  const name = (l, i) => `svc-${l}-${i}`
  const lbs = ['round_robin', 'least_request', 'random']
  const lines = ['formatVersion: 1', 'name: generated-1000', 'mesh: istio', 'seed: 7', `duration: ${duration}`, 'warmup: 5s', 'zones: [zone-a, zone-b, zone-c]', 'services:']
  for (let l = 0; l < layers; l++) {
    for (let i = 0; i < perLayer; i++) {
      const p50 = (1 + rand() * 4).toFixed(1)
      lines.push(`  - name: ${name(l, i)}`, '    versions:',
        `      - {name: v1, replicas: 2, concurrency: 32, zones: [zone-a, zone-b, zone-c], serviceTime: {kind: lognormal, p50: ${p50}ms, p99: ${(Number(p50) * 5).toFixed(1)}ms}, errorRate: 0.1%}`)
      if (l === layers - 1) continue
      lines.push('    calls:')
      const fanout = 1 + Math.floor(rand() * 2)
      for (let k = 0; k < fanout; k++) {
        const next = l + 1
        lines.push(`      - {to: ${name(next, Math.floor(rand() * perLayer))}, probability: ${k === 0 ? 70 : 25}%}`)
      }
    }
  }
  lines.push('traffic:')
  for (let i = 0; i < 20; i++) lines.push(`  - {name: entry-${i}, to: ${name(0, i * (perLayer / 20))}, load: {kind: poisson, rate: ${rps / 20}rps}}`)
  lines.push('routes:')
  for (let i = 0; i < perLayer; i++) {
    lines.push(`  - service: ${name(5, i)}`, '    rules:', '      - split: [{version: v1, weight: 100}]', '        timeout: 2s',
      '        retries: {attempts: 2, perTryTimeout: 500ms, retryOn: [5xx, reset, connect-failure]}')
  }
  lines.push('destinations:')
  for (let l = 0; l < layers; l++) {
    for (let i = 0; i < perLayer; i += 2) {
      lines.push(`  - service: ${name(l, i)}`, `    loadBalancer: {kind: ${lbs[(l + i) % 3]}}`,
        '    connectionPool: {maxConnections: 64, maxPendingRequests: 32}',
        '    outlierDetection: {consecutive5xxErrors: 5, interval: 5s, baseEjectionTime: 30s, maxEjectionPercent: 50%}')
    }
  }
  const out = join(dir, `generated-${n}.yaml`)
  writeFileSync(out, `${lines.join('\n')}\n`)
  return out
}

function run(label, file) {
  const r = spawnSync(process.execPath, [child, 'run', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 30 })
  if (r.status !== 0 && r.status !== 1) {
    process.stderr.write(r.stderr)
    throw new Error(`${label}: exit ${r.status}`)
  }
  const doc = JSON.parse(r.stdout)
  const rssKb = Number(/BENCH_MAX_RSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0)
  const requests = Object.values(doc.services).reduce((n, s) => n + s.requests, 0)
  const row = {
    label, simulatedSeconds: doc.simulatedSeconds, events: doc.events, wallSeconds: doc.wallSeconds,
    eventsPerSec: doc.events / doc.wallSeconds, userRequests: doc.requests,
    userRequestsPerSec: doc.requests / doc.wallSeconds, serviceRequestsPerSec: requests / doc.wallSeconds,
    peakRssMb: rssKb / 1024,
  }
  console.log(`${label}: ${(row.eventsPerSec / 1e6).toFixed(2)} M events/s, ${(row.userRequestsPerSec / 1e3).toFixed(0)} k user requests/s (${(row.serviceRequestsPerSec / 1e3).toFixed(0)} k service requests/s), ${row.events} events in ${row.wallSeconds} s, peak RSS ${row.peakRssMb.toFixed(0)} MB`)
  return row
}

const rows = [
  run('Bookinfo, 1 000 rps, 1 min', withLoad('bookinfo.scenario.yaml', '1000rps', '1m')),
  run('Bookinfo, 1 000 rps, 10 min', withLoad('bookinfo.scenario.yaml', '1000rps', '10m')),
  run('Online Boutique, own load, 10 min', withLoad('online-boutique.scenario.yaml', undefined, '10m')),
  run('Generated 1 000 services, 10 000 rps, 1 min', generatedTopology(1000, 10_000, '1m')),
]

const fmt = (x, d = 2) => x.toFixed(d)
const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`
const table = [
  '', `## ${new Date().toISOString().slice(0, 10)} — ${machine}`, '',
  'Command: `npm run bench` (the built CLI bundle, `meshsim run <file> --json`, one process per case).', '',
  '| case | simulated s | events | wall s | M events/s | user req/s | service req/s | peak RSS MB |',
  '|---|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) => `| ${r.label} | ${r.simulatedSeconds} | ${r.events} | ${r.wallSeconds} | ${fmt(r.eventsPerSec / 1e6)} | ${fmt(r.userRequestsPerSec, 0)} | ${fmt(r.serviceRequestsPerSec, 0)} | ${fmt(r.peakRssMb, 0)} |`),
  '',
]
const md = join(root, 'BENCHMARKS.md')
if (!existsSync(md)) {
  writeFileSync(md, `# Benchmarks

Engine throughput of \`meshsim run\`, appended by \`npm run bench\` (scripts/bench.mjs).
"events" are kernel events (arrivals, network hops, service completions, timer heads,
ticks); "user req/s" are user requests simulated per wall-clock second; "service req/s"
count every request arriving at any service. Peak RSS is the whole Node process.
`)
}
appendFileSync(md, table.join('\n'))
console.log(`appended to ${md}`)
