/**
 * Real process death: a child Node process runs the main process's own atomic writer and
 * autosave (bundled from these sources), is stopped at a chosen step of a save, and is
 * killed with SIGKILL there. The file it was saving must be intact, its litter swept on the
 * next start, and the unsaved work it had autosaved restored by the next session.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AutosaveDraft } from '../contract'
import { TEMP_SUFFIX, sweepTempFiles } from './atomicWrite'
import { createAutosave } from './autosave'

const root = resolve(import.meta.dirname, '../..')
let bundleDir = ''

// The child imports the real modules; a thin script drives them and stops where told.
const CHILD = `
import * as fsp from 'node:fs/promises'
import { writeAtomic } from './atomicWrite.mjs'
import { createAutosave } from './autosave.mjs'
import { createFaultyFs } from './testFakes.mjs'
const [mode, target] = process.argv.slice(2)
const { STOP_AT, STOP_PATH = '', SKIP = '0' } = process.env
let seen = 0
const fs = createFaultyFs(undefined, async (step, path) => {
  if (step !== STOP_AT || !path.endsWith(STOP_PATH) || seen++ < Number(SKIP)) return
  console.log('stopped at ' + step)
  await new Promise(() => {})
})
const draft = (n) => ({ key: 'untitled:1', path: null, name: 'Untitled', text: 'formatVersion: 1\\nname: draft-' + n + '\\n', editedAt: new Date().toISOString() })
if (mode === 'save') {
  await writeAtomic(fs, target, new Uint8Array(8 * 1024 * 1024).fill(0x61), { backup: true })
  console.log('finished')
} else {
  const autosave = createAutosave({ dir: target, fs, intervalMs: 20 })
  autosave.update(draft(1))
  await autosave.flush()
  console.log('draft 1 on disk')
  autosave.update(draft(2))
  setInterval(() => {}, 1000)
}
`

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'meshsim-crash-bundle-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      ssr: true,
      outDir: bundleDir,
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: { atomicWrite: 'electron/main/atomicWrite.ts', autosave: 'electron/main/autosave.ts', testFakes: 'electron/main/testFakes.ts' },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
    ssr: { noExternal: true },
  })
  writeFileSync(join(bundleDir, 'child.mjs'), CHILD)
}, 60_000)

afterAll(() => rmSync(bundleDir, { recursive: true, force: true }))

/** Runs the child until it prints `line`, then kills it with SIGKILL. */
async function runAndKill(args: string[], env: Record<string, string>, line: string): Promise<void> {
  const child = spawn(process.execPath, [join(bundleDir, 'child.mjs'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stderr.on('data', (d) => (err += String(d)))
  await new Promise<void>((done, failed) => {
    child.stdout.on('data', (d) => {
      out += String(d)
      if (out.includes(line)) done()
    })
    child.on('exit', () => failed(new Error(`child exited before "${line}": ${out}${err}`)))
  })
  child.kill('SIGKILL')
  const [, signal] = await once(child, 'exit')
  expect(signal).toBe('SIGKILL')
}

const litter = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith(TEMP_SUFFIX))

describe('a save killed midway (SIGKILL)', () => {
  const stops: Array<[string, Record<string, string>]> = [
    ['halfway through writing the data', { STOP_AT: 'write' }],
    ['before the data is flushed', { STOP_AT: 'sync' }],
    ['while making the backup', { STOP_AT: 'copyFile' }],
    ['just before the rename', { STOP_AT: 'rename', STOP_PATH: 'demo.scenario.yaml' }],
  ]
  it.each(stops)('%s leaves the old file intact, and the next start sweeps the temporary file', async (_label, env) => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-kill-'))
    const file = join(dir, 'demo.scenario.yaml')
    writeFileSync(file, 'the old version\n')
    await runAndKill(['save', file], env, 'stopped at')
    expect(readFileSync(file, 'utf8')).toBe('the old version\n')
    expect(litter(dir).length).toBeGreaterThan(0)
    await sweepTempFiles(fsp, dir)
    expect(litter(dir)).toEqual([])
    expect(readdirSync(dir).filter((n) => n !== 'demo.scenario.yaml.bak')).toEqual(['demo.scenario.yaml'])
  }, 30_000)

  it('completes when not killed (the control)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-kill-'))
    const file = join(dir, 'demo.scenario.yaml')
    writeFileSync(file, 'the old version\n')
    await runAndKill(['save', file], {}, 'finished')
    expect(readFileSync(file).length).toBe(8 * 1024 * 1024)
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe('the old version\n')
  }, 30_000)
})

describe('a crash after edits', () => {
  it('restores the autosaved work in the next session', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-hotexit-'))
    await runAndKill(['autosave', dir], { STOP_AT: 'never' }, 'draft 1 on disk')
    const next = createAutosave({ dir, fs: fsp })
    const drafts: readonly AutosaveDraft[] = await next.list()
    expect(drafts.map((d) => [d.key, d.text])).toEqual([['untitled:1', 'formatVersion: 1\nname: draft-1\n']])
    await next.stop()
  }, 30_000)

  it('killed while writing a newer draft, keeps the older draft whole and sweeps the half-written one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meshsim-hotexit-'))
    // The first rename is draft 1's; stop at the second, mid-way through writing draft 2.
    await runAndKill(['autosave', dir], { STOP_AT: 'rename', SKIP: '1' }, 'stopped at')
    expect(litter(dir).length).toBe(1)
    const next = createAutosave({ dir, fs: fsp })
    expect((await next.list()).map((d) => d.text)).toEqual(['formatVersion: 1\nname: draft-1\n'])
    expect(litter(dir)).toEqual([])
    await next.stop()
  }, 30_000)
})
