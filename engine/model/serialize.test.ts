import { describe, expect, it } from 'vitest'
import { parseScenario } from './parse'
import { SCHEMA_MODELINE, serializeScenario } from './serialize'
import type { Scenario } from './types'

const text = `# yaml-language-server: $schema=./scenario.schema.json
# A comment the user wrote about the whole file.
formatVersion: 1
name: demo
mesh: istio
duration: 0.5m # half a minute, written the user's way
services:
  # the entry point
  - name: front
    versions:
      - name: v1
        replicas: 2 # two pods
        serviceTime: {kind: constant, value: 0.25s}
  # the store
  - name: back
    versions:
      - name: v1
`

function parsed(): { scenario: Scenario; doc: NonNullable<ReturnType<typeof parseScenario>['document']> } {
  const r = parseScenario(text)
  if (!r.scenario || !r.document) throw new Error('fixture must parse')
  return { scenario: r.scenario, doc: r.document }
}

describe('serializeScenario', () => {
  it('reprints an unchanged document byte for byte', () => {
    const { scenario, doc } = parsed()
    expect(serializeScenario(scenario, { base: doc })).toBe(text)
  })

  it('keeps comments, key order and the user’s spelling of unchanged values through an edit', () => {
    const { scenario, doc } = parsed()
    const edited = structuredClone(scenario)
    edited.services[0]!.versions[0]!.replicas = 3
    const out = serializeScenario(edited, { base: doc })
    expect(out).toBe(text.replace('replicas: 2 # two pods', 'replicas: 3 # two pods'))
    expect(out).toContain('duration: 0.5m')
    expect(out).toContain('value: 0.25s')
  })

  it('matches named items by name, so deleting one keeps the comments of the others', () => {
    const { scenario, doc } = parsed()
    const edited = { ...scenario, services: scenario.services.filter((s) => s.name !== 'front') }
    const out = serializeScenario(edited, { base: doc })
    expect(out).toContain('# the store\n  - name: back')
    expect(out).not.toContain('front')
    expect(parseScenario(out).scenario).toEqual(edited)
  })

  it('appends new fields and items, and writes changed durations in canonical units', () => {
    const { scenario, doc } = parsed()
    const edited = structuredClone(scenario)
    edited.duration = 120_000
    edited.seed = 7
    edited.services.push({ name: 'cache', versions: [{ name: 'v1' }] })
    const out = serializeScenario(edited, { base: doc })
    expect(out).toContain('duration: 2m')
    expect(out).toMatch(/seed: 7\n$/)
    expect(parseScenario(out).scenario).toEqual(edited)
  })

  it('writes a fresh document with the schema modeline, and JSON on request', () => {
    const { scenario } = parsed()
    const yaml = serializeScenario(scenario)
    expect(yaml.startsWith(`# ${SCHEMA_MODELINE}\n`)).toBe(true)
    expect(parseScenario(yaml).scenario).toEqual(scenario)
    const json = serializeScenario(scenario, { format: 'json' })
    expect(JSON.parse(json).duration).toBe('30s')
    expect(parseScenario(json).scenario).toEqual(scenario)
  })

  it('does not modify the base document', () => {
    const { scenario, doc } = parsed()
    serializeScenario({ ...scenario, name: 'renamed' }, { base: doc })
    expect(doc.toString({ lineWidth: 0, flowCollectionPadding: false })).toBe(text)
  })
})
