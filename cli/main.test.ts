import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from './main'
import type { Io } from './io'

function capture(): Io & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', isTTY: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) }
  return io
}

const dir = mkdtempSync(join(tmpdir(), 'meshsim-cli-'))
const broken = join(dir, 'broken.scenario.yaml')
writeFileSync(broken, 'formatVersion: 1\nname: b\nmesh: istio\nduration: 5s\nservices:\n  - name: a\n    versions: [{name: v1, replicas: -1}]\n    calls: [{to: nowhere}]\n')

describe('meshsim CLI', () => {
  it('validate: exit 0 for a valid file', async () => {
    const io = capture()
    expect(await main(['validate', 'scenarios/bookinfo.scenario.yaml'], io)).toBe(0)
    expect(io.stdout).toContain('bookinfo.scenario.yaml: valid')
  })

  it('validate: exit 1 with every diagnostic at file:line:column', async () => {
    const io = capture()
    expect(await main(['validate', broken], io)).toBe(1)
    expect(io.stdout).toContain(`${broken}:7:37: error SCHEMA_003: must not be negative (at services[0].versions[0].replicas)`)
    expect(io.stdout).toContain(`${broken}:8:18: error REF_002: unknown service 'nowhere'`)
    expect(io.stdout).toContain('2 errors')
  })

  it('validate --json: a machine-readable document', async () => {
    const io = capture()
    expect(await main(['validate', '--json', broken, 'scenarios/bookinfo.scenario.yaml'], io)).toBe(1)
    const doc = JSON.parse(io.stdout) as { files: { file: string; ok: boolean; diagnostics: { code: string; line: number }[] }[] }
    expect(doc.files.map((f) => f.ok)).toEqual([false, true])
    expect(doc.files[0]!.diagnostics.map((d) => d.code)).toEqual(['SCHEMA_003', 'REF_002'])
  })

  it('validate: a missing file is a diagnostic, not a crash', async () => {
    const io = capture()
    expect(await main(['validate', join(dir, 'nope.yaml')], io)).toBe(1)
    expect(io.stdout).toContain('FILE_003: no such file')
  })

  it('usage errors exit 2 and help is available for every command', async () => {
    const io = capture()
    expect(await main(['frobnicate'], io)).toBe(2)
    expect(io.stderr).toContain("unknown command 'frobnicate'")
    expect(await main(['validate'], capture())).toBe(2)
    expect(await main(['validate', '--bogus', 'x'], capture())).toBe(2)
    const help = capture()
    expect(await main(['--help'], help)).toBe(0)
    expect(help.stdout).toContain('validate')
    const vhelp = capture()
    expect(await main(['validate', '--help'], vhelp)).toBe(0)
    expect(vhelp.stdout).toContain('Exit codes')
  })

  it('the installed bin runs the built bundle with the same exit codes', () => {
    const bin = spawnSync('node', ['bin/meshsim.mjs', 'validate', broken], { encoding: 'utf8' })
    expect(bin.status).toBe(1)
    expect(bin.stdout).toContain('REF_002')
  })
})
