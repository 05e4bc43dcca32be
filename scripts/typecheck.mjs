// Type-checks every area against its own tsconfig (see ARCHITECTURE.md "Boundaries").
import { spawnSync } from 'node:child_process'

const projects = ['engine', 'renderer', 'cli', 'electron', 'test']
let failed = 0
for (const p of projects) {
  const r = spawnSync('npx', ['tsc', '-p', `tsconfig.${p}.json`], { stdio: 'inherit' })
  if (r.status !== 0) { failed++; console.error(`typecheck: tsconfig.${p}.json has errors`) }
}
process.exit(failed ? 1 : 0)
