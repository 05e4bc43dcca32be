// The renderer: a React app under renderer/, built to dist/renderer/ with relative URLs
// (base './') so Electron can load it from file:// and `vite preview` can serve it.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import type { Plugin } from 'vite'

/**
 * The dev server injects an inline React Refresh preamble, inline <style> tags and an HMR
 * websocket, all of which the strict CSP in index.html forbids. Relax the policy for
 * `npm run web` only; the built app (and so Electron) keeps the strict one.
 */
function relaxCspForDevServer(): Plugin {
  return {
    name: 'meshsim:relax-csp-for-dev-server',
    apply: 'serve',
    transformIndexHtml(html) {
      return html.replace(/(http-equiv="Content-Security-Policy"\s+content=")([^"]*)"/, (_m, head: string, policy: string) => {
        const relaxed = policy
          .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
          .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
          .replace("connect-src 'self'", "connect-src 'self' ws: wss:")
        return `${head}${relaxed}"`
      })
    },
  }
}

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), relaxCspForDevServer()],
  build: {
    // NO_MINIFY=1 keeps function names readable for `npm run bench:render -- --profile`.
    minify: process.env.NO_MINIFY ? false : undefined,
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    // React Flow, React, d3, the engine and the exporters with their vendored schemas (the
    // export dialog validates in the page) make one ~2 MB chunk (~570 kB gzip); that is fine
    // for a desktop app and a local page.
    chunkSizeWarningLimit: 2500,
  },
  server: { fs: { allow: ['..'] } },
  preview: { host: '127.0.0.1' },
  logLevel: 'info',
})
