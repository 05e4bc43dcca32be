import { describe, expect, it } from 'vitest'
import { MAX_SCENARIO_BYTES } from '../../engine/index'
import { createBrowserApi } from './browser'
import { commandForKey } from './browserShortcuts'
import { createBrowserStore } from './browserStorage'
import type { KeyValueStorage } from './browserStorage'

function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>()
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) }
}

/** A file handle as the File System Access API gives one, over an in-memory file. */
function fakeHandle(name: string, text: string) {
  const handle = {
    name,
    text,
    getFile: async () => new File([handle.text], name),
    createWritable: async () => {
      let next = ''
      return { write: async (t: string) => void (next += t), close: async () => void (handle.text = next) }
    },
  }
  return handle
}

/** A window with the pickers the test wants; timers and events recorded for manual firing. */
function fakeWindow(pickers: Record<string, unknown> = {}) {
  const events = new Map<string, () => void>()
  const intervals: Array<() => void> = []
  const win = {
    ...pickers,
    document: { title: '' },
    setInterval: (fn: () => void) => (intervals.push(fn), intervals.length),
    addEventListener: (e: string, fn: () => void) => void events.set(e, fn),
    removeEventListener: () => {},
  }
  return { win: win as unknown as Window, tick: () => intervals.forEach((f) => f()), fire: (e: string) => events.get(e)?.() }
}

const SCENARIO = 'formatVersion: 1\nname: demo\n'

describe('browser adapter', () => {
  it('opens through the File System Access API and saves back to the same file', async () => {
    const handle = fakeHandle('demo.scenario.yaml', SCENARIO)
    const { win } = fakeWindow({ showOpenFilePicker: async () => [handle] })
    const api = createBrowserApi({ win, store: createBrowserStore(memoryStorage()) })
    const opened = await api.openScenario()
    expect(opened).toMatchObject({ ok: true, value: { name: 'demo.scenario.yaml', text: SCENARIO } })
    if (!opened.ok || !opened.value) return
    expect(await api.saveScenario({ path: opened.value.path, text: `${SCENARIO}# edited\n` })).toEqual({ ok: true, value: { path: opened.value.path, name: 'demo.scenario.yaml' } })
    expect(handle.text).toBe(`${SCENARIO}# edited\n`)
    expect(api.host).toEqual({ kind: 'browser', appVersion: undefined, os: 'web' })
  })

  it('treats a closed picker as a cancel, not an error', async () => {
    const abort = async () => {
      throw Object.assign(new Error('The user aborted a request.'), { name: 'AbortError' })
    }
    const { win } = fakeWindow({ showOpenFilePicker: abort, showSaveFilePicker: abort, showDirectoryPicker: abort })
    const api = createBrowserApi({ win, store: createBrowserStore(memoryStorage()) })
    expect(await api.openScenario()).toEqual({ ok: true, value: null })
    expect(await api.saveScenarioAs({ text: SCENARIO, suggestedName: 'a.yaml' })).toEqual({ ok: true, value: null })
    expect(await api.writeExport({ files: [{ path: 'a.yaml', content: '', language: 'yaml' }], folderName: 'x' })).toEqual({ ok: true, value: null })
  })

  it('reopens a recent file from its stored copy after a reload', async () => {
    const storage = memoryStorage()
    const first = createBrowserApi({ win: fakeWindow().win, store: createBrowserStore(storage) })
    const dropped = await first.openDroppedFile(new File([SCENARIO], 'dropped.scenario.yaml'))
    expect(dropped.ok).toBe(true)
    const second = createBrowserApi({ win: fakeWindow().win, store: createBrowserStore(storage) })
    const recent = await second.listRecent()
    expect(recent).toMatchObject({ ok: true, value: [{ name: 'dropped.scenario.yaml' }] })
    if (!recent.ok) return
    expect(await second.openPath(recent.value[0]!.path)).toMatchObject({ ok: true, value: { text: SCENARIO } })
    expect(await second.openPath('browser:gone/x.yaml')).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })

  it('refuses a dropped file over the size limit', async () => {
    const api = createBrowserApi({ win: fakeWindow().win, store: createBrowserStore(memoryStorage()) })
    const r = await api.openDroppedFile(new File(['x'.repeat(MAX_SCENARIO_BYTES + 1)], 'big.yaml'))
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large' } })
  })

  it('autosaves to localStorage on its timer and on pagehide, and restores after a reload', async () => {
    const storage = memoryStorage()
    const page = fakeWindow()
    const api = createBrowserApi({ win: page.win, store: createBrowserStore(storage) })
    await api.writeAutosave({ key: 'untitled:1', path: null, name: 'Untitled', text: 'v1', editedAt: 't' })
    expect(storage.data.size).toBe(0)
    page.tick()
    await api.writeAutosave({ key: 'untitled:1', path: null, name: 'Untitled', text: 'v2', editedAt: 't' })
    page.fire('pagehide')
    const reloaded = createBrowserApi({ win: fakeWindow().win, store: createBrowserStore(storage) })
    expect(await reloaded.restoreAutosave()).toMatchObject({ ok: true, value: [{ key: 'untitled:1', text: 'v2' }] })
    await reloaded.clearAutosave('untitled:1')
    expect(await createBrowserApi({ win: fakeWindow().win, store: createBrowserStore(storage) }).restoreAutosave()).toEqual({ ok: true, value: [] })
  })

  it('shows the document in the page title, and says plainly what a web page cannot do', async () => {
    const page = fakeWindow()
    const api = createBrowserApi({ win: page.win, store: createBrowserStore(memoryStorage()) })
    await api.setDocumentStatus({ path: null, name: 'demo.scenario.yaml', dirty: true })
    expect(page.win.document.title).toBe('● demo.scenario.yaml — meshsim')
    expect(await api.revealInFolder('/x')).toMatchObject({ ok: false, error: { code: 'unsupported' } })
    expect(await api.takeLaunchFiles()).toEqual({ ok: true, value: [] })
  })
})

