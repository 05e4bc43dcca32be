// The renderer in Chromium: Bookinfo opens by default and is drawn as 4 services, 3 calls and
// its traffic source; the picker opens the other bundled scenarios. Fixtures are the real
// files in scenarios/, parsed here with the engine so expectations follow the files.
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import type { Page, TestInfo } from '@playwright/test'
// The model module directly: Playwright loads specs with Node's ESM loader, which cannot
// import the JSON schema modules the exporters (re-exported by engine/index.ts) bring in.
import { parseScenario } from '../../engine/model/parse'
import type { Scenario } from '../../engine/model/types'

const SCENARIOS_DIR = new URL('../../scenarios/', import.meta.url)
const SCREENSHOTS_DIR = 'test-results/screenshots'
const BOOKINFO_SERVICES = ['productpage', 'details', 'reviews', 'ratings']
const BOOKINFO_CALLS = [['productpage', 'details'], ['productpage', 'reviews'], ['reviews', 'ratings']]

function bundledFiles(): string[] {
  return readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.scenario.yaml')).sort()
}

function readScenario(file: string): Scenario | undefined {
  return parseScenario(readFileSync(new URL(file, SCENARIOS_DIR), 'utf8'), { file }).scenario
}

/** Collects console errors and warnings and uncaught exceptions (CSP violations log as errors; React Flow warns). */
function watchForErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') errors.push(`${msg.type()}: ${msg.text()}`) })
  page.on('pageerror', (err) => errors.push(err.message))
  return errors
}

