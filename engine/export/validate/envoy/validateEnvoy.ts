/**
 * The strict Envoy validator: what Envoy itself would reject when loading a static bootstrap.
 *
 * Three passes, each only when the previous one passed:
 * 1. strict ProtoJSON decoding against Envoy's v3 descriptors (unknown fields, also inside
 *    `typed_config`, bad enum names, wrong JSON types and unknown `@type`s fail);
 * 2. protoc-gen-validate rules read from the descriptors' field options;
 * 3. cross-references (clusters exist, router filter last, unique names).
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/configuration/overview/bootstrap
 */
import type { FileRegistry } from '@bufbuild/protobuf'
import type { FileFinding, OutFile } from '../../types'
import { parseYamlDocuments } from '../../yaml'
import { checkCrossReferences } from './crossRefs'
import { BOOTSTRAP_TYPE, getEnvoyRegistry } from './envoyRegistry'
import { checkPgvRules } from './pgvRules'
import { strictDecode } from './strictDecode'
import type { DecodeProblem } from './strictDecode'

/**
 * Validates one bootstrap given as a plain JSON value (snake_case or lowerCamel keys).
 * Returns the problems, empty when Envoy would accept it. `registry` defaults to the
 * vendored descriptors.
 */
export function validateEnvoyBootstrap(json: unknown, registry: FileRegistry = getEnvoyRegistry()): DecodeProblem[] {
  const decoded = strictDecode(registry, BOOTSTRAP_TYPE, json)
  if (!decoded.ok) return [decoded.problem]
  const desc = registry.getMessage(BOOTSTRAP_TYPE)!
  const pgv = checkPgvRules(registry, desc, decoded.message)
  if (pgv.length) return pgv
  return checkCrossReferences(registry, decoded.message)
}

/** Parses an exported file's text (YAML or JSON) into a value, or a problem. */
export function parseEnvoyFile(file: OutFile): { value?: unknown; problem?: string } {
  if (file.language === 'json') {
    try {
      return { value: JSON.parse(file.content) as unknown }
    } catch (err) {
      return { problem: `not valid JSON: ${(err as Error).message}` }
    }
  }
  const { documents, problems } = parseYamlDocuments(file.content)
  if (problems.length) return { problem: `not valid YAML: ${problems[0]!.message}` }
  if (documents.length !== 1) return { problem: `expected one YAML document, found ${documents.length}` }
  return { value: documents[0] }
}

/** Validates exported Envoy bootstrap files; one finding per problem, naming file and field. */
export function validateEnvoyFiles(files: readonly OutFile[], registry?: FileRegistry): FileFinding[] {
  const findings: FileFinding[] = []
  for (const file of files) {
    const parsed = parseEnvoyFile(file)
    if (parsed.problem !== undefined) {
      findings.push({ file: file.path, field: '', message: parsed.problem })
      continue
    }
    for (const p of validateEnvoyBootstrap(parsed.value, registry)) findings.push({ file: file.path, field: p.path, message: p.message })
  }
  return findings
}
