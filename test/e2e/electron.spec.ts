// The desktop app under Playwright's `_electron`: open → edit → save → reopen through the
// real main process, preload and renderer. Runs only where an Electron binary exists
// (ELECTRON_OVERRIDE_DIST_PATH, or node_modules/electron/path.txt with its dist/); elsewhere
// it is skipped with a reason that says so. The steps drive `window.desktop` from the page
// (the bridge the UI itself calls), so they test the shell, not the designer's UI.
import { spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'
import type { ElectronApplication, Page } from '@playwright/test'
import type { DesktopApi, Result, ScenarioFile } from '../../electron/contract'

const ELECTRON_DIR = 'node_modules/electron'
const DEFAULT_EXECUTABLE = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform as string] ?? 'electron'

/** The Electron executable, found the way node_modules/electron/index.js would (without downloading); or why there is none. */
function findElectron(): { exe: string } | { reason: string } {
  const pathFile = join(ELECTRON_DIR, 'path.txt')
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) {
    const exe = join(override, relative || DEFAULT_EXECUTABLE)
    return existsSync(exe) ? { exe } : { reason: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${exe} does not exist` }
  }
  if (relative && existsSync(join(ELECTRON_DIR, 'dist', relative))) return { exe: join(ELECTRON_DIR, 'dist', relative) }
  return { reason: 'there is no Electron binary on this machine (ELECTRON_OVERRIDE_DIST_PATH is unset and node_modules/electron has no downloaded dist/)' }
}

const found = findElectron()
const SKIP_REASON = 'reason' in found ? `Not run: ${found.reason}. Set ELECTRON_OVERRIDE_DIST_PATH to a local Electron 45 build to run it.` : ''
// The list reporter shows only "skipped"; say why where people look.
if (SKIP_REASON && !process.env.TEST_WORKER_INDEX) console.log(`e2e: desktop app (Electron) — ${SKIP_REASON}`)

declare global {
  interface Window {
    readonly desktop?: DesktopApi
  }
}

async function launch(userData: string, args: string[] = []): Promise<{ app: ElectronApplication; page: Page }> {
  if (!('exe' in found)) throw new Error('unreachable: the suite is skipped without Electron')
  // `.` starts package.json's "main" (dist/electron/main.js); userData is redirected for a clean profile.
  const app = await electron.launch({ executablePath: found.exe, args: ['.', ...args], env: { ...process.env, MESHSIM_USER_DATA: userData } })
  const page = await app.firstWindow()
  await page.waitForFunction(() => window.desktop !== undefined)
  return { app, page }
}

test.describe('desktop app (Electron)', () => {
  test.skip(SKIP_REASON !== '', SKIP_REASON)

  test.beforeAll(() => {
    // `npm test` builds the renderer but not the Electron layer.
    const r = spawnSync('npx', ['vite', 'build', '--config', 'vite.electron.config.ts'], { stdio: 'inherit' })
    expect(r.status).toBe(0)
  })

  test('open → edit → save → reopen, with a backup and a sealed page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-electron-'))
    const userData = join(dir, 'user-data')
    const file = join(dir, 'bookinfo.scenario.yaml')
    copyFileSync('scenarios/bookinfo.scenario.yaml', file)
    const original = readFileSync(file, 'utf8')

    // The file is passed as on a file association, which grants it to the page.
    const first = await launch(userData, [file])
    expect(await first.page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined'])
    expect(first.page.url()).toBe('app://meshsim/index.html')
    const opened = await first.page.evaluate((p) => window.desktop!.openPath(p), file)
    expect(opened).toMatchObject({ ok: true, value: { path: file, text: original } })
    const edited = `${original}# edited in the desktop app\n`
    expect(await first.page.evaluate(([p, t]) => window.desktop!.saveScenario({ path: p!, text: t! }), [file, edited])).toMatchObject({ ok: true })
    // A path the user never chose is refused.
    expect(await first.page.evaluate(() => window.desktop!.openPath('/etc/hostname'))).toMatchObject({ ok: false, error: { code: 'not_permitted' } })
    await first.app.close()

    expect(readFileSync(file, 'utf8')).toBe(edited)
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(original)

    // A new session reopens it from the recent list.
    const second = await launch(userData)
    const recent = await second.page.evaluate(() => window.desktop!.listRecent())
    expect(recent).toMatchObject({ ok: true, value: [{ path: file }] })
    const reopened: Result<ScenarioFile> = await second.page.evaluate((p) => window.desktop!.openPath(p), file)
    expect(reopened).toMatchObject({ ok: true, value: { text: edited } })
    await second.app.close()
  })
})
