import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseScenario } from './parse'
import { generateScenarioJsonSchema } from './jsonSchema'

const file = new URL('../../scenarios/scenario.schema.json', import.meta.url)
const generated = `${JSON.stringify(generateScenarioJsonSchema(), null, 2)}\n`

describe('published JSON Schema', () => {
  it('scenarios/scenario.schema.json is generated from the zod schema (UPDATE_SCHEMA=1 rewrites it)', () => {
    if (process.env.UPDATE_SCHEMA) writeFileSync(file, generated)
    expect(readFileSync(file, 'utf8')).toBe(generated)
  })

  it('describes the file form: units are strings with a pattern check, unknown keys are refused', () => {
    type Js = { type?: string; pattern?: string; $ref?: string; properties?: Record<string, Js>; additionalProperties?: boolean; required?: string[]; $defs?: Record<string, Js> }
    const schema = JSON.parse(generated) as Js
    const deref = (s: Js | undefined): Js | undefined => (s?.$ref ? schema.$defs?.[s.$ref.replace('#/$defs/', '')] : s)
    expect(schema.additionalProperties).toBe(false)
    const duration = deref(schema.properties?.duration)
    expect(duration?.type).toBe('string')
    expect(new RegExp(duration!.pattern!).test('250ms')).toBe(true)
    expect(new RegExp(duration!.pattern!).test('250')).toBe(false)
    expect(schema.required).toEqual(expect.arrayContaining(['formatVersion', 'name', 'mesh', 'duration', 'services']))
  })

  it('is generated deterministically', () => {
    expect(`${JSON.stringify(generateScenarioJsonSchema(), null, 2)}\n`).toBe(generated)
  })

  it('the parser and the schema agree on a minimal valid file', () => {
    const r = parseScenario('formatVersion: 1\nname: x\nmesh: envoy\nduration: 1s\nservices:\n  - name: a\n    versions: [{name: v1}]\n')
    expect(r.ok).toBe(true)
  })
})
