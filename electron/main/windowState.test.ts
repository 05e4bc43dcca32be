import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW_STATE, fitWindowState, loadWindowState, trackWindowState } from './windowState'
import type { Rect } from './windowState'

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 }
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 }

describe('window state', () => {
  it('restores a saved size and place that is still on a display', () => {
    expect(fitWindowState({ x: 2000, y: 100, width: 1600, height: 1000, isMaximized: true }, [laptop, rightMonitor])).toEqual({ x: 2000, y: 100, width: 1600, height: 1000, isMaximized: true })
  })

  it('drops the position when that display is gone, so the OS centres the window', () => {
    expect(fitWindowState({ x: 2000, y: 100, width: 1600, height: 1000, isMaximized: false }, [laptop])).toEqual({ width: 1600, height: 1000, isMaximized: false })
  })

  it('clamps the size between the minimum and the largest display', () => {
    expect(fitWindowState({ width: 100, height: 100, isMaximized: false }, [laptop])).toMatchObject({ width: 800, height: 500 })
    expect(fitWindowState({ width: 9000, height: 9000, isMaximized: false }, [laptop])).toMatchObject({ width: 1920, height: 1050 })
  })

  it('falls back to the default for missing or corrupt state', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-winstate-'))
    expect(await loadWindowState(fsp, join(dir, 'none.json'), [laptop])).toEqual(DEFAULT_WINDOW_STATE)
    writeFileSync(join(dir, 'bad.json'), '{"width":"wide"}')
    expect(await loadWindowState(fsp, join(dir, 'bad.json'), [laptop])).toEqual(DEFAULT_WINDOW_STATE)
  })

  it('saves the normal bounds when the window closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-winstate-'))
    const file = join(dir, 'window-state.json')
    const listeners = new Map<string, () => void>()
    const win = {
      on: (event: string, fn: () => void) => listeners.set(event, fn),
      getNormalBounds: () => ({ x: 10, y: 20, width: 1000, height: 700 }),
      isMaximized: () => true,
      isDestroyed: () => false,
    }
    trackWindowState(win, fsp, file)
    listeners.get('close')!()
    await new Promise((r) => setTimeout(r, 50))
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ x: 10, y: 20, width: 1000, height: 700, isMaximized: true })
  })
})
