/**
 * Golden files for the Istio and Linkerd exports of Bookinfo, reviewed as code:
 * test/golden/<istio|linkerd>/bookinfo/<file>. `UPDATE_GOLDEN=1 npx vitest run test/golden`
 * rewrites them; a mismatch fails with a unified diff per file. Nothing in these exports is
 * volatile (no timestamps, no random names), so nothing is normalised. The goldens must
 * also stay valid: they are checked against the ../shared CRDs like a fresh export.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportIstio } from '../../engine/export/istio/istioExporter'
import { exportLinkerd } from '../../engine/export/linkerd/linkerdExporter'
import { parseScenario } from '../../engine/model/parse'
import { validateBoth } from '../export/meshSupport'
import { expectMatchesGoldens } from '../support/goldens'

const here = resolve(import.meta.dirname)
const targets = [{ id: 'istio', run: exportIstio }, { id: 'linkerd', run: exportLinkerd }]

describe('golden Istio and Linkerd exports of Bookinfo', () => {
  const scenario = parseScenario(readFileSync(resolve(here, '../../scenarios/bookinfo.scenario.yaml'), 'utf8')).scenario!
  for (const { id, run } of targets) {
    it(`${id} matches test/golden/${id}/bookinfo`, () => {
      const { files } = run(scenario)
      const dir = join(here, id, 'bookinfo')
      expectMatchesGoldens(dir, files, `${id}/bookinfo`)
      const golden = readdirSync(dir).sort()
      const goldenFiles = golden.map((path) => ({ path, content: readFileSync(join(dir, path), 'utf8'), language: 'yaml' as const }))
      expect(validateBoth(goldenFiles)).toEqual({ shared: [], bundled: [] })
    })
  }

})
