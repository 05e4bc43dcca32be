import { mkdtempSync, writeFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadRecentList } from './recent'

describe('recent documents', () => {
  it('keeps the newest first, without duplicates, up to the limit, and persists', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'meshsim-recent-')), 'recent.json')
    let t = 0
    const now = () => new Date(Date.UTC(2025, 0, 1, 0, 0, t++))
    const changes: number[] = []
    const recent = await loadRecentList({ file, fs: fsp, now, max: 3, onChange: (l) => changes.push(l.length) })
    for (const p of ['/w/a.yaml', '/w/b.yaml', '/w/a.yaml', '/w/c.yaml', '/w/d.yaml']) await recent.add(p)
    expect(recent.list().map((f) => f.name)).toEqual(['d.yaml', 'c.yaml', 'a.yaml'])
    expect(changes).toEqual([1, 2, 2, 3, 3])
    const reloaded = await loadRecentList({ file, fs: fsp })
    expect(reloaded.list()).toEqual(recent.list())
    await reloaded.remove('/w/c.yaml')
    expect(reloaded.list().map((f) => f.name)).toEqual(['d.yaml', 'a.yaml'])
    await reloaded.clear()
    expect((await loadRecentList({ file, fs: fsp })).list()).toEqual([])
  })

  it('starts empty from a corrupt file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'meshsim-recent-')), 'recent.json')
    writeFileSync(file, '{"version":1,"files":"nope"}')
    expect((await loadRecentList({ file, fs: fsp })).list()).toEqual([])
  })
})
