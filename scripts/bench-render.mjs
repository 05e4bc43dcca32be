// Renderer benchmark (not a test): a generated 500-service topology is typed into the
// designer's YAML editor, laid out and fitted, then panned with the mouse while frame times
// are recorded with requestAnimationFrame:
//   1. idle, fitted to the view (zoom 0.05: every node a bare box, canvas/detail.ts);
//   2. while a run streams telemetry from the simulation worker, fitted;
//   3. streaming, zoomed to ~0.3 (named boxes);
//   4. streaming, zoomed to ~0.9 (full nodes with live numbers).
// Prints frames, p50 / p95 / max frame interval and the frames that missed a vsync for each
// phase, then the same as a Markdown table for BENCHMARKS.md.
//
//   npm run bench:render -- [--services 500] [--speed 5] [--record] [--trace] [--profile] [--layers] [--headed]
//
// (`npm run bench:render` builds the renderer first; `node scripts/bench-render.mjs` does not.)
// --record   appends the table to BENCHMARKS.md, under the date and the machine.
// --speed    the run's speed (simulated seconds per wall second; 0 = as fast as possible).
// --trace    per phase: busy time per thread, where the main thread's time went, and its work
//            per frame (p50 / p95; the tracing itself adds to it, so this is an upper bound).
// --profile  per phase: the main thread's hottest JavaScript functions (build with NO_MINIFY=1).
// --layers   the composited layers and why each exists.
// --screenshots DIR  saves what each phase showed as DIR/bench-render-<n>.png.
// BENCH_CSS='.a{b:c}'  adds a style sheet before measuring: a quick way to test what a CSS
//            change would buy (e.g. '.react-flow__nodes{display:none}').
//
// Runs the BUILT renderer (dist/renderer) in Debian's Chromium (CHROMIUM_PATH to override)
// with `vite preview` on 127.0.0.1:4176, headless and without a GPU: every pixel is drawn by
// the CPU, which the simulation worker, the compositor and Playwright share (2 cores here),
// so the figures are an upper bound of what a desktop shows. A frame interval is a multiple
// of the 16.7 ms vsync: p95 16.7 ms means at least 95 % of frames were on time.
import { spawn } from 'node:child_process'
import { appendFileSync, existsSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { chromium } from '@playwright/test'

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const flag = (name) => process.argv.includes(`--${name}`)
const SERVICES = Number(arg('services', '500'))
const SPEED = arg('speed', '5')
const PORT = 4176
const PAN_MS = 4000
/** A frame interval above this missed its vsync (33 ms at 60 Hz; 20 leaves room for timer jitter). */
const MISSED_MS = 20

if (!existsSync('dist/renderer/index.html')) {
  console.error('bench-render: build the renderer first (npm run build:web)')
  process.exit(1)
}

/** A binary call tree: service i calls 2i+1 and 2i+2 with 50% probability each, so a request visits ~log2(n) services. */
function generateScenario(n) {
  // An hour, so that even at full speed (--speed 0) the run is still streaming when the last phase ends.
  const lines = ['formatVersion: 1', `name: bench-${n}`, 'mesh: istio', 'duration: 60m', 'services:']
  for (let i = 0; i < n; i++) {
    lines.push(`  - name: svc-${i}`, '    versions: [{name: v1, replicas: 2, serviceTime: {kind: lognormal, p50: 2ms, p99: 10ms}}]')
    const calls = [2 * i + 1, 2 * i + 2].filter((c) => c < n).map((c) => `{to: svc-${c}, probability: 50%}`)
    if (calls.length) lines.push(`    calls: [${calls.join(', ')}]`)
  }
  lines.push('traffic:', '  - {name: users, to: svc-0, load: {kind: poisson, rate: 200rps}}', '')
  return lines.join('\n')
}

function stats(frames) {
  const sorted = [...frames].sort((a, b) => a - b)
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
  return { frames: frames.length, p50: at(50), p95: at(95), max: sorted[sorted.length - 1], missed: frames.filter((f) => f > MISSED_MS).length }
}

const fmt = (s) => `${s.frames} frames  p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  max ${s.max.toFixed(1)} ms  (${s.missed} missed a vsync)`

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', '__metadata']

/** Runs `during` under a Chromium trace (with --trace) and prints where each thread's time went. */
async function traced(browser, page, during) {
  if (!flag('trace')) return during()
  await browser.startTracing(page, { categories: TRACE_CATEGORIES })
  const result = await during()
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]))
  const busy = new Map()
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask') continue
    const thread = names.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`
    busy.set(thread, (busy.get(thread) ?? 0) + (e.dur ?? 0) / 1000)
  }
  const main = [...names].find(([, n]) => n === 'CrRendererMain')?.[0]
  const skip = new Set(['RunTask', 'ThreadControllerImpl::RunTask'])
  const totals = new Map()
  for (const e of events) if (e.ph === 'X' && !skip.has(e.name) && `${e.pid}:${e.tid}` === main) totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000)
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')
  console.log(`  busy ms per thread: ${top(busy, 6)}`)
  console.log(`  main thread ms: ${top(totals, 12)}`)
  // The main thread's work per frame: its busy time between consecutive animation frames
  // (the recorder's requestAnimationFrame runs every frame). What a faster display or GPU
  // cannot hide: above 16.7 ms a frame is late wherever it runs.
  // (Charts have animation-frame callbacks too: callbacks closer than 4 ms are one frame.)
  const frames = events.filter((e) => e.name === 'FireAnimationFrame' && `${e.pid}:${e.tid}` === main).map((e) => e.ts).sort((a, b) => a - b)
    .filter((ts, i, all) => i === 0 || ts - all[i - 1] > 4000)
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask' && `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts)
  const work = []
  let t = 0
  for (let f = 1; f < frames.length; f++) {
    let busyUs = 0
    while (t < tasks.length && tasks[t].ts + tasks[t].dur <= frames[f - 1]) t++
    for (let k = t; k < tasks.length && tasks[k].ts < frames[f]; k++) busyUs += Math.min(frames[f], tasks[k].ts + tasks[k].dur) - Math.max(frames[f - 1], tasks[k].ts)
    work.push(busyUs / 1000)
  }
  const w = stats(work)
  console.log(`  main-thread work per frame: p50 ${w.p50?.toFixed(1)} ms, p95 ${w.p95?.toFixed(1)} ms, max ${w.max?.toFixed(1)} ms, over 16.7 ms: ${work.filter((x) => x > 16.7).length} of ${work.length}`)
  return result
}

