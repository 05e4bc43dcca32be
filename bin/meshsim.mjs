#!/usr/bin/env node
// The `meshsim` bin: runs the CLI bundle that `npm install` builds (npm's prepare script).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const bundle = new URL('../dist/cli/meshsim.mjs', import.meta.url)
if (!existsSync(fileURLToPath(bundle))) {
  process.stderr.write('meshsim: the CLI is not built yet; run `npm run build:cli` (npm install does it) and try again\n')
  process.exit(2)
}
await import(bundle.href)
