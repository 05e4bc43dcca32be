// `npm test`: type-check every area, run the unit tests, build the renderer and run the
// end-to-end tests in Chromium. Prints one closing line "N passed, N failed" over all tests.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'

const reports = 'test-results/reports'
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

function step(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}`)
  const started = Date.now()
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  console.log(`  ${title}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return r.status === 0
}

function readJson(file) {
  try { return JSON.parse(readFileSync(file, 'utf8')) } catch { return undefined }
}

const results = {}
results.typecheck = step('type-check (engine, renderer, cli, electron, tests)', 'node', ['scripts/typecheck.mjs'])
results.cli = step('build the CLI bundle', 'npx', ['vite', 'build', '--config', 'vite.cli.config.ts'])
results.unit = step('unit tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${reports}/vitest.json`])
results.web = step('build the renderer', 'npx', ['vite', 'build', '--config', 'vite.config.ts'])
results.e2e = results.web && step('end-to-end tests (Playwright, Chromium)', 'npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` })

let passed = 0, failed = 0, skipped = 0
const vitest = readJson(`${reports}/vitest.json`)
if (vitest) {
  passed += vitest.numPassedTests
  failed += vitest.numFailedTests
  skipped += vitest.numPendingTests + vitest.numTodoTests
}
const pw = readJson(`${reports}/playwright.json`)
if (pw?.stats) {
  passed += pw.stats.expected
  failed += pw.stats.unexpected + pw.stats.flaky
  skipped += pw.stats.skipped
}
const broken = Object.entries(results).filter(([, ok]) => !ok).map(([name]) => name)
if (broken.length) console.log(`\nfailed stages: ${broken.join(', ')}`)
console.log(`\n${passed} passed, ${failed + (broken.length && !failed ? broken.length : 0)} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(broken.length || failed ? 1 : 0)
