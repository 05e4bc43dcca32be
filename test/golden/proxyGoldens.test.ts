/**
 * Golden files for the Envoy, Kubernetes, HAProxy and nginx exports of Bookinfo, reviewed
 * as code: test/golden/<target>/bookinfo/<file>. `UPDATE_GOLDEN=1 npx vitest run
 * test/golden` rewrites them; a mismatch fails with a unified diff. HAProxy and nginx front
 * `reviews` (the canary split) rather than the default edge, productpage, which has no route.
 * Nothing is volatile in these exports (no timestamps, no random names), so nothing is normalised.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { getExporter } from '../../engine/export/index'
import type { ExportOptions } from '../../engine/export/types'
import { parseScenario } from '../../engine/model/parse'

const here = resolve(import.meta.dirname)
const update = process.env.UPDATE_GOLDEN === '1'

/** A unified diff (3 lines of context) of two texts, from a longest-common-subsequence table. */
export function unifiedDiff(expected: string, actual: string, label: string): string {
  const a = expected.split('\n')
  const b = actual.split('\n')
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0))
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
  const ops: { op: ' ' | '-' | '+'; text: string; ai: number; bi: number }[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push({ op: ' ', text: a[i]!, ai: i++, bi: j++ })
    else if (j < b.length && (i >= a.length || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) ops.push({ op: '+', text: b[j]!, ai: i, bi: j++ })
    else ops.push({ op: '-', text: a[i]!, ai: i++, bi: j })
  }
  const out = [`--- golden/${label}`, `+++ export/${label}`]
  for (let k = 0; k < ops.length; k++) {
    if (ops[k]!.op === ' ') continue
    const start = Math.max(0, k - 3)
    let end = k
    while (end < ops.length && (ops[end]!.op !== ' ' || ops.slice(end, end + 7).some((o) => o.op !== ' '))) end++
    end = Math.min(ops.length, end + 3)
    const hunk = ops.slice(start, end)
    out.push(`@@ -${hunk[0]!.ai + 1} +${hunk[0]!.bi + 1} @@`, ...hunk.map((o) => `${o.op}${o.text}`))
    k = end
  }
  return out.join('\n')
}

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
    })
  }

  it('the diff names changed lines (the helper itself)', () => {
    expect(unifiedDiff('a\nb\nc', 'a\nB\nc', 'x')).toBe('--- golden/x\n+++ export/x\n@@ -1 +1 @@\n a\n-b\n+B\n c')
  })
})
