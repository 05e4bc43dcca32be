import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { Channel } from '../contract'
import { createIpc, isAppUrl, sendEvent, validateArgs } from './ipc'
import { ok } from './results'
import { saveRequestSchema } from './schemas'
import { createFakeIpcMain } from './testFakes'

const APP = 'app://meshsim/index.html'
const trusted = (url: string): boolean => isAppUrl(url, ['app://meshsim'])

describe('ipc handle()', () => {
  it('refuses a sender from another origin, a file:// page and a destroyed frame, without running the handler', async () => {
    const ipcMain = createFakeIpcMain()
    let ran = 0
    const { handle } = createIpc(ipcMain, { isTrustedUrl: trusted })
    handle(Channel.appGetVersion, {}, async () => (ran++, ok('1.0.0')))
    for (const url of ['https://evil.example/', 'file:///home/u/dist/renderer/index.html', 'app://other/index.html', 'http://meshsim/', null]) {
      const r = await ipcMain.invoke(Channel.appGetVersion, url)
      expect(r).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } })
    }
    expect(ran).toBe(0)
    expect(await ipcMain.invoke(Channel.appGetVersion, APP)).toEqual({ ok: true, value: '1.0.0' })
  })

  it('rejects a malformed argument with a message that names the argument and the field', async () => {
    const ipcMain = createFakeIpcMain()
    const { handle } = createIpc(ipcMain, { isTrustedUrl: trusted })
    handle(Channel.scenarioSave, { request: saveRequestSchema }, async () => ok('saved'))
    const r = await ipcMain.invoke(Channel.scenarioSave, APP, { path: '/tmp/a.scenario.yaml', text: 42 })
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.error.code).toBe('invalid_argument')
    expect(r.error.message).toContain('scenario:save')
    expect(r.error.message).toContain('argument "request.text"')
    expect(r.error.message).toMatch(/expected string/)
  })

  it('rejects relative paths, unknown fields and extra arguments', async () => {
    const relative = validateArgs('scenario:save', { request: saveRequestSchema }, [{ path: 'a.yaml', text: '' }])
    expect(relative).toEqual({ error: expect.stringContaining('argument "request.path" is invalid: must be an absolute path') })
    const extra = validateArgs('scenario:save', { request: saveRequestSchema }, [{ path: '/a.yaml', text: '', mode: 0o777 }])
    expect(extra).toEqual({ error: expect.stringContaining('argument "request"') })
    expect(extra).toEqual({ error: expect.stringContaining('mode') })
    const tooMany = validateArgs('recent:list', {}, ['surprise'])
    expect(tooMany).toEqual({ error: 'recent:list: expected 0 argument(s) (none), got 1' })
    const missing = validateArgs('folder:reveal', { path: z.string() }, [])
    expect(missing).toEqual({ error: expect.stringContaining('argument "path" is invalid') })
  })

  it('turns a thrown error into a failed Result instead of letting it cross IPC', async () => {
    const ipcMain = createFakeIpcMain()
    const logged: string[] = []
    const { handle } = createIpc(ipcMain, { isTrustedUrl: trusted, log: (m) => logged.push(m) })
    handle(Channel.recentList, {}, async () => {
      throw new Error('disk on fire')
    })
    handle(Channel.autosaveRestore, {}, async () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
    })
    expect(await ipcMain.invoke(Channel.recentList, APP)).toEqual({ ok: false, error: { code: 'internal', message: 'recent:list failed: disk on fire' } })
    expect(await ipcMain.invoke(Channel.autosaveRestore, APP)).toEqual({ ok: false, error: { code: 'io', message: 'autosave:restore failed: permission was denied (EACCES)' } })
    expect(logged.join('\n')).toContain('disk on fire')
  })
})

describe('isAppUrl', () => {
  it('matches scheme and host exactly, including custom schemes whose URL.origin is "null"', () => {
    expect(isAppUrl('app://meshsim/index.html#x', ['app://meshsim'])).toBe(true)
    expect(isAppUrl('app://meshsim.evil/index.html', ['app://meshsim'])).toBe(false)
    expect(isAppUrl('http://127.0.0.1:5173/', ['app://meshsim', 'http://127.0.0.1:5173'])).toBe(true)
    expect(isAppUrl('http://127.0.0.1:5174/', ['http://127.0.0.1:5173'])).toBe(false)
    expect(isAppUrl('file:///index.html', ['file://'])).toBe(false)
    expect(isAppUrl('not a url', ['app://meshsim'])).toBe(false)
  })
})

describe('sendEvent', () => {
  it('sends to a live window and drops the event when the window is gone', () => {
    const sent: unknown[] = []
    const target = { destroyed: false, isDestroyed() { return this.destroyed }, send: (c: string, p: unknown) => sent.push([c, p]) }
    sendEvent(target, 'menu:command', { kind: 'save' })
    target.destroyed = true
    sendEvent(target, 'menu:command', { kind: 'open' })
    sendEvent(undefined, 'menu:command', { kind: 'open' })
    expect(sent).toEqual([['menu:command', { kind: 'save' }]])
  })
})
