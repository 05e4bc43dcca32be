import type { MenuItemConstructorOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import type { MenuCommand } from '../contract'
import { buildMenuTemplate } from './menu'

function flatten(items: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])])
}

function build(overrides: Partial<Parameters<typeof buildMenuTemplate>[0]> = {}) {
  const sent: MenuCommand[] = []
  let cleared = 0
  const template = buildMenuTemplate({ isMac: false, isDev: false, recent: [], send: (c) => sent.push(c), clearRecent: () => cleared++, ...overrides })
  const items = flatten(template)
  const click = (label: string): void => (items.find((i) => i.label === label && i.click)!.click as () => void)()
  return { template, items, sent, click, cleared: () => cleared }
}

describe('application menu', () => {
  it('has the standard shortcuts', () => {
    const { items } = build()
    const accel = Object.fromEntries(items.filter((i) => i.label && i.accelerator).map((i) => [i.label, i.accelerator]))
    expect(accel).toEqual({
      New: 'CmdOrCtrl+N',
      'Open…': 'CmdOrCtrl+O',
      Save: 'CmdOrCtrl+S',
      'Save As…': 'Shift+CmdOrCtrl+S',
      'Export…': 'CmdOrCtrl+E',
      Undo: 'CmdOrCtrl+Z',
      Redo: 'CmdOrCtrl+Y',
      Run: 'F5',
      Pause: 'F6',
      Stop: 'Shift+F5',
    })
    expect(items.map((i) => i.role).filter(Boolean)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'quit']))
  })

  it('uses the macOS conventions on macOS', () => {
    const { template, items } = build({ isMac: true })
    expect(template[0]).toEqual({ role: 'appMenu' })
    expect(items.find((i) => i.label === 'Redo')!.accelerator).toBe('Shift+CmdOrCtrl+Z')
    expect(items.some((i) => i.role === 'close')).toBe(true)
  })

  it('offers Reload and the developer tools only in development', () => {
    const devRoles = (isDev: boolean) => build({ isDev }).items.map((i) => i.role).filter((r) => r === 'reload' || r === 'forceReload' || r === 'toggleDevTools')
    expect(devRoles(false)).toEqual([])
    expect(devRoles(true)).toEqual(['reload', 'forceReload', 'toggleDevTools'])
  })

  it('sends document and run commands to the renderer', () => {
    const { click, sent } = build()
    for (const label of ['New', 'Open…', 'Save', 'Save As…', 'Export…', 'Undo', 'Redo', 'Run', 'Pause', 'Stop']) click(label)
    expect(sent.map((c) => c.kind)).toEqual(['new', 'open', 'save', 'save_as', 'export', 'undo', 'redo', 'run_start', 'run_pause', 'run_stop'])
  })

  it('lists recent documents, opens them by path, and clears them', () => {
    const recent = [{ path: '/w/a.scenario.yaml', name: 'a.scenario.yaml', openedAt: '' }]
    const { click, sent, cleared, items } = build({ recent })
    click('a.scenario.yaml')
    expect(sent).toEqual([{ kind: 'open_path', path: '/w/a.scenario.yaml' }])
    click('Clear Recently Opened')
    expect(cleared()).toBe(1)
    expect(build().items.find((i) => i.label === 'No Recent Documents')?.enabled).toBe(false)
    expect(items.find((i) => i.label === 'Clear Recently Opened')?.enabled).toBe(true)
  })
})