/** Runs `during` under the V8 sampling profiler (with --profile) and prints the hottest functions. */
async function profiled(page, during) {
  if (!flag('profile')) return during()
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  const result = await during()
  const { profile } = await cdp.send('Profiler.stop')
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map()
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`
    self.set(key, (self.get(key) ?? 0) + profile.timeDeltas[i] / 1000)
  })
  const hot = [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 12)
  console.log(`  self ms: ${hot.map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`)
  return result
}

/** rAF intervals while `during` runs. */
async function recordFrames(page, during) {
  await page.evaluate(() => {
    const w = window
    w.__frames = []
    w.__recording = true
    let last = performance.now()
    const tick = (t) => {
      w.__frames.push(t - last)
      last = t
      if (w.__recording) requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  await during()
  return page.evaluate(() => {
    window.__recording = false
    return window.__frames.slice(1)
  })
}

/** Drags the pane in a slow circle (the mouse starts on empty pane, so the view pans). */
async function pan(page) {
  const box = await page.locator('.react-flow__pane').boundingBox()
  const start = await page.evaluate(({ x, y, w, h }) => {
    for (let yy = y + 20; yy < y + h - 20; yy += 7) {
      for (let xx = x + 20; xx < x + w - 20; xx += 7) {
        if (document.elementFromPoint(xx, yy)?.classList.contains('react-flow__pane')) return { x: xx, y: yy }
      }
    }
    return { x: x + 5, y: y + 5 }
  }, { x: box.x, y: box.y, w: box.width, h: box.height })
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  const began = Date.now()
  let i = 0
  while (Date.now() - began < PAN_MS) {
    const a = (i++ / 30) * Math.PI
    await page.mouse.move(start.x + 120 * Math.sin(a), start.y + 80 * (1 - Math.cos(a)))
  }
  await page.mouse.up()
}

const zoomOf = (page) => page.evaluate(() => new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a)

/** Zooms in with the mouse wheel (×1.15 a notch) over the busiest part of the drawing, until the zoom reaches `target`. */
async function zoomTo(page, target) {
  const box = await page.locator('.react-flow__pane').boundingBox()
  const inside = (p) => p.x > box.x + 40 && p.x < box.x + box.width - 40 && p.y > box.y + 40 && p.y < box.y + box.height - 40
  const nodes = (await page.locator('.react-flow__node').evaluateAll((els) => els.map((el) => { const r = el.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 } }))).filter(inside)
  // The node with the most neighbours within 120 px: zooming there keeps many nodes in view.
  const crowd = (p) => nodes.filter((q) => Math.hypot(p.x - q.x, p.y - q.y) < 120).length
  const busiest = nodes.reduce((best, p) => (crowd(p) > crowd(best) ? p : best), nodes[0] ?? { x: box.x + box.width / 2, y: box.y + box.height / 2 })
  await page.mouse.move(busiest.x, busiest.y)
  for (let i = 0; i < 60 && (await zoomOf(page)) < target; i++) {
    await page.mouse.wheel(0, -100)
    await page.waitForTimeout(40)
  }
  await page.waitForTimeout(600)
}

async function printLayers(page) {
  const cdp = await page.context().newCDPSession(page)
  const layers = new Promise((resolve) => cdp.on('LayerTree.layerTreeDidChange', (e) => e.layers && resolve(e.layers)))
  await cdp.send('LayerTree.enable')
  const list = await layers
  const reasons = new Map()
  for (const l of list) {
    const r = await cdp.send('LayerTree.compositingReasons', { layerId: l.layerId }).catch(() => ({ compositingReasonIds: ['?'] }))
    const key = (r.compositingReasonIds ?? []).join('+') || 'none'
    reasons.set(key, (reasons.get(key) ?? 0) + 1)
  }
  console.log(`composited layers: ${list.length} (${[...reasons].map(([k, v]) => `${k} ×${v}`).join(', ')})`)
}

const server = spawn('npx', ['vite', 'preview', '--config', 'vite.config.ts', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true })
try {
  await new Promise((r) => setTimeout(r, 2500))
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: !flag('headed'),
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  })
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`http://127.0.0.1:${PORT}/?new`)
  await page.getByText('An empty canvas').waitFor()
  await page.keyboard.press('y')
  const loadStart = Date.now()
  await page.getByLabel('Scenario YAML text').fill(generateScenario(SERVICES))
  await page.getByLabel('Scenario YAML text').blur()
  await page.getByTestId('scenario-stats').filter({ hasText: `${SERVICES} services` }).waitFor({ timeout: 60_000 })
  await page.keyboard.press('y')
  await page.keyboard.press('l')
  await page.waitForTimeout(1500)
  await page.keyboard.press('f')
  await page.waitForTimeout(800)
  console.log(`${SERVICES} services: loaded, laid out and drawn in ${((Date.now() - loadStart) / 1000).toFixed(1)} s`)
  // An experiment's extra CSS, through the CSSOM (the page's CSP refuses inline styles).
  if (process.env.BENCH_CSS) await page.evaluate((css) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css); document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet] }, process.env.BENCH_CSS)
  if (flag('layers')) await printLayers(page)

  const rows = []
  const phase = async (label) => {
    const zoom = await zoomOf(page)
    const nodes = await page.locator('.react-flow__node').count()
    const s = stats(await traced(browser, page, () => profiled(page, () => recordFrames(page, () => pan(page)))))
    console.log(`${label.padEnd(22)} zoom ${zoom.toFixed(2)}, ${String(nodes).padStart(3)} nodes drawn: ${fmt(s)}`)
    rows.push({ label, zoom, nodes, ...s })
    if (arg('screenshots')) await page.screenshot({ path: `${arg('screenshots')}/bench-render-${rows.length}.png` })
  }

  await phase('panning, idle')
  if (flag('hide-results')) await page.getByRole('button', { name: 'hide results' }).click()
  await page.getByLabel('Speed').selectOption(SPEED)
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  await page.getByTestId('run-phase').filter({ hasText: 'Running' }).waitFor({ timeout: 30_000 })
  await page.waitForTimeout(1500)
  await phase('panning, run streaming')
  await zoomTo(page, 0.3)
  await phase('streaming, zoomed in')
  await zoomTo(page, 0.9)
  await phase('streaming, zoomed in')
  const progress = await page.getByTestId('run-progress').getAttribute('aria-valuenow')
  console.log(`(the run was at ${progress}% when measuring ended; speed ${SPEED}×)`)
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`)
  const table = [
    '| phase | zoom | nodes drawn | frames | p50 ms | p95 ms | max ms | missed a vsync |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.label} | ${r.zoom.toFixed(2)} | ${r.nodes} | ${r.frames} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.missed} |`),
  ]
  console.log(`\n${table.join('\n')}`)
  if (flag('record')) {
    const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Chromium ${await browser.version()}, no GPU`
    appendFileSync('BENCHMARKS.md', [
      '', `## Renderer frames, ${new Date().toISOString().slice(0, 10)} — ${machine}`, '',
      `Command: \`npm run bench:render -- --speed ${SPEED}\` (${SERVICES} services; the mouse pans for ${PAN_MS / 1000} s per phase; a frame interval is a multiple of the 16.7 ms vsync).`, '',
      ...table, '',
    ].join('\n'))
    console.log('appended to BENCHMARKS.md')
  }
  await browser.close()
} finally {
  process.kill(-server.pid)
}
