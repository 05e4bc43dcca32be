import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { AutosaveDraft } from '../contract'
import { createAutosave } from './autosave'
import type { Timers } from './autosave'
import { createFaultyFs } from './testFakes'

const draft = (key: string, text: string): AutosaveDraft => ({ key, path: null, name: 'Untitled', text, editedAt: '2025-01-01T00:00:00.000Z' })

/** Timers the test ticks by hand. */
function manualTimers(): Timers & { tick(): void } {
  let fn: (() => void) | undefined
  return { setInterval: (f) => ((fn = f), 1), clearInterval: () => (fn = undefined), tick: () => fn?.() }
}

const drafts = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.json'))

describe('autosave', () => {
  it('writes only on the timer, the latest edit of each document, and lists them in the next session', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-autosave-'))
    const timers = manualTimers()
    const a = createAutosave({ dir, fs: fsp, timers })
    a.update(draft('untitled:1', 'one'))
    a.update(draft('untitled:1', 'two'))
    a.update(draft('/home/u/b.scenario.yaml', 'bee'))
    await a.list()
    expect(drafts(dir)).toEqual([])
    timers.tick()
    await a.list()
    expect(drafts(dir).length).toBe(2)
    // The process "dies": no stop(), no flush. A new session reads what reached the disk.
    const next = createAutosave({ dir, fs: fsp, timers: manualTimers() })
    expect((await next.list()).map((d) => d.text).sort()).toEqual(['bee', 'two'])
  })

  it('clear() forgets a draft on disk and in memory, even with a write pending', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-autosave-'))
    const timers = manualTimers()
    const a = createAutosave({ dir, fs: fsp, timers })
    a.update(draft('k', 'v1'))
    await a.flush()
    a.update(draft('k', 'v2'))
    await a.clear('k')
    timers.tick()
    await a.flush()
    expect(drafts(dir)).toEqual([])
    expect(await a.list()).toEqual([])
  })

  it('retries a failed write on the next tick and reports the error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-autosave-'))
    const errors: unknown[] = []
    let failing = true
    const fs = { ...createFaultyFs(undefined), open: (p: string, f: string, m?: number) => (failing && f === 'wx' ? Promise.reject(new Error('disk full')) : fsp.open(p, f, m)) }
    const a = createAutosave({ dir, fs, timers: manualTimers(), onError: (e) => errors.push(e) })
    a.update(draft('k', 'v1'))
    await a.flush()
    expect(errors.length).toBe(1)
    failing = false
    await a.flush()
    expect(drafts(dir).length).toBe(1)
  })

  it('skips unreadable and foreign files in its folder instead of failing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-autosave-'))
    writeFileSync(join(dir, `${'a'.repeat(32)}.json`), '{not json')
    writeFileSync(join(dir, `${'b'.repeat(32)}.json`), JSON.stringify({ version: 9, draft: {} }))
    writeFileSync(join(dir, 'notes.txt'), 'hi')
    const errors: unknown[] = []
    const a = createAutosave({ dir, fs: fsp, timers: manualTimers(), onError: (e) => errors.push(e) })
    expect(await a.list()).toEqual([])
    expect(errors.length).toBe(1)
  })

  it('stop() writes what is pending', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-autosave-'))
    const a = createAutosave({ dir, fs: fsp, timers: manualTimers() })
    a.update(draft('k', 'last words'))
    await a.stop()
    expect(drafts(dir).length).toBe(1)
  })
})
