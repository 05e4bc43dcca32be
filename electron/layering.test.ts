/**
 * The bridge's layering rules (conventions §2, §5), checked on the sources: raw IPC only in
 * electron/main/ipc.ts and the preload, Electron itself loaded only by the thin glue modules
 * (everything else takes Electron objects as parameters and runs under plain Node), and the
 * renderer reaching the desktop only through renderer/platform/desktop.ts.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(import.meta.dirname, '..')

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(join(root, path)).isDirectory()) return sources(path)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : []
  })
}

const text = (file: string): string => readFileSync(join(root, file), 'utf8')
/** Value (not type-only) imports of 'electron', static or dynamic. */
const importsElectronValue = (src: string): boolean => /^\s*import\s+(?!type\b)[^'"]*from\s+['"]electron['"]/m.test(src) || /import\(\s*['"]electron['"]\s*\)/.test(src)

describe('electron layering', () => {
  it('only electron/main/ipc.ts and the preload touch ipcMain or ipcRenderer', () => {
    const offenders = [...sources('electron'), ...sources('renderer')].filter((f) => /\bipc(Main|Renderer)\b/.test(text(f).replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '')))
    expect(offenders.sort()).toEqual(['electron/main/ipc.ts', 'electron/preload/index.ts'])
  })

  it('only the glue modules load Electron; the logic runs under plain Node', () => {
    const loaders = sources('electron').filter((f) => importsElectronValue(text(f)))
    expect(loaders.sort()).toEqual(['electron/main/index.ts', 'electron/main/ipc.ts', 'electron/main/window.ts', 'electron/preload/index.ts'])
  })

  it('contract.ts holds only types and constants', () => {
    const src = text('electron/contract.ts')
    expect(src).not.toMatch(/^\s*export\s+(async\s+)?function\b|^\s*export\s+class\b/m)
    expect([...src.matchAll(/^import\s+(?!type\b).*$/gm)]).toEqual([])
  })

  it('the renderer reads window.desktop only in renderer/platform/desktop.ts', () => {
    const offenders = sources('renderer').filter((f) => /\bwindow\.desktop\b/.test(text(f)))
    expect(offenders.map((f) => relative('.', f))).toEqual(['renderer/platform/desktop.ts'])
  })
})