/** A full-page screenshot kept with the test's artifacts and, under a stable name, in test-results/screenshots/. */
async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`)
  await page.screenshot({ path, fullPage: true })
  mkdirSync(SCREENSHOTS_DIR, { recursive: true })
  copyFileSync(path, `${SCREENSHOTS_DIR}/${name}.png`)
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

/** No two nodes overlap on screen (the auto-layout's promise). */
async function expectNoOverlaps(page: Page): Promise<void> {
  const boxes = await page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((el) => ({ id: el.getAttribute('data-id'), ...el.getBoundingClientRect().toJSON() as DOMRect })),
  )
  for (const [i, a] of boxes.entries()) {
    for (const b of boxes.slice(i + 1)) {
      const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
      expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false)
    }
  }
}

test('draws Bookinfo: 4 services with their versions, 3 calls and the traffic source', async ({ page }, testInfo) => {
  const errors = watchForErrors(page)
  await page.goto('/')

  await expect(page.getByTestId('scenario-name')).toHaveText('bookinfo')
  await expect(page.getByTestId('mesh-profile')).toHaveText('Istio')
  await expect(page.getByLabel('Template')).toHaveValue('bookinfo.scenario.yaml')

  for (const name of BOOKINFO_SERVICES) {
    await expect(page.getByRole('group', { name: `Service ${name}` })).toBeVisible()
  }
  await expect(page.locator('.react-flow__node-service')).toHaveCount(4)

  const reviews = page.getByTestId('service-node-reviews')
  await expect(reviews.getByRole('listitem')).toHaveCount(3)
  await expect(reviews.getByLabel('v1: 2 replicas, 90% of traffic')).toBeVisible()
  await expect(reviews.getByLabel('v2: 1 replica, 0% of traffic')).toBeVisible()
  await expect(reviews.getByLabel('v3: 1 replica, 10% of traffic')).toBeVisible()
  await expect(page.getByTestId('service-node-ratings').getByLabel('v1: 2 replicas')).toBeVisible()

  for (const [from, to] of BOOKINFO_CALLS) {
    const edge = page.getByTestId(`rf__edge-call:${from}->${to}`)
    await expect(edge).toHaveCount(1)
    await expect(edge.locator('path.react-flow__edge-path')).toHaveAttribute('marker-end', /^url\(/)
  }
  // reviews v1 does not call ratings: the merged edge names the versions that do.
  await expect(page.getByTestId('rf__edge-call:reviews->ratings')).toContainText('v2, v3')

  await expect(page.getByRole('group', { name: 'Traffic source browsers' })).toBeVisible()
  await expect(page.getByTestId('rf__edge-traffic:browsers->productpage')).toHaveCount(1)
  await expect(page.locator('.react-flow__edge')).toHaveCount(4)
  await expect(page.getByTestId('scenario-stats')).toHaveText('4 services · 3 calls · 1 traffic source')

  await expect(page.getByTestId('rf__minimap')).toBeVisible()
  await expect(page.getByTestId('rf__controls')).toBeVisible()
  await expectNoOverlaps(page)
  await saveScreenshot(page, testInfo, 'bookinfo')
  expect(errors).toEqual([])
})

test('the picker opens another bundled scenario and draws its services', async ({ page }, testInfo) => {
  const others = bundledFiles().filter((f) => f !== 'bookinfo.scenario.yaml')
  expect(others.length, 'other bundled scenarios to switch to').toBeGreaterThan(0)
  const file = others.find((f) => f.startsWith('emojivoto')) ?? others[0]!
  const scenario = readScenario(file)
  expect(scenario, `${file} should parse`).toBeDefined()

  const errors = watchForErrors(page)
  await page.goto('/')
  await expect(page.getByTestId('scenario-name')).toHaveText('bookinfo')
  await page.getByLabel('Template').selectOption(file)

  await expect(page.getByTestId('scenario-name')).toHaveText(scenario!.name)
  const names = [...new Set(scenario!.services.map((s) => s.name))]
  for (const name of names) {
    await expect(page.getByRole('group', { name: `Service ${name}` })).toBeVisible()
  }
  await expect(page.locator('.react-flow__node-service')).toHaveCount(names.length)
  if (!names.includes('productpage')) await expect(page.getByTestId('service-node-productpage')).toHaveCount(0)
  await expectNoOverlaps(page)
  await saveScreenshot(page, testInfo, file.replace('.scenario.yaml', ''))
  expect(errors).toEqual([])
})

test('every bundled scenario opens and draws one node per service', async ({ page }, testInfo) => {
  const errors = watchForErrors(page)
  await page.goto('/')
  const picker = page.getByLabel('Template')
  const offered = await picker.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
  expect(offered, 'the picker offers every file in scenarios/ (rebuild with `npm run build:web`)').toEqual(bundledFiles())
  for (const file of offered) {
    const scenario = readScenario(file)
    await picker.selectOption(file)
    if (!scenario) {
      await expect(page.getByTestId('diagnostic').first(), `${file} has diagnostics`).toBeVisible()
      continue
    }
    await expect(page.getByTestId('scenario-name')).toHaveText(scenario.name)
    const count = new Set(scenario.services.map((s) => s.name)).size
    await expect(page.locator('.react-flow__node-service'), file).toHaveCount(count)
    await expectNoOverlaps(page)
    await saveScreenshot(page, testInfo, file.replace('.scenario.yaml', ''))
  }
  expect(errors).toEqual([])
})

test('the built page runs under its strict Content-Security-Policy', async ({ page }) => {
  await page.goto('/')
  await expect(page.locator('.react-flow__node-service').first()).toBeVisible()
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(policy).toContain("script-src 'self'")
  expect(policy).not.toContain('unsafe')
  // The policy is in force: an inline script added to the page does not run.
  const violations: string[] = []
  page.on('console', (msg) => { if (msg.type() === 'error') violations.push(msg.text()) })
  const ran = await page.evaluate(() => {
    const script = document.createElement('script')
    script.textContent = 'document.body.dataset.inlineRan = "yes"'
    document.body.append(script)
    return document.body.dataset.inlineRan === 'yes'
  })
  expect(ran).toBe(false)
  await expect.poll(() => violations.join('\n')).toContain('Content Security Policy')
})

test('zoomed out, nodes draw only their names, then bare boxes; zooming in brings every detail back', async ({ page }, testInfo) => {
  const errors = watchForErrors(page)
  const zoom = () => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a)
  await page.goto('/')
  await page.getByLabel('Template').selectOption('social-network.scenario.yaml')
  await expect(page.getByTestId('scenario-name')).toHaveText('social-network')
  const node = page.getByTestId('service-node-compose-post-service')

  // Fitted, 22 services sit below zoom 0.5: a named box each, no version rows to paint.
  expect(await zoom()).toBeLessThan(0.5)
  await expect(node).toHaveClass(/service-node--name/)
  await expect(node).toHaveText('compose-post-service')
  await expect(page.locator('.version-row')).toHaveCount(0)
  await saveScreenshot(page, testInfo, 'detail-names')

  // Further out, bare boxes: the name stays the accessible name and the tooltip.
  const zoomOut = page.getByRole('button', { name: 'zoom out' })
  while ((await zoom()) >= 0.25) await zoomOut.click()
  await expect(node).toHaveClass(/service-node--shape/)
  await expect(node).toHaveText('')
  await expect(node).toHaveAttribute('aria-label', 'compose-post-service')
  // Edges stay attached to the boxes at every level.
  await expect(page.locator('.react-flow__edge')).toHaveCount(25 + 1)

  // Zoomed in past 0.5, the full node is back with its versions and pods.
  const zoomIn = page.getByRole('button', { name: 'zoom in' })
  while ((await zoom()) < 0.5) await zoomIn.click()
  await expect(node).not.toHaveClass(/service-node--name|service-node--shape/)
  await expect(page.getByTestId('version-compose-post-service-v1')).toBeAttached()
  expect(errors).toEqual([])
})

test('zoomed out during a run, a node still shows its trouble: an ejected replica turns it red and says so', async ({ page }, testInfo) => {
  const errors = watchForErrors(page)
  const zoom = () => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a)
  await page.goto('/')
  await page.getByLabel('Template').selectOption('outlier-ejection.scenario.yaml')
  await expect(page.getByTestId('scenario-name')).toHaveText('outlier-ejection')
  while ((await zoom()) >= 0.5) await page.getByRole('button', { name: 'zoom out' }).click()
  const inventory = page.getByTestId('service-node-inventory')
  await expect(inventory).toHaveClass(/service-node--name/)
  await expect(inventory).not.toHaveClass(/service-node--alert/)

  // inventory's replica 3 turns slow at 20 s and outlier detection ejects it.
  await page.getByLabel('Speed').selectOption('20')
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  // Polled while it runs, class and name read together: ejections come and go as the
  // replica is let back in and ejected again.
  const state = () => inventory.evaluate((el) => `${el.classList.contains('service-node--alert') ? 'red' : 'calm'}: ${el.getAttribute('aria-label')}`)
  await expect.poll(state, { timeout: 30_000 }).toBe('red: inventory, 1 ejected')
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(page.getByTestId('run-phase')).toHaveText('Paused')
  await expect(page.getByTestId('lane-ejection').first()).toBeVisible()
  await saveScreenshot(page, testInfo, 'detail-alert')
  expect(errors).toEqual([])
})

test('Fit on a drawing too large for the smallest zoom says the minimap shows the rest', async ({ page }) => {
  const errors = watchForErrors(page)
  // Bookinfo fits: no notice.
  await page.goto('/')
  await expect(page.getByTestId('scenario-name')).toHaveText('bookinfo')
  await page.keyboard.press('f')
  await page.waitForTimeout(500)
  await expect(page.getByText(/Zoomed out as far as the canvas goes/)).toHaveCount(0)

  await page.goto('/?new')
  await page.keyboard.press('y')
  // A binary call tree of 200 services: laid out left to right it is ~100 nodes tall.
  const lines = ['formatVersion: 1', 'name: big-tree', 'mesh: istio', 'duration: 1m', 'services:']
  for (let i = 0; i < 200; i++) {
    lines.push(`  - name: svc-${i}`, '    versions: [{name: v1}]')
    const calls = [2 * i + 1, 2 * i + 2].filter((c) => c < 200).map((c) => `{to: svc-${c}}`)
    if (calls.length) lines.push(`    calls: [${calls.join(', ')}]`)
  }
  await page.getByLabel('Scenario YAML text').fill(lines.join('\n'))
  await page.getByLabel('Scenario YAML text').blur()
  await expect(page.getByTestId('scenario-stats')).toContainText('200 services', { timeout: 30_000 })
  await page.keyboard.press('y')
  await page.keyboard.press('l')
  await page.keyboard.press('f')
  await expect(page.getByText('Zoomed out as far as the canvas goes (5 %): the minimap shows the whole drawing.')).toBeVisible()
  expect(errors).toEqual([])
})
