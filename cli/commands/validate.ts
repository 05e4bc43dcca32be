/** `meshsim validate <file>...`: exit 0 when every file is valid, 1 with all diagnostics otherwise. */
import { formatDiagnostic } from '../../engine/index'
import { loadScenario } from '../io'
import type { Command } from '../command'

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check scenario files and report every problem with its file:line:column',
  usage: 'meshsim validate <file>... [--json]',
  help: `Checks each scenario file against the schema and cross-references (unknown services,
versions, zones, split weights, call cycles). Prints every diagnostic, not only the first.

Options:
  --json    print {"files":[{"file","ok","diagnostics":[...]}]} for machines

Exit codes: 0 all files valid (warnings allowed), 1 any error, 2 bad usage.`,
  options: { json: { type: 'boolean' } },
  run({ positionals, values }, io) {
    if (positionals.length === 0) {
      io.err('meshsim validate: give at least one scenario file\n')
      return 2
    }
    const results = positionals.map((file) => ({ file, ...loadScenario(file) }))
    if (values.json) {
      const files = results.map((r) => ({ file: r.file, ok: r.ok, diagnostics: r.diagnostics }))
      io.out(`${JSON.stringify({ files }, null, 2)}\n`)
    } else {
      for (const r of results) {
        for (const d of r.diagnostics) io.out(`${formatDiagnostic(d)}\n`)
        const errors = r.diagnostics.filter((d) => d.severity === 'error').length
        const warnings = r.diagnostics.length - errors
        io.out(r.ok ? `${r.file}: valid${warnings ? ` (${warnings} warning${warnings > 1 ? 's' : ''})` : ''}\n` : `${r.file}: ${errors} error${errors > 1 ? 's' : ''}\n`)
      }
    }
    return results.every((r) => r.ok) ? 0 : 1
  },
}
