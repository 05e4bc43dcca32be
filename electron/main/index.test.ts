/**
 * The main process's wiring, under plain Node with Electron replaced by recorders: at start
 * it serves the app from app://meshsim with a locked-down window, registers every channel
 * of the contract through the checked wrapper, denies permissions, and hands command-line
 * files to the page. (The real Electron run is test/e2e/electron.spec.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { Channel } from '../contract'
import type { Result } from '../contract'

type Fn = (...args: any[]) => any

const fake = vi.hoisted(() => {
  const userData = `${process.env.TMPDIR ?? '/tmp'}/meshsim-index-test-${process.pid}`
  const appEvents = new Map<string, Fn>()
  const handlers = new Map<string, Fn>()
  const windows: any[] = []
  const calls: Record<string, unknown[]> = { privileged: [], protocols: [], permission: [], menus: [] }
  let ready: () => void = () => {}
  const whenReady = new Promise<void>((r) => (ready = r))
  class BrowserWindow {
    static getAllWindows = () => windows
    options: any
    url = ''
    contentsEvents = new Map<string, Fn>()
    webContents = { on: (e: string, fn: Fn) => this.contentsEvents.set(e, fn), send: vi.fn(), isDestroyed: () => false }
    constructor(options: any) {
      this.options = options
      windows.push(this)
    }
    maximize() {}
    once() {}
    on() {}
    isDestroyed = () => false
    isMinimized = () => false
    focus() {}
    loadURL = async (url: string) => void (this.url = url)
  }
  return {
    userData, appEvents, handlers, windows, calls, ready,
    module: {
      app: {
        isPackaged: false,
        enableSandbox: vi.fn(),
        requestSingleInstanceLock: () => true,
        on: (e: string, fn: Fn) => appEvents.set(e, fn),
        whenReady: () => whenReady,
        getPath: (name: string) => (name === 'userData' ? userData : '/tmp'),
        setPath: vi.fn(),
        getVersion: () => '0.1.0',
        quit: vi.fn(),
        clearRecentDocuments: vi.fn(),
        addRecentDocument: vi.fn(),
      },
      protocol: { registerSchemesAsPrivileged: (s: unknown) => calls.privileged!.push(s), handle: (scheme: string, fn: Fn) => calls.protocols!.push([scheme, fn]) },
      session: { defaultSession: { setPermissionRequestHandler: (fn: Fn) => calls.permission!.push(fn), setPermissionCheckHandler: vi.fn(), webRequest: { onHeadersReceived: vi.fn() } } },
      shell: { openExternal: vi.fn(), showItemInFolder: vi.fn() },
      Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => calls.menus!.push(m) },
      BrowserWindow,
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
      dialog: {},
      ipcMain: { handle: (c: string, fn: Fn) => handlers.set(c, fn), removeHandler: vi.fn() },
    },
  }
})
vi.mock('electron', () => fake.module)

beforeAll(async () => {
  process.env.MESHSIM_USER_DATA = ''
  process.argv.push(join(mkdtempSync(join(tmpdir(), 'meshsim-argv-')), 'from-argv.scenario.yaml'))
  await import('./index')
  fake.ready()
  await vi.waitFor(() => expect(fake.windows.length).toBe(1), { timeout: 5000 })
})

afterAll(() => rmSync(fake.userData, { recursive: true, force: true }))

describe('main process wiring', () => {
  it('opens one window on app://meshsim with the secure preferences and the preload', () => {
    const [win] = fake.windows
    expect(win.url).toBe('app://meshsim/index.html')
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false })
    expect(win.options.webPreferences.preload).toMatch(/preload\.cjs$/)
    expect(fake.module.app.enableSandbox).toHaveBeenCalled()
  })

  it('registers the app scheme as privileged and serves it', () => {
    expect(fake.calls.privileged).toEqual([[{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]])
    expect((fake.calls.protocols![0] as unknown[])[0]).toBe('app')
  })

  it('registers every channel of the contract, each refusing foreign senders', async () => {
    expect([...fake.handlers.keys()].sort()).toEqual(Object.values(Channel).sort())
    const r: Result<unknown> = await fake.handlers.get(Channel.appGetVersion)!({ senderFrame: { url: 'https://evil.example/' } })
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
    expect(await fake.handlers.get(Channel.appGetVersion)!({ senderFrame: { url: 'app://meshsim/index.html' } })).toEqual({ ok: true, value: '0.1.0' })
  })

  it('denies permission requests and locks down every new webContents', () => {
    let granted: boolean | undefined
    ;(fake.calls.permission![0] as Fn)({}, 'media', (g: boolean) => (granted = g))
    expect(granted).toBe(false)
    const events: string[] = []
    fake.appEvents.get('web-contents-created')!({}, { on: (e: string) => events.push(e), setWindowOpenHandler: () => events.push('window-open') })
    expect(events).toEqual(['will-navigate', 'will-redirect', 'will-attach-webview', 'window-open'])
  })

  it('holds files from the command line for the page, and installs the menu', async () => {
    const r: Result<string[]> = await fake.handlers.get(Channel.launchTakeFiles)!({ senderFrame: { url: 'app://meshsim/index.html' } })
    expect(r.ok && r.value.map((p) => p.split('/').pop())).toEqual(['from-argv.scenario.yaml'])
    expect(fake.calls.menus!.length).toBeGreaterThan(0)
  })
})
