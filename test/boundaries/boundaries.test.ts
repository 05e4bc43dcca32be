/**
 * The layering rules of ARCHITECTURE.md, enforced: engine/ compiles without DOM and Node,
 * and no folder imports across the boundaries in the table (conventions §2).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '../..')

function compileAsEngine(source: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'meshsim-probe-'))
  writeFileSync(join(dir, 'probe.ts'), source)
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(root, 'tsconfig.engine.json'), include: [], files: ['probe.ts'] }))
  const r = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' })
  return { status: r.status, output: r.stdout + r.stderr }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) ? [path] : []
  })
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? m[2]!)
}

function resolvedArea(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec
  return relative(root, resolve(root, file, '..', spec))
}

describe('boundaries', () => {
  it('engine/ cannot use DOM or Node APIs: window, document, process, setTimeout and node: imports do not compile', { timeout: 30_000 }, () => {
    const probe = compileAsEngine(`import { readFileSync } from 'node:fs'\nexport const a = [window.location, document.title, process.env, setTimeout(() => 0, 1), readFileSync]\n`)
    expect(probe.status).not.toBe(0)
    for (const name of ['window', 'document', 'process', 'setTimeout', 'node:fs']) expect(probe.output).toContain(name)
    // The control: plain ES2022 compiles, so the failure above is the boundary, not the probe.
    expect(compileAsEngine('export const a: bigint = 2n ** 64n\nexport const m = new Map<string, number>()\n').status).toBe(0)
  })

  it('engine/ imports nothing outside engine/ except its npm libraries, and no UI or platform library', () => {
    // The engine's own npm libraries (package.json dependencies): schema, YAML, histograms,
    // and the validators that prove exported configs (protobuf JSON, JSON Schema interpreter, CEL, RE2).
    const allowed = /^(zod|yaml|hdr-histogram-js(\/dist\/Float64Histogram)?|@bufbuild\/protobuf(\/.*)?|@cfworker\/json-schema|@marcbachmann\/cel-js|re2js)$/
    const offenders = sourceFiles('engine')
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) => importsOf(f).map((spec) => ({ f, spec, target: resolvedArea(f, spec) })))
      .filter(({ spec, target }) => (spec.startsWith('.') ? !target.startsWith('engine') : !allowed.test(spec)))
    expect(offenders).toEqual([])
  })

  it('engine/ reads no clock and no global randomness (determinism)', () => {
    const offenders = sourceFiles('engine')
      .filter((f) => !f.endsWith('.test.ts'))
      .filter((f) => /Math\.random|Date\.now|performance\.now|new Date\(/.test(readFileSync(join(root, f), 'utf8')))
    expect(offenders).toEqual([])
  })

  it('the renderer reaches the engine only through engine/index.ts and never imports Node, Electron main or the CLI', () => {
    const offenders = sourceFiles('renderer')
      .flatMap((f) => importsOf(f).map((spec) => ({ f, spec, target: resolvedArea(f, spec) })))
      .filter(({ spec, target }) =>
        spec.startsWith('node:') || spec === 'electron' ||
        (target.startsWith('engine') && target !== 'engine/index') ||
        target.startsWith('cli') || (target.startsWith('electron') && target !== 'electron/contract'))
    expect(offenders).toEqual([])
  })

  it('the CLI and Electron never import the renderer, and the CLI never imports Electron', () => {
    const offenders = [...sourceFiles('cli'), ...sourceFiles('electron')]
      .flatMap((f) => importsOf(f).map((spec) => ({ f, target: resolvedArea(f, spec) })))
      .filter(({ f, target }) => target.startsWith('renderer') || (f.startsWith('cli') && target.startsWith('electron')))
    expect(offenders).toEqual([])
  })
})
