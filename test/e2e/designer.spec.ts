// The designer in Chromium: Bookinfo built from an empty canvas with the mouse (drag from the
// palette, connect handles), configured in the inspector (a 90/10 split, retries, outlier
// detection), run in the simulation worker, hit by a crash drawn on the fault timeline, and
// exported to Istio. Screenshots of each step go to test-results/screenshots/designer-*.png.
import { copyFileSync, mkdirSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import type { Locator, Page, TestInfo } from '@playwright/test'

const SCREENSHOTS_DIR = 'test-results/screenshots'

async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`designer-${name}.png`)
  await page.screenshot({ path })
  mkdirSync(SCREENSHOTS_DIR, { recursive: true })
  copyFileSync(path, `${SCREENSHOTS_DIR}/designer-${name}.png`)
  await testInfo.attach(name, { path, contentType: 'image/png' })
}

function watchForErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') errors.push(`${msg.type()}: ${msg.text()}`) })
  page.on('pageerror', (err) => errors.push(err.message))
  return errors
}

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox()
  if (!box) throw new Error('element has no box')
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 }
}

/** A pointer drag in steps, as React Flow and HTML drag and drop need headless. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(to.x, to.y, { steps: 15 })
  await page.mouse.up()
}

const node = (page: Page, name: string) => page.getByTestId(`service-node-${name}`)

/** Drags a service from the palette to a point of the canvas and names it in the inspector. */
async function addService(page: Page, name: string, at: { x: number; y: number }): Promise<void> {
  const canvas = await page.locator('.canvas').boundingBox()
  await drag(page, await center(page.getByTestId('palette-service')), { x: canvas!.x + at.x, y: canvas!.y + at.y })
  const field = page.getByRole('textbox', { name: 'Service name' })
  await expect(field).toHaveValue(/^service/)
  await field.fill(name)
  await field.press('Enter')
  await expect(node(page, name)).toBeVisible()
}

/** Drags from the right handle of `from` onto the body of `to`. */
async function connect(page: Page, from: string, to: string): Promise<void> {
  await node(page, from).hover()
  await drag(page, await center(node(page, from).locator('.react-flow__handle-right')), await center(node(page, to)))
  await expect(page.getByTestId(`rf__edge-call:${from}->${to}`)).toHaveCount(1)
}

