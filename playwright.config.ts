// End-to-end tests: the BUILT renderer (dist/renderer, from `npm run build:web`) served by
// `vite preview` on 127.0.0.1, driven in Chromium. Chromium comes from CHROMIUM_PATH, else
// Debian's /usr/bin/chromium, else a Playwright-managed browser where one was installed.
import { existsSync } from 'node:fs'
import { chromium, defineConfig } from '@playwright/test'

const PORT = 4173
const SYSTEM_CHROMIUM = '/usr/bin/chromium'

/** Stops with one clear line (a thrown error would bury it under a stack trace). */
function fail(message: string): never {
  console.error(`e2e: ${message}`)
  process.exit(1)
}

/** The executable to launch, or undefined to let Playwright use its own browser. */
function resolveChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv
    fail(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist: point it at a Chromium executable or unset it.`)
  }
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM
  if (hasManagedChromium()) return undefined
  fail(
    'no Chromium for the end-to-end tests: install it with `sudo apt-get install -y chromium` ' +
      '(or `npx playwright install chromium` on a machine with internet), or set CHROMIUM_PATH.',
  )
}

function hasManagedChromium(): boolean {
  try {
    return existsSync(chromium.executablePath())
  } catch {
    return false
  }
}

if (!existsSync('dist/renderer/index.html')) {
  fail('the tests run against the built renderer: run `npm run build:web` first (`npm test` does).')
}

const reportJson = process.env.PLAYWRIGHT_JSON_OUTPUT_NAME !== undefined

export default defineConfig({
  testDir: 'test/e2e',
  // A subfolder: Playwright empties its outputDir on start, and test-results/ also holds the
  // unit-test reports that scripts/test.mjs writes before this runs.
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: reportJson ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: resolveChromium(),
          args: [
            '--no-sandbox',
            '--disable-dev-shm-usage',
            '--disable-gpu',
            // This machine has no network: without these Chromium keeps dialling out.
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --config vite.config.ts --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
