// Renderer benchmark (not a test): a generated 500-service topology is typed into the
// designer's YAML editor, laid out and fitted, then panned with the mouse while frame times
// are recorded with requestAnimationFrame — first idle, then while a run streams telemetry
// from the simulation worker. Prints p50 / p95 / max frame time for each phase, and the
// main thread's long-task time.
//
//   npm run build:web && node scripts/bench-render.mjs [--services 500] [--speed 5] [--trace] [--headed]
//
// --speed: the run's speed (simulated seconds per wall second; 0 = as fast as possible).
// --trace: also prints where the main thread's time went while the run streamed.
//
// Runs the BUILT renderer (dist/renderer) in Debian's Chromium (CHROMIUM_PATH to override)
// with `vite preview` on 127.0.0.1:4176. Headless Chromium draws without a GPU here, so the
// figures are an upper bound of what a desktop with a GPU shows.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chromium } from '@playwright/test'

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`)
  return i > 0 ? process.argv[i + 1] : fallback
}
const SERVICES = Number(arg('services', '500'))
const PORT = 4176
const PAN_MS = 4000
const SPEED = arg('speed', '5')

if (!existsSync('dist/renderer/index.html')) {
  console.error('bench-render: build the renderer first (npm run build:web)')
  process.exit(1)
}

/** A binary call tree: service i calls 2i+1 and 2i+2 with 50% probability each, so a request visits ~log2(n) services. */
function generateScenario(n) {
  const lines = ['formatVersion: 1', `name: bench-${n}`, 'mesh: istio', 'duration: 2m', 'services:']
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
  // At 60 Hz a frame that missed its vsync lasts ~33 ms; 20 ms leaves room for timer jitter.
  const over = frames.filter((f) => f > 20).length
  return { frames: frames.length, p50: at(50), p95: at(95), max: sorted[sorted.length - 1], missed: over }
}

const fmt = (s) => `${s.frames} frames  p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  max ${s.max.toFixed(1)} ms  (${s.missed} missed a frame: > 20 ms)`

async function recordFrames(page, during) {
  await page.evaluate(() => {
    const w = window
    w.__frames = []
    w.__long = 0
    w.__recording = true
    w.__observer?.disconnect()
    w.__observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long += e.duration })
    w.__observer.observe({ type: 'longtask' })
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
    console.log(`long tasks: ${Math.round(window.__long)} ms`)
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

const server = spawn('npx', ['vite', 'preview', '--config', 'vite.config.ts', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true })
try {
  await new Promise((r) => setTimeout(r, 2500))
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: !process.argv.includes('--headed'),
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  })
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
  const errors = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => { if (m.text().startsWith('long tasks')) console.log(`  ${m.text()}`) })
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
  console.log(`rendered nodes: ${await page.locator('.react-flow__node').count()}, edges: ${await page.locator('.react-flow__edge').count()}`)

  const idle = stats(await recordFrames(page, () => pan(page)))
  console.log(`panning, idle:           ${fmt(idle)}`)

  if (process.argv.includes('--hide-results')) await page.getByRole('button', { name: 'hide results' }).click()
  await page.getByLabel('Speed').selectOption(SPEED)
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  await page.getByTestId('run-phase').filter({ hasText: 'Running' }).waitFor({ timeout: 30_000 })
  await page.waitForTimeout(1500)
  const tracing = process.argv.includes('--trace')
  if (tracing) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] })
  const streaming = stats(await recordFrames(page, () => pan(page)))
  if (tracing) {
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents
    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    const totals = new Map()
    for (const e of events) if (e.ph === 'X' && e.tid === main?.tid && e.pid === main?.pid) totals.set(e.name, (totals.get(e.name) ?? 0) + (e.dur ?? 0) / 1000)
    console.log([...totals].sort((a, b) => b[1] - a[1]).slice(0, 14).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms  ${k}`).join('\n'))
  }
  const progress = await page.getByTestId('run-progress').getAttribute('aria-valuenow')
  console.log(`panning, run streaming:  ${fmt(streaming)}  (run at ${progress}%)`)
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`)
  await browser.close()
} finally {
  process.kill(-server.pid)
}
