/** `meshsim import <files...> --out scenario.yaml`: Istio + Kubernetes YAML into a scenario. */
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { formatDiagnostic, hasErrors, importIstio, MAX_SCENARIO_BYTES, serializeScenario } from '../../engine/index'
import type { ImportFile } from '../../engine/index'
import type { Command } from '../command'

export const importCommand: Command = {
  name: 'import',
  summary: 'build a scenario from Istio and Kubernetes YAML (VirtualService, DestinationRule, Service, Deployment)',
  usage: 'meshsim import <file>... --out <scenario.yaml> [--name <name>] [--json]',
  help: `Reads Kubernetes YAML files (several documents per file allowed): Services and Deployments
become services and versions, VirtualServices routes, DestinationRules destination policies,
PeerAuthentications and AuthorizationPolicies security. Prints a diagnostic for everything it
could not map, then writes the scenario (duration and ingress load are placeholders).

Options:
  --out, -o    scenario file to write (.yaml, or .json for JSON)
  --name       the scenario's name (default: imported)
  --json       print {"out":...,"diagnostics":[...]}

Exit codes: 0 written (warnings allowed), 1 errors (nothing written), 2 bad usage.`,
  options: {
    out: { type: 'string', short: 'o' },
    name: { type: 'string' },
    json: { type: 'boolean' },
  },
  run({ positionals, values }, io) {
    const out = typeof values.out === 'string' ? values.out : undefined
    if (positionals.length === 0 || !out) {
      io.err(`meshsim import: give at least one YAML file and --out\n\nUsage: ${this.usage}\n`)
      return 2
    }
    const files: ImportFile[] = []
    const unreadable: string[] = []
    for (const path of positionals) {
      try {
        if (statSync(path).size > MAX_SCENARIO_BYTES) throw new Error(`larger than ${MAX_SCENARIO_BYTES} bytes`)
        files.push({ path, content: readFileSync(path, 'utf8') })
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code
        unreadable.push(`${path}: error FILE_003: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message}`)
      }
    }
    const result = importIstio(files, { name: typeof values.name === 'string' ? values.name : undefined })
    const failed = unreadable.length > 0 || hasErrors(result.diagnostics) || !result.scenario
    if (values.json) {
      io.out(`${JSON.stringify({ out: failed ? null : out, unreadable, diagnostics: result.diagnostics }, null, 2)}\n`)
    } else {
      for (const line of unreadable) io.err(`${line}\n`)
      for (const d of result.diagnostics) io.err(`${formatDiagnostic(d)}\n`)
    }
    if (failed || !result.scenario) {
      if (!values.json) io.err('meshsim import: nothing written\n')
      return 1
    }
    writeFileSync(out, serializeScenario(result.scenario, { format: out.endsWith('.json') ? 'json' : 'yaml' }))
    if (!values.json) {
      const s = result.scenario
      io.out(`wrote ${out}: ${s.services.length} service(s), ${s.routes?.length ?? 0} route(s), ${s.destinations?.length ?? 0} destination(s), ${result.diagnostics.length} diagnostic(s)\n`)
    }
    return 0
  },
}
