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
/** Scenarios that exist to show a misconfiguration: the warnings they must raise, and only those. */
const EXPECTED_WARNINGS: Record<string, readonly string[]> = {
  'per-try-timeout.scenario.yaml': ['REF_009'], // perTryTimeout 2s above the 1s route timeout (istio#21137)
}

describe('bundled scenarios', () => {
  it('include the real systems and the teaching scenarios', () => {
    for (const name of [
      'bookinfo', 'emojivoto', 'online-boutique', 'social-network',
      'retry-storm', 'canary-rollout', 'outlier-ejection', 'circuit-breaker',
      'per-try-timeout', 'gateway-errors', 'small-cluster-ejection', 'panic-routing',
    ]) {
      expect(FILES).toContain(`${name}.scenario.yaml`)
    }
  })

  describe.each(FILES)('%s', (name) => {
    const file = `scenarios/${name}`
    const text = readFileSync(new URL(name, DIR), 'utf8')
    const parsed = parseScenario(text, { file })

    it('parses with no errors and no warnings (but the ones it exists to show)', () => {
      expect(parsed.diagnostics.map((d) => d.code)).toEqual(EXPECTED_WARNINGS[name] ?? [])
      expect(parsed.diagnostics.every((d) => d.severity === 'warning')).toBe(true)
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
      expect(again.diagnostics.map((d) => d.code)).toEqual(EXPECTED_WARNINGS[name] ?? [])
      expect(again.scenario).toEqual(parsed.scenario)
    })
  })
})