describe('browser storage', () => {
  it('survives corrupt or foreign data and keeps at most 10 recent files', () => {
    const storage = memoryStorage()
    storage.setItem('meshsim.recent.v1', '{oops')
    const store = createBrowserStore(storage)
    expect(store.listRecent()).toEqual([])
    for (let i = 0; i < 12; i++) store.addRecent({ path: `browser:${i}/f${i}.yaml`, name: `f${i}.yaml`, text: 'x' })
    expect(store.listRecent().map((r) => r.name)).toEqual(['f11.yaml', 'f10.yaml', 'f9.yaml', 'f8.yaml', 'f7.yaml', 'f6.yaml', 'f5.yaml', 'f4.yaml', 'f3.yaml', 'f2.yaml'])
    storage.setItem('meshsim.autosave.v1', JSON.stringify([{ key: 'k' }, { key: 'ok', path: null, name: 'n', text: 't', editedAt: 'e' }]))
    expect(store.listDrafts().map((d) => d.key)).toEqual(['ok'])
  })
})

describe('browser shortcuts', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods })
  it('maps the standard shortcuts to menu commands, leaving undo to text fields', () => {
    expect(commandForKey(key('s', { ctrlKey: true }), false)).toEqual({ kind: 'save' })
    expect(commandForKey(key('S', { metaKey: true, shiftKey: true }), false)).toEqual({ kind: 'save_as' })
    expect(commandForKey(key('o', { ctrlKey: true }), true)).toEqual({ kind: 'open' })
    expect(commandForKey(key('z', { ctrlKey: true }), false)).toEqual({ kind: 'undo' })
    expect(commandForKey(key('z', { ctrlKey: true, shiftKey: true }), false)).toEqual({ kind: 'redo' })
    expect(commandForKey(key('z', { ctrlKey: true }), true)).toBeUndefined()
    expect(commandForKey(key('s'), false)).toBeUndefined()
    expect(commandForKey(key('s', { ctrlKey: true, altKey: true }), false)).toBeUndefined()
  })
})
