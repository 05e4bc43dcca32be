/**
 * The broken-scenario corpus: every file under test/fixtures/broken/ states, in its leading
 * comments, each error the parser must report as `# expect: CODE line:column`. The parser
 * must report exactly those errors (no more, no fewer) at exactly those places, and every
 * diagnostic must print as `file:line:column: severity CODE: message (at path)`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { formatDiagnostic, parseScenario } from '../../engine/index'
import type { Diagnostic } from '../../engine/index'

const DIR = new URL('../fixtures/broken/', import.meta.url)
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml') || f.endsWith('.json')).sort()

const EXPECT = /^#\s*expect:\s*([A-Z]+_\d{3})\s+(\d+):(\d+)\s*$/

/** The `# expect:` lines of the comment block that opens the file. */
function expectations(text: string): string[] {
  const out: string[] = []
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break
    const m = EXPECT.exec(line)
    if (m) out.push(`${m[1]} ${m[2]}:${m[3]}`)
  }
  return out
}

const key = (d: Diagnostic): string => `${d.code} ${d.line}:${d.column}`

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

describe('broken scenarios report every error at its file:line:column', () => {
  it('the corpus has at least 12 files, each with at least one expectation', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(12)
    for (const name of FILES) {
      expect(expectations(readFileSync(new URL(name, DIR), 'utf8')), name).not.toHaveLength(0)
    }
  })

  it('the corpus covers several errors in one file', () => {
    const most = Math.max(...FILES.map((name) => new Set(expectations(readFileSync(new URL(name, DIR), 'utf8')).map((e) => e.split(' ')[0])).size))
    expect(most).toBeGreaterThanOrEqual(5)
  })

  describe.each(FILES)('%s', (name) => {
    const file = `test/fixtures/broken/${name}`
    const text = readFileSync(new URL(name, DIR), 'utf8')
    const result = parseScenario(text, { file })

    it('is rejected', () => {
      expect(result.ok).toBe(false)
    })

    it('reports exactly the expected errors, at the expected places', () => {
      const errors = result.diagnostics.filter((d) => d.severity === 'error')
      expect(new Set(errors.map(key))).toEqual(new Set(expectations(text)))
      // No error is reported twice.
      expect(errors.map(key)).toHaveLength(new Set(errors.map(key)).size)
    })

    it('prints every diagnostic as file:line:column: severity CODE: message (at path)', () => {
      for (const d of result.diagnostics) {
        expect(d.file).toBe(file)
        expect(d.line, formatDiagnostic(d)).toBeGreaterThanOrEqual(1)
        expect(d.column, formatDiagnostic(d)).toBeGreaterThanOrEqual(1)
        expect(d.message.trim()).not.toBe('')
        const at = d.path ? ` \\(at ${escape(d.path)}\\)` : ''
        const shape = new RegExp(`^${escape(file)}:${d.line}:${d.column}: ${d.severity} ${d.code}: \\S.*${at}$`)
        expect(formatDiagnostic(d)).toMatch(shape)
      }
    })
  })
})
