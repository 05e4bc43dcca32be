import { mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_SCENARIO_BYTES } from '../../engine/index'
import { createFileStore, hashContent } from './fileStore'

const root = resolve(import.meta.dirname, '../..')
const BOOKINFO = readFileSync(join(root, 'scenarios/bookinfo.scenario.yaml'), 'utf8')
const store = createFileStore(fsp)

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'meshsim-store-'))
}

describe('fileStore.read', () => {
  it('reads a scenario with its name and the hash of its bytes', async () => {
    const file = join(root, 'scenarios/bookinfo.scenario.yaml')
    const r = await store.read(file)
    expect(r).toEqual({ ok: true, value: { path: file, name: 'bookinfo.scenario.yaml', text: BOOKINFO, hash: hashContent(BOOKINFO) } })
  })

  it('opens a scenario with schema or YAML errors, so the app can show where they are', async () => {
    for (const broken of ['unknown-balancer.yaml', 'yaml-syntax-error.yaml', 'several-errors.yaml']) {
      expect((await store.read(join(root, 'test/fixtures/broken', broken))).ok, broken).toBe(true)
    }
  })

  it('refuses files that are too large, binary, not UTF-8, or not a scenario, with a clear message', async () => {
    const dir = tempDir()
    const cases: Array<[string, string | Uint8Array, string, RegExp]> = [
      ['huge.scenario.yaml', `name: x\n#${'x'.repeat(MAX_SCENARIO_BYTES)}`, 'too_large', /huge\.scenario\.yaml is 5\.0 MB; scenario files are limited to 5\.0 MB, so it was not opened/],
      ['image.yaml', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), 'not_a_scenario', /image\.yaml is not a meshsim scenario: it is a binary file/],
      ['latin1.yaml', new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9]), 'not_a_scenario', /not UTF-8 text/],
      ['deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\n', 'not_a_scenario', /none of a scenario's top-level keys \(formatVersion, services\)/],
      ['list.yaml', '- a\n- b\n', 'not_a_scenario', /must be a mapping/],
      ['empty.yaml', '', 'not_a_scenario', /empty/],
      ['notes.yaml', 'just: [unclosed\n', 'not_a_scenario', /not valid YAML or JSON/],
    ]
    for (const [name, content, code, message] of cases) {
      writeFileSync(join(dir, name), content)
      const r = await store.read(join(dir, name))
      expect(r, name).toMatchObject({ ok: false, error: { code } })
      if (!r.ok) expect(r.error.message, name).toMatch(message)
    }
  })

  it('reports a missing file and a folder as not found', async () => {
    const dir = tempDir()
    expect(await store.read(join(dir, 'nope.yaml'))).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('it does not exist (ENOENT)') } })
    expect(await store.read(dir)).toMatchObject({ ok: false, error: { code: 'not_found' } })
  })
})

describe('fileStore.save', () => {
  it('saves atomically and keeps the previous version as <file>.bak', async () => {
    const dir = tempDir()
    const file = join(dir, 'bookinfo.scenario.yaml')
    writeFileSync(file, BOOKINFO)
    const edited = `${BOOKINFO}# edited\n`
    const r = await store.save(file, edited)
    expect(r).toEqual({ ok: true, value: { hash: hashContent(edited) } })
    expect(readFileSync(file, 'utf8')).toBe(edited)
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(BOOKINFO)
    expect(await store.hashOnDisk(file)).toBe(hashContent(edited))
  })

  it('refuses text that is too large or not a scenario, and writes nothing', async () => {
    const dir = tempDir()
    const file = join(dir, 'bookinfo.scenario.yaml')
    writeFileSync(file, BOOKINFO)
    const refusals: Array<[string, string]> = [
      [`${BOOKINFO}#${'x'.repeat(MAX_SCENARIO_BYTES)}`, 'too_large'],
      ['apiVersion: v1\nkind: Service\n', 'not_a_scenario'],
      [`${BOOKINFO}\n  bad: [indent`, 'not_a_scenario'],
    ]
    for (const [text, code] of refusals) {
      const r = await store.save(file, text)
      expect(r).toMatchObject({ ok: false, error: { code } })
      if (!r.ok) expect(r.error.message).toMatch(/nothing was written/i)
    }
    expect(readFileSync(file, 'utf8')).toBe(BOOKINFO)
    expect(readdirSync(dir)).toEqual(['bookinfo.scenario.yaml'])
  })

  it('saves through a symlink to the file it points at, keeping the link', async () => {
    const dir = tempDir()
    const real = join(dir, 'real.scenario.yaml')
    const link = join(dir, 'link.scenario.yaml')
    writeFileSync(real, BOOKINFO)
    symlinkSync(real, link)
    const edited = `${BOOKINFO}# edited\n`
    expect((await store.save(link, edited)).ok).toBe(true)
    expect((await fsp.lstat(link)).isSymbolicLink()).toBe(true)
    expect(readFileSync(real, 'utf8')).toBe(edited)
  })

  it('reports a folder that does not exist as a failed Result, not a throw', async () => {
    const r = await store.save(join(tempDir(), 'missing', 'a.scenario.yaml'), BOOKINFO)
    expect(r).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('the file on disk was not changed') } })
  })
})
