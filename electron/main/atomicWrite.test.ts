import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TEMP_SUFFIX, sweepTempFiles, tempPathFor, writeAtomic } from './atomicWrite'
import { createFaultyFs } from './testFakes'
import type { FsStep } from './testFakes'

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'meshsim-atomic-'))
}

const litter = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith(TEMP_SUFFIX))

describe('writeAtomic', () => {
  it('replaces the file and keeps the previous version as <file>.bak', async () => {
    const dir = tempDir()
    const file = join(dir, 'demo.scenario.yaml')
    writeFileSync(file, 'version one\n')
    await writeAtomic(fsp, file, 'version two\n', { backup: true })
    expect(readFileSync(file, 'utf8')).toBe('version two\n')
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('version one\n')
    await writeAtomic(fsp, file, 'version three\n', { backup: true })
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('version two\n')
    expect(litter(dir)).toEqual([])
  })

  it('creates a new file without a backup', async () => {
    const dir = tempDir()
    await writeAtomic(fsp, join(dir, 'new.yaml'), 'hello', { backup: true })
    expect(readdirSync(dir)).toEqual(['new.yaml'])
  })

  // Every step of the save fails once; each time the old file must survive, intact, with no litter.
  const steps: FsStep[] = ['open', 'write', 'sync', 'close', 'copyFile', 'rename']
  it.each(steps)('a failure at "%s" leaves the old file intact and no temporary file behind', async (step) => {
    const dir = tempDir()
    const file = join(dir, 'demo.scenario.yaml')
    writeFileSync(file, 'the old version\n')
    const attempt = writeAtomic(createFaultyFs(step), file, 'x'.repeat(100_000), { backup: true })
    await expect(attempt).rejects.toThrow(`injected failure at ${step}`)
    expect(readFileSync(file, 'utf8')).toBe('the old version\n')
    expect(litter(dir)).toEqual([])
    // A backup may or may not have been made before the failure, but never a partial one.
    if (existsSync(`${file}.bak`)) expect(readFileSync(`${file}.bak`, 'utf8')).toBe('the old version\n')
  })

  it('keeps the file mode of the file it replaces', async () => {
    const dir = tempDir()
    const file = join(dir, 'private.yaml')
    writeFileSync(file, 'a', { mode: 0o600 })
    await writeAtomic(fsp, file, 'b')
    expect((await fsp.stat(file)).mode & 0o777).toBe(0o600)
  })
})

describe('sweepTempFiles', () => {
  it('removes temporary files of dead writers, and leaves live writers and other files alone', async () => {
    const dir = tempDir()
    const target = join(dir, 'a.scenario.yaml')
    const dead = tempPathFor(target, 999_999)
    const live = tempPathFor(target, 4242)
    const mine = tempPathFor(target)
    for (const f of [dead, live, mine, target, join(dir, 'notes.meshsim-tmp.txt')]) writeFileSync(f, 'x')
    const removed = await sweepTempFiles(fsp, dir, (pid) => pid === 4242)
    expect(removed).toEqual([dead.slice(dir.length + 1)])
    expect(existsSync(live) && existsSync(mine) && existsSync(target)).toBe(true)
  })

  it('returns nothing for a folder that does not exist', async () => {
    expect(await sweepTempFiles(fsp, join(tempDir(), 'gone'))).toEqual([])
  })
})
