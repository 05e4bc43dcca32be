// The inspector's list and match editors in Chromium, on Bookinfo: a header match by prefix,
// a random (distribution) fault delay, a version's own calls, step load, a canary rollout's
// steps and a crash fault's replica, each written to the YAML; a bad value is explained at
// its field.
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'

async function commit(page: Page, name: string, value: string): Promise<void> {
  const box = page.getByRole('textbox', { name, exact: true })
  await box.fill(value)
  await box.press('Enter')
}

test('every scenario field the YAML has is editable in the inspector', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  await page.goto('/')
  await expect(page.getByTestId('scenario-name')).toHaveText('bookinfo')
  await page.keyboard.press('y')
  const yaml = page.getByLabel('Scenario YAML text')
  await page.getByTestId('service-node-reviews').click()

  // Header match by prefix on the route rule.
  const rule = page.getByTestId('rule-0')
  await rule.getByRole('button', { name: '+ match' }).click()
  await page.getByRole('button', { name: 'Add a header condition to match 1' }).click()
  await commit(page, 'Match 1 header 1 name', 'end-user')
  await page.getByLabel('Match 1 header 1 match').selectOption('prefix')
  await commit(page, 'Match 1 header 1 value', 'jas')
  await expect(yaml).toHaveValue(/end-user:\s*\{?\s*prefix: jas/)

  // A random injected delay.
  await rule.getByRole('button', { name: '+ delay' }).click()
  await rule.getByLabel('Delay kind').selectOption('lognormal')
  await commit(page, 'Median delay (p50)', '20ms')
  await expect(yaml).toHaveValue(/distribution:[\s\S]*kind: lognormal[\s\S]*p50: 20ms/)

  // A version's own calls; an unknown value is explained at its field.
  await page.getByRole('button', { name: 'Give version v1 its own calls' }).click()
  await page.getByRole('button', { name: '+ version v1 call' }).click()
  await expect(page.getByLabel('Version v1 call 1 to service')).toHaveValue('productpage')
  await page.getByLabel('Version v1 call 1 to service').selectOption('details')
  await commit(page, 'Version v1 call 1 probability', '50%')
  await expect(yaml).toHaveValue(/# no stars[\s\S]*?calls: \[\{to: details, probability: 50%\}\]/)
  await commit(page, 'Version v1 call 1 probability', 'often')
  await expect(page.getByRole('alert').filter({ hasText: 'expected' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Version v1 call 1 probability', exact: true }).press('Escape')

  // Step load on the traffic source.
  await page.getByTestId('source-node-browsers').click()
  await page.getByLabel('Arrivals').selectOption('step')
  await page.getByRole('button', { name: '+ step' }).click()
  await commit(page, 'Step 3 rate', '120rps')
  await expect(yaml).toHaveValue(/steps:[\s\S]*at: 1m[\s\S]*rate: 120rps/)

  // A canary rollout of reviews: three steps by default, one edited, one added, a bad weight refused at its field.
  await page.getByTestId('service-node-reviews').click()
  await page.keyboard.press('Escape')
  await page.getByText(/^Rollouts \(0\)$/).click()
  await page.getByRole('button', { name: '+ canary rollout of reviews' }).click()
  await expect(page.getByRole('group', { name: 'Rollout 1 step 3' })).toBeVisible()
  await commit(page, 'Rollout 1 step 2 weight', '30')
  await page.getByRole('button', { name: '+ rollout 1 step' }).click()
  await commit(page, 'Rollout 1 step 4 hold', '45s')
  await expect(yaml).toHaveValue(/rollouts:[\s\S]*kind: canary[\s\S]*weight: 30[\s\S]*weight: 100[\s\S]*hold: 45s/)
  await commit(page, 'Rollout 1 step 1 weight', '150')
  await expect(page.getByRole('group', { name: 'Rollout 1 step 1' }).getByRole('alert')).toBeVisible()
  await page.getByRole('textbox', { name: 'Rollout 1 step 1 weight', exact: true }).press('Escape')

  // A crash drawn on the fault timeline, then moved to the second replica in the fault form.
  await page.getByTestId('service-node-reviews').click()
  await page.getByLabel('Fault version').selectOption('v1')
  await page.getByTestId('fault-track').scrollIntoViewIfNeeded()
  const track = (await page.getByTestId('fault-track').boundingBox())!
  const at = (s: number) => ({ x: track.x + (track.width * s) / 60, y: track.y + track.height / 2 })
  await page.mouse.move(at(10).x, at(10).y)
  await page.mouse.down()
  await page.mouse.move(at(30).x, at(30).y, { steps: 10 })
  await page.mouse.up()
  await expect(page.getByTestId('fault-form')).toBeVisible()
  await commit(page, 'Replica', '1')
  await expect(page.getByRole('button', { name: /^Crash reviews v1 replica 1 at 10 s/ })).toBeVisible()
  await expect(yaml).toHaveValue(/kind: crash[\s\S]*service: reviews[\s\S]*replica: 1/)
  expect(errors).toEqual([])
})
