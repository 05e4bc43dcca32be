/** `meshsim export <scenario> --target <id> --out <dir>`: write config files for a real mesh. */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { exporters, formatDiagnostic, getExporter, hasErrors } from '../../engine/index'
import { loadScenario } from '../io'
import type { Command } from '../command'

export const exportCommand: Command = {
  name: 'export',
  summary: 'write Istio, Linkerd, Envoy, Kubernetes, HAProxy or nginx configs for a scenario',
  usage: 'meshsim export <scenario> --target <target> --out <dir> [--namespace ns] [--edge-service svc] [--format yaml|json]',
  help: `Exports the scenario for a real mesh, validates every file against the target's schema,
prints what the target cannot express (and what was done instead), and writes the files.

Options:
  --target, -t      one of the targets below
  --out, -o         folder to write into (created if missing)
  --namespace       Kubernetes namespace for the resources
  --edge-service    haproxy/nginx: the service the edge proxy fronts
  --format          envoy: yaml (default) or json
  --json            print {"files":[...],"diagnostics":[...],"findings":[...]}

Targets:
${exporters.map((e) => `  ${e.id.padEnd(10)} ${e.description}`).join('\n') || '  (none registered)'}

Exit codes: 0 written, 1 invalid scenario, export errors or invalid output, 2 bad usage.`,
  options: {
    target: { type: 'string', short: 't' },
    out: { type: 'string', short: 'o' },
    namespace: { type: 'string' },
    'edge-service': { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean' },
  },
  run({ positionals, values }, io) {
    const [file, ...extra] = positionals
    const target = typeof values.target === 'string' ? values.target : undefined
    const out = typeof values.out === 'string' ? values.out : undefined
    if (!file || extra.length || !target || !out) {
      io.err(`meshsim export: give one scenario, --target and --out\n\nUsage: ${this.usage}\n`)
      return 2
    }
    const exporter = getExporter(target)
    if (!exporter) {
      io.err(`meshsim export: unknown target '${target}' (targets: ${exporters.map((e) => e.id).join(', ')})\n`)
      return 2
    }
    const format = values.format
    if (format !== undefined && format !== 'yaml' && format !== 'json') {
      io.err(`meshsim export: --format is yaml or json, not '${String(format)}'\n`)
      return 2
    }
    const parsed = loadScenario(file)
    if (!parsed.ok || !parsed.scenario) {
      for (const d of parsed.diagnostics) io.err(`${formatDiagnostic(d)}\n`)
      return 1
    }
    const result = exporter.export(parsed.scenario, {
      namespace: typeof values.namespace === 'string' ? values.namespace : undefined,
      edgeService: typeof values['edge-service'] === 'string' ? values['edge-service'] : undefined,
      format,
    })
    const findings = exporter.validate(result.files)
    const diagnostics = result.diagnostics.map((d) => ({ ...d, file }))
    if (values.json) {
      io.out(`${JSON.stringify({ target, files: result.files.map((f) => f.path), diagnostics, findings }, null, 2)}\n`)
    } else {
      for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`)
      for (const f of findings) io.err(`${join(out, f.file)}: invalid ${f.field}: ${f.message}\n`)
    }
    if (hasErrors(diagnostics) || findings.length) {
      io.err(`meshsim export: nothing written (${findings.length} invalid field(s), ${diagnostics.filter((d) => d.severity === 'error').length} error(s))\n`)
      return 1
    }
    for (const f of result.files) {
      const path = join(out, f.path)
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, f.content)
    }
    if (!values.json) io.out(`wrote ${result.files.length} file(s) to ${out} (${exporter.label}; all valid)\n`)
    return 0
  },
}
