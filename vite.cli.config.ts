// Bundles the CLI (cli/ + engine/) into one ESM file for Node: dist/cli/meshsim.mjs.
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { defineConfig } from 'vite'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string }

export default defineConfig({
  define: { __MESHSIM_VERSION__: JSON.stringify(pkg.version) },
  build: {
    ssr: 'cli/bin.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { entryFileNames: 'meshsim.mjs', format: 'es' },
    },
  },
  ssr: { noExternal: true },
  logLevel: 'warn',
})
