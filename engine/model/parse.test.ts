import { describe, expect, it } from 'vitest'
import { formatDiagnostic } from './diagnostics'
import { parseScenario } from './parse'

const minimal = `formatVersion: 1
name: demo
mesh: istio
duration: 10s
services:
  - name: front
    versions:
      - name: v1
        replicas: 2
    calls:
      - to: back
  - name: back
    versions:
      - name: v1
      - name: v2
traffic:
  - name: users
    to: front
    load: {kind: poisson, rate: 10rps}
routes:
  - service: back
    rules:
      - split:
          - {version: v1, weight: 90}
          - {version: v2, weight: 10}
`

function errorsOf(text: string) {
  return parseScenario(text, { file: 's.yaml' }).diagnostics.map((d) => `${d.code}@${d.line}:${d.column} ${d.path}`)
}

describe('parseScenario', () => {
  it('decodes human units into numbers and keeps what the file says (no defaults)', () => {
    const r = parseScenario(minimal)
    expect(r.ok).toBe(true)
    expect(r.scenario?.duration).toBe(10_000)
    expect(r.scenario?.traffic?.[0]?.load).toEqual({ kind: 'poisson', rate: 10 })
    expect(r.scenario?.services[1]?.versions[0]?.replicas).toBeUndefined()
  })

  it('reads JSON as well as YAML', () => {
    const json = JSON.stringify({ formatVersion: 1, name: 'j', mesh: 'envoy', duration: '1s', services: [{ name: 'a', versions: [{ name: 'v1' }] }] })
    expect(parseScenario(json).ok).toBe(true)
  })

  it('reports every problem at once, schema and references together, each at its place', () => {
    const broken = minimal
      .replace('replicas: 2', 'replicas: -2')
      .replace('- to: back', '- to: bak')
      .replace('weight: 10}', 'weight: 20}')
      .replace('duration: 10s', 'duration: 10 seconds')
    expect(errorsOf(broken).sort()).toEqual([
      'REF_002@11:13 services[0].calls[0].to',
      'REF_004@23:9 routes[0].rules[0].split',
      'REF_010@12:11 services[1].name', // a warning: with the call misspelt, nothing reaches back
      'SCHEMA_003@9:19 services[0].versions[0].replicas',
      'SCHEMA_005@4:11 duration',
    ])
  })

  it('points an unknown field at its key and a missing field at its parent', () => {
    expect(errorsOf(minimal.replace('        replicas: 2', '        replcas: 2'))).toEqual(['SCHEMA_002@9:9 services[0].versions[0].replcas'])
    expect(errorsOf(minimal.replace('mesh: istio\n', ''))).toEqual(['SCHEMA_006@1:1 mesh'])
  })

  it('names the allowed options of an enum and of a discriminated union', () => {
    const r = parseScenario(minimal.replace('mesh: istio', 'mesh: consul').replace('kind: poisson', 'kind: weibull'))
    const messages = r.diagnostics.map((d) => d.message).join('\n')
    expect(messages).toMatch(/istio.*linkerd.*envoy/)
    expect(messages).toMatch(/constant.*poisson/)
    expect(r.diagnostics.map((d) => d.code).sort()).toEqual(['SCHEMA_004', 'SCHEMA_004'])
  })

  it('reports a split to an unknown version and names the versions that exist', () => {
    const r = parseScenario(minimal.replace('{version: v2, weight: 10}', '{version: v3, weight: 10}'))
    expect(r.diagnostics).toHaveLength(1)
    expect(r.diagnostics[0]).toMatchObject({ code: 'REF_003', path: 'routes[0].rules[0].split[1].version', line: 25, column: 23 })
    expect(r.diagnostics[0]!.message).toContain('v1, v2')
  })

  it('detects call cycles', () => {
    const cyclic = minimal.replace('      - name: v2\n', '      - name: v2\n    calls:\n      - to: front\n')
    expect(parseScenario(cyclic).diagnostics.map((d) => d.code)).toEqual(['REF_005'])
  })

  it('formats diagnostics as file:line:column: severity CODE: message (at path)', () => {
    const r = parseScenario(minimal.replace('- to: back', '- to: bak'), { file: 'demo.scenario.yaml' })
    expect(formatDiagnostic(r.diagnostics[0]!)).toBe("demo.scenario.yaml:11:13: error REF_002: unknown service 'bak' (did you mean 'back'?) (at services[0].calls[0].to)")
  })

  it('reports YAML syntax errors with their position and stops there', () => {
    const r = parseScenario('formatVersion: 1\nname: [unclosed\nmesh: istio\n', { file: 'x.yaml' })
    expect(r.ok).toBe(false)
    expect(r.diagnostics[0]).toMatchObject({ code: 'YAML_001', file: 'x.yaml' })
    expect(r.diagnostics[0]!.line).toBeGreaterThan(0)
  })

  it('refuses duplicate keys, non-mappings, empty and oversized files with clear codes', () => {
    expect(errorsOf(minimal.replace('name: demo', 'name: demo\nname: again'))[0]).toMatch(/^YAML_002@3:1/)
    expect(parseScenario(minimal.replace('name: demo', 'name: demo\nname: again')).diagnostics[0]?.message).toContain("duplicate key 'name'")
    expect(errorsOf('# a list\n- a\n- b\n')).toEqual(['YAML_003@2:1 '])
    expect(errorsOf('# only a comment\n')).toEqual(['FILE_002@1:1 '])
    expect(errorsOf('  \n')).toEqual(['FILE_002@1:1 '])
    const r = parseScenario(minimal, { maxBytes: 100 })
    expect(r.diagnostics[0]?.code).toBe('FILE_001')
  })

  it('survives an alias bomb without expanding it', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`
    expect(() => parseScenario(bomb)).not.toThrow()
    expect(parseScenario(bomb).ok).toBe(false)
  })

  it('warns (without failing) about a per-try timeout longer than the route timeout', () => {
    const r = parseScenario(minimal.replace('      - split:', '      - timeout: 1s\n        retries: {attempts: 2, perTryTimeout: 2s}\n        split:'))
    expect(r.ok).toBe(true)
    expect(r.diagnostics.map((d) => `${d.severity} ${d.code}`)).toEqual(['warning REF_009'])
  })
})
