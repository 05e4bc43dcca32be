import { describe, expect, it } from 'vitest'
import { commandLabels } from './commands'
import { findShortcut, shortcuts } from './shortcuts'

const key = (k: string, mod = false, shift = false) => ({ key: k, mod, shift, alt: false })

describe('shortcuts', () => {
  it('every command has a shortcut and a label, and no two shortcuts claim the same key', () => {
    expect(new Set(shortcuts.map((s) => s.command))).toEqual(new Set(Object.keys(commandLabels)))
    const probes = [key('n'), key('N', false, true), key('r'), key('R', false, true), key('z', true), key('z', true, true), key('a', true), key('Delete'), key(' '), key('?', false, true), key('ArrowLeft')]
    for (const p of probes) expect(shortcuts.filter((s) => s.match(p)).length, JSON.stringify(p)).toBeLessThanOrEqual(1)
  })

  it('keys typed into a field stay there; the host menu handles undo and files', () => {
    expect(findShortcut(key('n'), false)?.command).toBe('service.add')
    expect(findShortcut(key('n'), true)).toBeUndefined()
    expect(findShortcut(key('R', false, true), false)?.command).toBe('run.stop')
    expect(findShortcut(key('z', true), false)).toBeUndefined()
    expect(shortcuts.find((s) => s.command === 'edit.undo')?.viaHost).toBe(true)
  })
})
