// The Electron layer: main process → dist/electron/main.js (ESM, as package.json "main"
// names it) and preload → dist/electron/preload.cjs (CommonJS: a sandboxed preload cannot be
// an ES module). Two formats need two builds, so the preload is built when main is done.
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { build, defineConfig } from 'vite'
import type { InlineConfig, Plugin } from 'vite'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }
const OUT_DIR = 'dist/electron'
/** Electron 45 ships Node 22 and Chromium 140. */
const NODE_TARGET = 'node22'
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const define = { __MESHSIM_VERSION__: JSON.stringify(pkg.version) }

const preloadConfig: InlineConfig = {
  configFile: false,
  define,
  logLevel: 'warn',
  build: {
    ssr: 'electron/preload/index.ts',
    outDir: OUT_DIR,
    emptyOutDir: false,
    target: NODE_TARGET,
    minify: false,
    rollupOptions: { external, output: { entryFileNames: 'preload.cjs', format: 'cjs' } },
  },
  ssr: { noExternal: true },
}

function buildPreloadAfterMain(): Plugin {
  return {
    name: 'meshsim:build-preload',
    apply: 'build',
    async closeBundle() {
      await build(preloadConfig)
    },
  }
}

export default defineConfig({
  define,
  plugins: [buildPreloadAfterMain()],
  build: {
    ssr: 'electron/main/index.ts',
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: NODE_TARGET,
    minify: false,
    rollupOptions: { external, output: { entryFileNames: 'main.js', format: 'es' } },
  },
  ssr: { noExternal: true },
  logLevel: 'warn',
})
