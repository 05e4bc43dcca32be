import { describe, expect, it } from 'vitest'
import { migrateScenario } from './migrations'
import type { Migration } from './migrations'
import { parseScenario } from './parse'

// A hypothetical format 0 that called the mesh profile `profile`: the seam must open it.
const renameProfile: Migration = {
  from: 0,
  describe: 'format 0 named the mesh profile `profile`',
  migrate: ({ profile, ...rest }) => ({ ...rest, mesh: profile }),
}
const v0 = 'formatVersion: 0\nname: old\nprofile: linkerd\nduration: 5s\nservices:\n  - name: a\n    versions: [{name: v1}]\n'

describe('format migrations', () => {
  it('opens an older file through the migration chain and says it did', () => {
    const r = parseScenario(v0, { migrations: [renameProfile] })
    expect(r.ok).toBe(true)
    expect(r.scenario?.mesh).toBe('linkerd')
    expect(r.scenario?.formatVersion).toBe(1)
    expect(r.migratedFrom).toBe(0)
  })

  it('refuses a file from a newer build, naming both versions', () => {
    const r = parseScenario(v0.replace('formatVersion: 0', 'formatVersion: 9'), { file: 'new.yaml' })
    expect(r.diagnostics).toMatchObject([{ code: 'FORMAT_002', line: 1, column: 16 }])
    expect(r.diagnostics[0]!.message).toMatch(/format 9.*up to format 1/)
  })

  it('reports a missing or malformed version, and a version no migration covers', () => {
    expect(migrateScenario({ name: 'x' }).diagnostics[0]?.code).toBe('FORMAT_001')
    expect(migrateScenario({ formatVersion: 'one' }).diagnostics[0]?.code).toBe('FORMAT_003')
    expect(migrateScenario({ formatVersion: 0 }, []).diagnostics[0]?.code).toBe('FORMAT_003')
  })

  it('never mutates its input', () => {
    const input = { formatVersion: 0, profile: 'istio' }
    migrateScenario(input, [renameProfile])
    expect(input).toEqual({ formatVersion: 0, profile: 'istio' })
  })
})