test('builds Bookinfo from an empty canvas, runs it, injects a crash and exports Istio', async ({ page }, testInfo) => {
  test.setTimeout(120_000)
  const errors = watchForErrors(page)
  // No directory picker in a test: the browser adapter falls back to one download per file.
  await page.addInitScript(() => { delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker })
  await page.goto('/?new')
  await expect(page.getByText('An empty canvas')).toBeVisible()
  await expect(page.locator('.react-flow__node')).toHaveCount(0)
  await saveScreenshot(page, testInfo, '01-empty')

  // 1. Four services dragged from the palette, named in the inspector.
  await addService(page, 'productpage', { x: 200, y: 220 })
  await addService(page, 'details', { x: 500, y: 120 })
  await addService(page, 'reviews', { x: 500, y: 330 })
  await addService(page, 'ratings', { x: 800, y: 330 })
  await expect(page.locator('.react-flow__node-service')).toHaveCount(4)

  // 2. Calls by connecting handles; a traffic source dropped onto productpage.
  await connect(page, 'productpage', 'details')
  await connect(page, 'productpage', 'reviews')
  await connect(page, 'reviews', 'ratings')
  await drag(page, await center(page.getByTestId('palette-traffic')), await center(node(page, 'productpage')))
  await expect(page.getByTestId('rf__edge-traffic:users->productpage')).toHaveCount(1)
  await expect(page.getByTestId('scenario-stats')).toHaveText('4 services · 3 calls · 1 traffic source')

  // 3. Three versions of reviews.
  await node(page, 'reviews').click()
  await page.getByRole('button', { name: 'Add a version to reviews' }).click()
  await page.getByRole('button', { name: 'Add a version to reviews' }).click()
  await expect(node(page, 'reviews').getByRole('listitem')).toHaveCount(3)
  await page.keyboard.press('f')
  await expect(page.getByRole('group', { name: 'Traffic source users' })).toBeInViewport()
  await page.waitForTimeout(300)
  await saveScreenshot(page, testInfo, '02-topology')

  // 4. A 90/10 split and a retry policy on the route to reviews; outlier detection on its destination.
  await page.getByRole('button', { name: /\+ route/ }).click()
  await page.getByLabel('Weight of v1').fill('90')
  await page.getByLabel('Weight of v2').fill('0')
  await page.getByLabel('Weight of v3').fill('10')
  await page.getByLabel('Weight of v3').press('Enter')
  await expect(page.getByTestId('split-total')).toHaveText('total 100%')
  await expect(node(page, 'reviews').getByLabel('v1: 1 replica, 90% of traffic')).toBeVisible()
  await expect(node(page, 'reviews').getByLabel('v3: 1 replica, 10% of traffic')).toBeVisible()
  await page.getByRole('button', { name: '+ retry policy' }).click()
  await page.getByRole('textbox', { name: 'Retry attempts' }).fill('1')
  await page.getByRole('textbox', { name: 'Retry attempts' }).press('Enter')
  await page.getByRole('textbox', { name: 'Per-try timeout' }).fill('500ms')
  await page.getByRole('textbox', { name: 'Per-try timeout' }).press('Enter')
  await page.getByRole('checkbox', { name: 'connect-failure' }).uncheck()
  const replicas = page.getByRole('group', { name: 'Version v1' }).getByRole('textbox', { name: 'Replicas' })
  await replicas.fill('2')
  await replicas.press('Enter')
  await page.getByRole('textbox', { name: 'Consecutive 5xx errors' }).fill('5')
  await page.getByRole('textbox', { name: 'Consecutive 5xx errors' }).press('Enter')
  await page.getByRole('textbox', { name: 'Max ejection', exact: true }).fill('50%')
  await page.getByRole('textbox', { name: 'Max ejection', exact: true }).press('Enter')
  await expect(page.getByRole('textbox', { name: 'Max ejection', exact: true })).toHaveValue('50%')
  // The model's validation shows at the field: a negative replica count is refused there.
  await replicas.fill('-1')
  await replicas.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: 'must not be negative' })).toBeVisible()
  await saveScreenshot(page, testInfo, '03-inspector')
  await replicas.fill('2')
  await replicas.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: 'must not be negative' })).toHaveCount(0)

  // 5. Run it: the dashboard charts fill as batches stream in.
  await page.getByLabel('Speed').selectOption('20')
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  await expect(page.getByTestId('run-phase')).toHaveText('Running')
  await expect.poll(async () => Number(await page.getByTestId('run-progress').getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(40)
  await expect(page.getByTestId('live-productpage')).toBeVisible()
  await saveScreenshot(page, testInfo, '04-running')
  await expect(page.getByTestId('run-phase')).toHaveText('Finished', { timeout: 30_000 })
  const latency = page.getByTestId('chart-latency').locator('path.chart__line')
  await expect(latency).toHaveCount(4)
  expect((await latency.first().getAttribute('d'))!.length).toBeGreaterThan(200)
  await saveScreenshot(page, testInfo, '05-finished')

  // 6. A crash drawn on the fault timeline: reviews v1, from 20 s, restarting at 40 s.
  await node(page, 'reviews').click()
  await page.getByLabel('Fault version').selectOption('v1')
  await page.getByTestId('fault-track').scrollIntoViewIfNeeded()
  const track = await page.getByTestId('fault-track').boundingBox()
  const at = (s: number) => ({ x: track!.x + (track!.width * s) / 60, y: track!.y + track!.height / 2 })
  await drag(page, at(20), at(40))
  await expect(page.getByRole('button', { name: /^Crash reviews v1 replica 0 at 20 s, restarts after 20 s/ })).toBeVisible()
  await expect(page.getByTestId('fault-form')).toBeVisible()

  // 7. Run again, pause just after the crash: errors and an ejection appear.
  await page.getByLabel('Speed').selectOption('5')
  await page.getByRole('button', { name: 'Run', exact: true }).click()
  await expect.poll(async () => Number(await page.getByTestId('run-progress').getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(36)
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(page.getByTestId('run-phase')).toHaveText('Paused')
  await expect(page.getByTestId('crashed-reviews')).toHaveText('1 down')
  await expect(page.getByTestId('ejected-reviews')).toBeVisible()
  await expect(page.getByTestId('lane-ejection').first()).toBeVisible()
  await page.getByRole('button', { name: 'Step' }).click()
  await saveScreenshot(page, testInfo, '06-crash')
  await page.getByLabel('Speed').selectOption('0')
  await page.getByRole('button', { name: 'Resume' }).click()
  await expect(page.getByTestId('run-phase')).toHaveText('Finished', { timeout: 30_000 })
  // Hovering a chart shows the exact numbers at that moment.
  const retries = page.getByTestId('chart-retries').locator('svg')
  await retries.scrollIntoViewIfNeeded()
  const retryBox = await retries.boundingBox()
  await page.mouse.move(retryBox!.x + 120 + ((retryBox!.width - 136) * 20.9) / 60, retryBox!.y + 40)
  // The crashed replica's failed attempts show as retries in the second after the crash.
  await expect(page.getByTestId('chart-retries').locator('.chart__readout')).toContainText(/21 s: retries [1-9]/)
  await page.getByRole('tab', { name: 'Fates & SLOs' }).click()
  await expect(page.getByTestId('fate-chart').getByRole('row', { name: /succeeded after a retry|failed|overflow|connect|no healthy/ }).first()).toBeVisible()
  await saveScreenshot(page, testInfo, '07-fates')
  await page.getByRole('tab', { name: 'Traces' }).click()
  await expect(page.getByTestId('trace-waterfall').getByRole('listitem').first()).toBeVisible()
  await saveScreenshot(page, testInfo, '08-trace')

  // 8. Export Istio: every file valid, previewed with highlighting, saved (downloads in a browser).
  await page.getByRole('button', { name: 'Export…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export configs' })
  await expect(dialog.getByLabel('Target')).toHaveValue('istio')
  await expect(dialog.getByTestId('export-validation')).toHaveText(/^All \d+ files are valid/)
  await dialog.getByRole('button', { name: /virtualservice-.*reviews/ }).click()
  await expect(dialog.getByTestId('export-preview')).toContainText('weight: 90')
  await expect(dialog.locator('.tok--key').first()).toBeVisible()
  await saveScreenshot(page, testInfo, '09-export')
  const download = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Save files…' }).click()
  expect((await download).suggestedFilename()).toMatch(/\.yaml$/)

  expect(errors).toEqual([])
})

/** Presses Tab until the focused element matches `isTarget` (the keyboard's only way to move). */
async function tabTo(page: Page, describe: string, isTarget: (el: Element) => boolean, max = 120): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate((fn) => new Function('el', `return (${fn})(el)`)(document.activeElement), isTarget.toString())) return
  }
  throw new Error(`Tab never reached ${describe}`)
}

