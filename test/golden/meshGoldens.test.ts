/**
 * Golden files for the Istio and Linkerd exports of Bookinfo, reviewed as code:
 * test/golden/<istio|linkerd>/bookinfo/<file>. `UPDATE_GOLDEN=1 npx vitest run test/golden`
 * rewrites them; a mismatch fails with a unified diff per file. Nothing in these exports is
 * volatile (no timestamps, no random names), so nothing is normalised. The goldens must
 * also stay valid: they are checked against the ../shared CRDs like a fresh export.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportIstio } from '../../engine/export/istio/istioExporter'
import { exportLinkerd } from '../../engine/export/linkerd/linkerdExporter'
import { parseScenario } from '../../engine/model/parse'
import { unifiedDiff, validateBoth } from '../export/meshSupport'

const here = resolve(import.meta.dirname)
const update = process.env.UPDATE_GOLDEN === '1'
const targets = [{ id: 'istio', run: exportIstio }, { id: 'linkerd', run: exportLinkerd }]

describe('golden Istio and Linkerd exports of Bookinfo', () => {
  const scenario = parseScenario(readFileSync(resolve(here, '../../scenarios/bookinfo.scenario.yaml'), 'utf8')).scenario!
  for (const { id, run } of targets) {
    it(`${id} matches test/golden/${id}/bookinfo`, () => {
      const { files } = run(scenario)
      const dir = join(here, id, 'bookinfo')
      if (update) {
        rmSync(dir, { recursive: true, force: true })
        mkdirSync(dir, { recursive: true })
        for (const f of files) writeFileSync(join(dir, f.path), f.content)
      }
      const golden = existsSync(dir) ? readdirSync(dir).sort() : []
      expect(files.map((f) => f.path).sort(), `files of ${id} (UPDATE_GOLDEN=1 regenerates)`).toEqual(golden)
      const diffs = files
        .filter((f) => readFileSync(join(dir, f.path), 'utf8') !== f.content)
        .map((f) => unifiedDiff(readFileSync(join(dir, f.path), 'utf8'), f.content, `${id}/bookinfo/${f.path}`))
      if (diffs.length) throw new Error(`exports differ from the goldens (UPDATE_GOLDEN=1 regenerates):\n${diffs.join('\n')}`)
      const goldenFiles = golden.map((path) => ({ path, content: readFileSync(join(dir, path), 'utf8'), language: 'yaml' as const }))
      expect(validateBoth(goldenFiles)).toEqual({ shared: [], bundled: [] })
    })
  }

  it('a mismatch reads as a unified diff', () => {
    expect(unifiedDiff('a\nb\nc\nd', 'a\nB\nc\nd', 'x.yaml')).toBe('--- golden/x.yaml\n+++ export/x.yaml\n@@ -1 +1 @@\n a\n-b\n+B\n c\n d')
  })
})
