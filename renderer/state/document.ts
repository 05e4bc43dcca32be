/**
 * The open document and the two ways it changes:
 * - a model edit (canvas, inspector): the edited scenario is serialised onto the previous
 *   YAML document (comments and key order kept) and the text re-parsed for diagnostics with
 *   line:column; the edited scenario object itself is kept, so untouched services keep
 *   their identity and their nodes do not re-render;
 * - a text edit (YAML editor): the text is parsed; when it is not a valid scenario the
 *   text is kept as typed, with its diagnostics, and the canvas keeps the last good model.
 * Model edits are validated by the schema first (`validateScenario`): an edit that would
 * make the model invalid is refused and its problems are shown at the fields instead.
 */
import { Document } from 'yaml'
import { encodeScenario, formatPath, parseScenario, scenarioSchema, serializeScenario } from '../../engine/index'
import type { Diagnostic, ParseResult, Scenario } from '../../engine/index'

/** The parsed YAML document a scenario came from (the serialiser's base). */
export type YamlDocument = NonNullable<ParseResult['document']>

/** The open document. */
export interface TopologyDocument {
  /** File name shown to the user and in diagnostics, e.g. `bookinfo.scenario.yaml`. */
  readonly file: string
  /** The scenario the canvas shows: the text's model, or the last good one while the text is broken. */
  readonly scenario: Scenario | undefined
  /** The YAML text, exactly as the user or the serialiser wrote it. */
  readonly text: string
  /** The text's parsed YAML document, the base that keeps comments on the next model edit. */
  readonly base: YamlDocument | undefined
  /** Diagnostics of `text`, with line:column. */
  readonly diagnostics: readonly Diagnostic[]
  /** False while `text` does not parse into a scenario (the canvas shows the last good one). */
  readonly isTextValid: boolean
}

/** A problem with a model edit, at a model path (`services[0].versions[1].replicas`). */
export interface FieldIssue {
  readonly path: string
  readonly message: string
}

/** An empty document, for tests and before anything is opened. */
export const EMPTY_DOCUMENT: TopologyDocument = {
  file: '', scenario: undefined, text: '', base: undefined, diagnostics: [], isTextValid: false,
}

/** Fixed YAML options, the engine serialiser's, for the one case it cannot write (no services). */
const YAML_OPTIONS = { lineWidth: 0, flowCollectionPadding: false } as const

/** Parses scenario text into a document (never throws: problems become diagnostics). */
export function computeDocument(text: string, file: string, lastGood?: Scenario): TopologyDocument {
  const parsed = parseScenario(text, { file })
  return {
    file,
    scenario: parsed.scenario ?? lastGood,
    text,
    base: parsed.document,
    diagnostics: parsed.diagnostics,
    isTextValid: parsed.scenario !== undefined,
  }
}

/** The document after a (schema-valid) model edit. */
export function commitScenario(doc: TopologyDocument, scenario: Scenario): TopologyDocument {
  // A blank document's `services: []` is a flow sequence; patching services into it would
  // write every service on one line, so the first services are written afresh.
  const hadServices = (doc.scenario?.services.length ?? 0) > 0
  const text = computeScenarioText(scenario, doc.isTextValid && hadServices ? doc.base : undefined)
  const parsed = parseScenario(text, { file: doc.file })
  return { file: doc.file, scenario, text, base: parsed.document, diagnostics: parsed.diagnostics, isTextValid: true }
}

/**
 * The YAML of a scenario, on `base` when given. A scenario with no services yet (a blank
 * canvas) is outside the schema, which the serialiser enforces; it is written without them.
 */
export function computeScenarioText(scenario: Scenario, base?: YamlDocument): string {
  if (scenario.services.length > 0) return serializeScenario(scenario, base ? { base } : {})
  const stub = { name: 'stub', versions: [{ name: 'v1' }] }
  const plain = encodeScenario({ ...scenario, services: [stub] })
  const doc = new Document({ ...plain, services: [] })
  return doc.toString(YAML_OPTIONS)
}

/**
 * Schema problems of a model (empty when valid). A scenario with no services is accepted:
 * it is where every design starts, and the diagnostics already say a service is needed.
 */
export function validateScenario(scenario: Scenario): FieldIssue[] {
  const result = scenarioSchema.safeEncode(scenario)
  if (result.success) return []
  return result.error.issues
    .filter((i) => !(i.code === 'too_small' && i.path.length === 1 && i.path[0] === 'services'))
    .map((i) => ({ path: formatPath(i.path.filter((p): p is string | number => typeof p !== 'symbol')), message: i.message }))
}