test('every canvas action has a shortcut, and the inspector works with the keyboard alone', async ({ page }, testInfo) => {
  const errors = watchForErrors(page)
  await page.goto('/?new')
  const services = page.locator('.react-flow__node-service')

  // N adds a service where the view is; L lays them out; Ctrl+A, Delete, Ctrl+Z, Ctrl+Shift+Z.
  await page.keyboard.press('n')
  await page.keyboard.press('n')
  await expect(services).toHaveCount(2)
  await page.keyboard.press('l')
  await page.keyboard.press('Control+a')
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(2)
  await page.keyboard.press('Delete')
  await expect(services).toHaveCount(0)
  await page.keyboard.press('Control+z')
  await expect(services).toHaveCount(2)
  await page.keyboard.press('Control+Shift+z')
  await expect(services).toHaveCount(0)
  await page.keyboard.press('Control+z')
  await expect(services).toHaveCount(2)
  await page.keyboard.press('Escape')

  // Tab to a node, Enter selects it; C then Tab and Enter on the target connects them.
  await tabTo(page, 'the first service node', (el) => el.getAttribute('aria-label') === 'Service service')
  await page.keyboard.press('Enter')
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1)
  await page.keyboard.press('c')
  await expect(page.getByTestId('notice')).toContainText('Connect')
  await tabTo(page, 'the second service node', (el) => el.getAttribute('aria-label') === 'Service service-2')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('rf__edge-call:service->service-2')).toHaveCount(1)

  // V adds a version, T a traffic source, Ctrl+C / Ctrl+V copy, arrows move, F fits.
  await tabTo(page, 'the first service node', (el) => el.getAttribute('aria-label') === 'Service service')
  await page.keyboard.press('Enter')
  await page.keyboard.press('v')
  await expect(node(page, 'service').getByRole('listitem')).toHaveCount(2)
  await page.keyboard.press('t')
  await expect(page.getByTestId('rf__edge-traffic:users->service')).toHaveCount(1)
  await tabTo(page, 'the first service node', (el) => el.getAttribute('aria-label') === 'Service service')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Control+c')
  await page.keyboard.press('Control+v')
  await expect(services).toHaveCount(3)
  const before = await page.getByTestId('service-node-service-3').boundingBox()
  await page.keyboard.press('ArrowRight')
  await expect.poll(async () => (await page.getByTestId('service-node-service-3').boundingBox())!.x).toBeGreaterThan(before!.x)
  await page.keyboard.press('f')

  // R runs, Space pauses, . steps, Shift+R stops.
  await page.keyboard.press('Escape')
  await page.keyboard.press('r')
  await expect(page.getByTestId('run-phase')).toHaveText('Running')
  await page.keyboard.press(' ')
  await expect(page.getByTestId('run-phase')).toHaveText('Paused')
  const paused = Number(await page.getByTestId('run-progress').getAttribute('aria-valuenow'))
  await page.keyboard.press('.')
  await expect.poll(async () => Number(await page.getByTestId('run-progress').getAttribute('aria-valuenow'))).toBeGreaterThan(paused)
  await page.keyboard.press('Shift+R')
  await expect(page.getByTestId('run-phase')).toHaveText('Finished')

  // ? lists the shortcuts.
  await page.keyboard.press('?')
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(help).toBeVisible()
  await expect(help.getByRole('cell', { name: 'Auto-layout (layered, left to right)' })).toBeVisible()
  await saveScreenshot(page, testInfo, '10-shortcuts')
  await page.keyboard.press('Escape')
  await expect(help).toBeHidden()

  // The inspector by keyboard: select a service, Tab to its replicas, type, Enter.
  await tabTo(page, 'the first service node', (el) => el.getAttribute('aria-label') === 'Service service')
  await page.keyboard.press('Enter')
  await tabTo(page, 'the replicas of v1', (el) => el.id !== '' && document.querySelector(`label[for="${el.id}"]`)?.textContent === 'Replicas')
  await page.keyboard.press('Control+a')
  await page.keyboard.type('3')
  await page.keyboard.press('Enter')
  await expect(node(page, 'service').getByLabel('v1: 3 replicas')).toBeVisible()
  await page.keyboard.press('Control+a')
  await page.keyboard.type('x')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('alert').filter({ hasText: 'expected a whole number' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('alert').filter({ hasText: 'expected a whole number' })).toHaveCount(0)
  await saveScreenshot(page, testInfo, '11-keyboard')
  expect(errors).toEqual([])
})

