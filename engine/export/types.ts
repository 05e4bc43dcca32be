/**
 * Exporter contract: pure functions from a scenario to config files plus diagnostics.
 * Exporters never touch the file system (the CLI and Electron main write the files) and
 * are deterministic: sorted resources, stable names, fixed YAML options, no timestamps.
 */
import type { Diagnostic } from '../model/diagnostics'
import type { Scenario } from '../model/types'

/** One generated file. `path` is relative to the output folder and uses `/`. */
export interface OutFile {
  readonly path: string
  readonly content: string
  readonly language: 'yaml' | 'json' | 'haproxy' | 'nginx'
}

/** Options every exporter understands; each reads what applies to it. */
export interface ExportOptions {
  /** Kubernetes namespace for resources whose service names none (default: the service's, else `default`). */
  readonly namespace?: string
  /** The service an edge proxy (HAProxy, nginx) fronts; default: the first traffic source's target. */
  readonly edgeService?: string
  /** Envoy: write bootstraps as JSON instead of YAML. */
  readonly format?: 'yaml' | 'json'
  /**
   * HAProxy/nginx: the bind address (default `0.0.0.0:8080`); server `host:port`s per version
   * of the edge service (default: the version's headless Service
   * `<svc>-<version>.<ns>.svc.cluster.local:<port>`, which resolves to its pods); and the first
   * 127.0.0.1 port of the internal listeners a weighted split goes through, one per version
   * (default: the listen port + 1).
   */
  readonly edge?: {
    readonly listen?: string
    readonly upstreamAddresses?: Readonly<Record<string, readonly string[]>>
    readonly internalPort?: number
  }
}

/**
 * What an export produced. Anything the target cannot express is a diagnostic naming the
 * model field (`path`) and what was done instead — never a silent drop.
 */
export interface ExportResult {
  readonly files: readonly OutFile[]
  readonly diagnostics: readonly Diagnostic[]
}

/** A validation finding on a generated file: which file, which field, what is wrong. */
export interface FileFinding {
  readonly file: string
  /** Path inside the file's document, e.g. `spec.http[0].route[1].weight`. */
  readonly field: string
  readonly message: string
}

/** One export target, registered in `exporters` (engine/export/index.ts). */
export interface ExporterDef<Id extends string = string> {
  readonly id: Id
  readonly label: string
  readonly description: string
  export(scenario: Scenario, options?: ExportOptions): ExportResult
  /** Checks generated files against the target's schemas shipped with the app. */
  validate(files: readonly OutFile[]): readonly FileFinding[]
}
