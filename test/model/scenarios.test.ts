/**
 * The bundled scenarios (scenarios/*.scenario.yaml): each is valid with no warnings, keeps
 * the house style (schema modeline, a comment block saying what it models, then
 * `formatVersion: 1`; the `yaml` library's output options reprint it unchanged), and
 * round-trips through the serialiser both with its document (byte for byte) and without.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { parseDocument } from 'yaml'
import { describe, expect, it } from 'vitest'
import { SCHEMA_MODELINE, formatDiagnostic, parseScenario, serializeScenario } from '../../engine/index'

const DIR = new URL('../../scenarios/', import.meta.url)
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.scenario.yaml')).sort()

describe('bundled scenarios', () => {
  it('include the real systems and the teaching scenarios', () => {
    for (const name of [
      'bookinfo', 'emojivoto', 'online-boutique', 'social-network',
      'retry-storm', 'canary-rollout', 'outlier-ejection', 'circuit-breaker',
    ]) {
      expect(FILES).toContain(`${name}.scenario.yaml`)
    }
  })

  describe.each(FILES)('%s', (name) => {
    const file = `scenarios/${name}`
    const text = readFileSync(new URL(name, DIR), 'utf8')
    const parsed = parseScenario(text, { file })

    it('parses with no errors and no warnings', () => {
      expect(parsed.diagnostics.map(formatDiagnostic)).toEqual([])
      expect(parsed.ok).toBe(true)
      expect(parsed.scenario).toBeDefined()
    })

    it('starts with the schema modeline, then a comment block, then formatVersion: 1', () => {
      const lines = text.split('\n')
      expect(lines[0]).toBe(`# ${SCHEMA_MODELINE}`)
      const first = lines.findIndex((l) => !l.startsWith('#'))
      expect(lines[first]).toBe('formatVersion: 1')
      const prose = lines.slice(1, first).filter((l) => l.replace(/^#\s*/, '').trim() !== '')
      expect(prose.length, 'a comment block saying what the scenario models').toBeGreaterThanOrEqual(3)
    })

    it('is in the house YAML style (reprints unchanged through the yaml library)', () => {
      const reprinted = parseDocument(text).toString({ lineWidth: 0, flowCollectionPadding: false })
      expect(reprinted).toBe(text)
      expect(text.endsWith('\n')).toBe(true)
    })

    it('serialises back to the same bytes with its document as the base', () => {
      expect(serializeScenario(parsed.scenario!, { base: parsed.document })).toBe(text)
    })

    it('round-trips through serialise and parse without a base', () => {
      const again = parseScenario(serializeScenario(parsed.scenario!), { file })
      expect(again.diagnostics.map(formatDiagnostic)).toEqual([])
      expect(again.scenario).toEqual(parsed.scenario)
    })
  })
})