test('the YAML editor and the canvas stay in sync, broken YAML keeps its text, and work survives a reload', async ({ page }, testInfo) => {
  const errors = watchForErrors(page)
  await page.goto('/')
  await expect(page.getByTestId('scenario-name')).toHaveText('bookinfo')
  await page.keyboard.press('y')
  const yaml = page.getByLabel('Scenario YAML text')
  await expect(yaml).toHaveValue(/# Istio's Bookinfo sample/)

  // Canvas → YAML: an inspector edit rewrites the text, comments kept.
  await node(page, 'details').click()
  const replicas = page.getByRole('group', { name: 'Version v1' }).getByRole('textbox', { name: 'Replicas' })
  await replicas.fill('4')
  await replicas.press('Enter')
  await expect(yaml).toHaveValue(/- name: details\n {4}port: 9080\n {4}versions:\n {6}- name: v1\n {8}replicas: 4/)
  await expect(yaml).toHaveValue(/# productpage fetches book details, then reviews, one after the other/)

  // YAML → canvas: typing applies after a pause.
  const text = await yaml.inputValue()
  await yaml.fill(text.replace('rate: 50rps', 'rate: 80rps'))
  await expect(page.getByRole('group', { name: 'Traffic source browsers' })).toContainText('poisson · 80 rps')

  // Broken YAML: the text stays as typed, the problem is shown with line:column, the canvas keeps the last good model.
  const broken = `${await yaml.inputValue()}\nslos: [oops`
  await yaml.fill(broken)
  await expect(page.getByTestId('yaml-problem').first()).toHaveText(/^\d+:\d+ /)
  await expect(page.getByText('not applied: fix the errors below')).toBeVisible()
  await expect(yaml).toHaveValue(broken)
  await expect(page.getByTestId('scenario-stats')).toHaveText('4 services · 3 calls · 1 traffic source')
  await expect(node(page, 'details')).toContainText('×4')
  await saveScreenshot(page, testInfo, '12-yaml')
  await yaml.fill(broken.replace('\nslos: [oops', ''))
  await expect(page.getByText('not applied: fix the errors below')).toHaveCount(0)

  // Autosave: the edited document comes back after a reload.
  await page.waitForTimeout(1500)
  await page.reload()
  await page.getByRole('button', { name: 'Restore it' }).click()
  await expect(page.getByRole('group', { name: 'Traffic source browsers' })).toContainText('poisson · 80 rps')
  await expect(page.getByRole('group', { name: 'Versions of details' }).or(node(page, 'details'))).toContainText('×4')
  expect(errors).toEqual([])
})
