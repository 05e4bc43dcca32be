/**
 * Golden files for the Envoy, Kubernetes, HAProxy and nginx exports of Bookinfo, reviewed
 * as code: test/golden/<target>/bookinfo/<file>. `UPDATE_GOLDEN=1 npx vitest run
 * test/golden` rewrites them; a mismatch fails with a unified diff. HAProxy and nginx front
 * `reviews` (the canary split) rather than the default edge, productpage, which has no route.
 * Nothing is volatile in these exports (no timestamps, no random names), so nothing is normalised.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { getExporter } from '../../engine/export/index'
import type { ExportOptions } from '../../engine/export/types'
import { parseScenario } from '../../engine/model/parse'
import { expectMatchesGoldens, unifiedDiff } from '../support/goldens'

const here = resolve(import.meta.dirname)

const targets: { id: string; options: ExportOptions }[] = [
  { id: 'envoy', options: {} },
  { id: 'k8s', options: {} },
  { id: 'haproxy', options: { edgeService: 'reviews' } },
  { id: 'nginx', options: { edgeService: 'reviews' } },
]

describe('golden exports of Bookinfo', () => {
  const scenario = parseScenario(readFileSync(resolve(here, '../../scenarios/bookinfo.scenario.yaml'), 'utf8')).scenario!
  for (const { id, options } of targets) {
    it(`${id} matches test/golden/${id}/bookinfo`, () => {
      const { files } = getExporter(id)!.export(scenario, options)
      expectMatchesGoldens(join(here, id, 'bookinfo'), files, `${id}/bookinfo`)
    })
  }

  it('a mismatch reads as a unified diff naming the changed lines', () => {
    const diff = unifiedDiff('a\nb\nc\n', 'a\nB\nc\n', 'x')
    expect(diff).toContain('--- golden/x')
    expect(diff).toContain('+++ export/x')
    expect(diff).toMatch(/^-b$/m)
    expect(diff).toMatch(/^\+B$/m)
  })
})
