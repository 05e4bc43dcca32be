// Saving in Chromium through the File System Access API, with the picker and the file faked
// in the page: a save in flight shows "Saving…" and ignores a second Save, a finished save
// clears the unsaved marker, and an edit typed while the file is being written stays unsaved.
import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'

/** A fake `showSaveFilePicker` whose file holds every write until the test releases it. */
function fakeSavePicker(): void {
  const w = window as unknown as Record<string, unknown>
  const writes: string[] = []
  let release: (() => void) | undefined
  w.__writes = writes
  w.__pickerCalls = 0
  w.__release = () => release?.()
  w.showSaveFilePicker = async (opts: { suggestedName: string }) => {
    w.__pickerCalls = (w.__pickerCalls as number) + 1
    return {
      name: opts.suggestedName,
      createWritable: async () => {
        let text = ''
        return {
          write: async (t: string) => { text += t },
          close: () => new Promise<void>((resolve) => { release = () => { writes.push(text); resolve() } }),
        }
      },
    }
  }
}

async function editDescription(page: Page, value: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Description', exact: true })
  await box.fill(value)
  await box.press('Enter')
}

test('a save in flight says so and is not repeated; edits typed meanwhile stay unsaved', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (err) => errors.push(err.message))
  await page.addInitScript(fakeSavePicker)
  await page.goto('/')
  await expect(page.getByTestId('scenario-name')).toHaveText('bookinfo')
  const unsaved = page.getByLabel('Unsaved changes')
  const save = page.getByRole('button', { name: /^Sav(e|ing…)$/ })

  await editDescription(page, 'first draft')
  await expect(unsaved).toBeVisible()
  await save.click()
  await expect(save).toHaveText('Saving…')
  await expect(save).toBeDisabled()
  await page.keyboard.press('Control+s')
  expect(await page.evaluate(() => (window as unknown as { __pickerCalls: number }).__pickerCalls)).toBe(1)
  await page.evaluate(() => (window as unknown as { __release: () => void }).__release())
  await expect(save).toHaveText('Save')
  await expect(unsaved).toHaveCount(0)
  await expect(page.getByText('Saved bookinfo.scenario.yaml.')).toBeVisible()
  const written = await page.evaluate(() => (window as unknown as { __writes: string[] }).__writes)
  expect(written).toHaveLength(1)
  expect(written[0]).toContain('description: first draft')

  // Saved over the same file now; the user types before the write finishes.
  await editDescription(page, 'second draft')
  await save.click()
  await expect(save).toHaveText('Saving…')
  await editDescription(page, 'typed during the save')
  await page.evaluate(() => (window as unknown as { __release: () => void }).__release())
  await expect(save).toHaveText('Save')
  const second = await page.evaluate(() => (window as unknown as { __writes: string[] }).__writes[1])
  expect(second).toContain('description: second draft')
  // What was typed meanwhile is not in the file, so the document is still unsaved.
  await expect(unsaved).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { __pickerCalls: number }).__pickerCalls)).toBe(1)
  expect(errors).toEqual([])
})
