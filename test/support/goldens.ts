/**
 * Golden files, reviewed as code: an export is compared with test/golden/<target>/<scenario>/.
 * `UPDATE_GOLDEN=1 npx vitest run test/golden` rewrites them; a mismatch fails with a unified
 * diff per file (jsdiff). Exports hold nothing volatile (no timestamps, no random names), so
 * nothing is normalised.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createTwoFilesPatch } from 'diff'
import { expect } from 'vitest'
import type { OutFile } from '../../engine/export/types'

/** True when this run rewrites the goldens. */
export const updatingGoldens = process.env.UPDATE_GOLDEN === '1'

/** A unified diff (3 lines of context) from the golden text to the exported text. */
export function unifiedDiff(expected: string, actual: string, label: string): string {
  return createTwoFilesPatch(`golden/${label}`, `export/${label}`, expected, actual, undefined, undefined, { context: 3 })
}

/**
 * Asserts that `files` equal the goldens in `dir` (same file names, same bytes), after
 * rewriting them when UPDATE_GOLDEN=1. `label` prefixes file names in the diff.
 */
export function expectMatchesGoldens(dir: string, files: readonly OutFile[], label: string): void {
  if (updatingGoldens) {
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir, { recursive: true })
    for (const f of files) writeFileSync(join(dir, f.path), f.content)
  }
  const golden = existsSync(dir) ? readdirSync(dir).sort() : []
  expect(files.map((f) => f.path).sort(), `files of ${label} (UPDATE_GOLDEN=1 regenerates)`).toEqual(golden)
  const diffs = files
    .filter((f) => readFileSync(join(dir, f.path), 'utf8') !== f.content)
    .map((f) => unifiedDiff(readFileSync(join(dir, f.path), 'utf8'), f.content, `${label}/${f.path}`))
  if (diffs.length) throw new Error(`exports differ from the goldens (UPDATE_GOLDEN=1 regenerates):\n${diffs.join('\n')}`)
}
