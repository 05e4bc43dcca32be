/**
 * The preload under plain Node, with Electron's renderer modules replaced by recorders:
 * exactly one global is exposed, each method is one invoke on its channel, and listeners
 * never see the IPC event.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { Channel, EventChannel } from '../contract'
import type { DesktopApi } from '../contract'

const electron = vi.hoisted(() => {
  ;(globalThis as Record<string, unknown>).__MESHSIM_VERSION__ = '1.2.3'
  const exposed: Record<string, unknown> = {}
  const invoked: unknown[][] = []
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  return {
    exposed,
    invoked,
    listeners,
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, value: null }),
      on: (channel: string, fn: (...args: unknown[]) => void) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(fn),
      removeListener: (channel: string, fn: (...args: unknown[]) => void) => void listeners.get(channel)?.delete(fn),
    },
    webUtils: { getPathForFile: (file: { name: string }) => `/dropped/${file.name}` },
  }
})
vi.mock('electron', () => electron)

let api: DesktopApi
beforeAll(async () => {
  await import('./index')
  api = electron.exposed.desktop as DesktopApi
})

describe('preload', () => {
  it('exposes exactly one frozen global, window.desktop', () => {
    expect(Object.keys(electron.exposed)).toEqual(['desktop'])
    expect(Object.isFrozen(api)).toBe(true)
    expect(api.host).toEqual({ kind: 'desktop', appVersion: '1.2.3', os: expect.stringMatching(/^(darwin|win32|linux)$/) })
  })

  it('implements each method as one invoke on its channel, passing arguments through untouched', async () => {
    const file = { name: 'x.scenario.yaml' } as File
    const calls: Array<[() => Promise<unknown>, unknown[]]> = [
      [() => api.getAppVersion(), [Channel.appGetVersion]],
      [() => api.openScenario(), [Channel.scenarioOpen]],
      [() => api.openPath('/a'), [Channel.scenarioOpenPath, '/a']],
      [() => api.openDroppedFile(file), [Channel.scenarioOpenDropped, '/dropped/x.scenario.yaml']],
      [() => api.saveScenario({ path: '/a', text: 't' }), [Channel.scenarioSave, { path: '/a', text: 't' }]],
      [() => api.saveScenarioAs({ text: 't', suggestedName: 'n' }), [Channel.scenarioSaveAs, { text: 't', suggestedName: 'n' }]],
      [() => api.listRecent(), [Channel.recentList]],
      [() => api.writeExport({ files: [], folderName: 'f' }), [Channel.exportWrite, { files: [], folderName: 'f' }]],
      [() => api.revealInFolder('/a'), [Channel.folderReveal, '/a']],
      [() => api.setDocumentStatus({ path: null, name: 'n', dirty: false }), [Channel.documentSetStatus, { path: null, name: 'n', dirty: false }]],
      [() => api.writeAutosave({ key: 'k', path: null, name: 'n', text: 't', editedAt: 'e' }), [Channel.autosaveWrite, { key: 'k', path: null, name: 'n', text: 't', editedAt: 'e' }]],
      [() => api.restoreAutosave(), [Channel.autosaveRestore]],
      [() => api.clearAutosave('k'), [Channel.autosaveClear, 'k']],
      [() => api.resolveExternalChange({ path: '/a', choice: 'reload' }), [Channel.changeResolve, { path: '/a', choice: 'reload' }]],
      [() => api.takeLaunchFiles(), [Channel.launchTakeFiles]],
    ]
    for (const [call, expected] of calls) {
      electron.invoked.length = 0
      await call()
      expect(electron.invoked).toEqual([expected])
    }
    // Every invoke channel of the contract is used by some method.
    expect(new Set(calls.map(([, [channel]]) => channel))).toEqual(new Set(Object.values(Channel)))
  })

  it('hands listeners the payload only, never the IPC event, and unsubscribes', () => {
    const got: unknown[][] = []
    const off = api.onMenu((...args) => got.push(args))
    const offChange = api.onExternalChange((...args) => got.push(args))
    const fakeEvent = { sender: { send: () => {} } }
    for (const fn of electron.listeners.get(EventChannel.menuCommand)!) fn(fakeEvent, { kind: 'save' })
    for (const fn of electron.listeners.get(EventChannel.changeDetect)!) fn(fakeEvent, { kind: 'deleted', path: '/a' })
    expect(got).toEqual([[{ kind: 'save' }], [{ kind: 'deleted', path: '/a' }]])
    off()
    offChange()
    expect(electron.listeners.get(EventChannel.menuCommand)!.size).toBe(0)
    expect(electron.listeners.get(EventChannel.changeDetect)!.size).toBe(0)
  })
})
