import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DesktopApi } from '../../electron/contract'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.resetModules()
})

describe('getPlatform', () => {
  it('uses the desktop bridge when the preload exposed one', async () => {
    const desktop = { host: { kind: 'desktop', appVersion: '1.2.3', os: 'linux' } } as DesktopApi
    vi.stubGlobal('window', { desktop })
    const { getPlatform } = await import('./platform')
    const platform = getPlatform()
    expect(platform).toEqual({ kind: 'desktop', appVersion: '1.2.3', api: desktop })
    expect(getPlatform()).toBe(platform)
  })

  it('falls back to the browser adapter without one', async () => {
    const storage = new Map<string, string>()
    vi.stubGlobal('window', {
      localStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => storage.set(k, v), removeItem: (k: string) => storage.delete(k) },
      setInterval: () => 0,
      addEventListener: () => {},
      removeEventListener: () => {},
    })
    const { getPlatform } = await import('./platform')
    expect(getPlatform()).toMatchObject({ kind: 'browser', appVersion: undefined, api: { host: { kind: 'browser' } } })
  })
})
