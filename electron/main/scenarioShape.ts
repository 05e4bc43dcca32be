/**
 * The gate every scenario file passes before the app reads it in or writes it out: not too
 * large, text rather than binary, and shaped like a scenario (a YAML or JSON mapping with the
 * scenario's own keys). Schema errors inside a scenario are not refused here: the app opens
 * the file and shows them as diagnostics, which is how the user gets to fix them.
 */
import { MAX_SCENARIO_BYTES, formatDiagnostic, parseScenario } from '../../engine/index'
import type { AppError } from '../contract'

/** Keys only a scenario has at its top level; one of them must be present. */
const SCENARIO_KEYS = ['formatVersion', 'services'] as const

/** A top-level scenario key at the start of a line, for files with a YAML syntax error. */
const SCENARIO_KEY_LINE = /^["']?(formatVersion|services)["']?\s*:/m

/** What the file is called and why it is being checked. */
export interface ShapeOptions {
  /** The file's name, for messages. */
  readonly name: string
  /**
   * Opening tolerates YAML syntax errors in a file that is recognisably a scenario, so the
   * user sees where the typo is; saving does not, since the app only writes what it serialised.
   */
  readonly purpose: 'open' | 'save'
}

/** Refuses a file over the size limit before reading it: `size` is in bytes. */
export function checkScenarioSize(size: number, name: string, purpose: ShapeOptions['purpose'] = 'open'): AppError | undefined {
  if (size <= MAX_SCENARIO_BYTES) return undefined
  const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`
  const outcome = purpose === 'open' ? 'it was not opened' : 'nothing was written'
  return { code: 'too_large', message: `${name} is ${mb(size)}; scenario files are limited to ${mb(MAX_SCENARIO_BYTES)}, so ${outcome}.` }
}

/** Decodes UTF-8 strictly: a file that is not text is not a scenario. */
export function decodeText(bytes: Uint8Array, name: string): string | AppError {
  if (bytes.includes(0)) return notAScenario(name, 'it is a binary file, not YAML or JSON text')
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return notAScenario(name, 'it is not UTF-8 text')
  }
}

/** Returns why `text` is not a scenario-shaped document, or undefined when it is. */
export function checkScenarioShape(text: string, options: ShapeOptions): AppError | undefined {
  const size = checkScenarioSize(new TextEncoder().encode(text).length, options.name, options.purpose)
  if (size) return size
  const result = parseScenario(text, { file: options.name })
  if (result.scenario) return undefined
  const firstError = result.diagnostics.find((d) => d.severity === 'error')
  const syntaxBroken = !!result.document && result.document.errors.length > 0
  if (syntaxBroken) {
    if (options.purpose === 'open' && SCENARIO_KEY_LINE.test(text)) return undefined
    return notAScenario(options.name, `it is not valid YAML or JSON (${firstError ? formatDiagnostic(firstError) : 'syntax error'})`, options.purpose)
  }
  const doc = result.document
  if (!doc || !isMapping(doc.toJS.bind(doc))) return notAScenario(options.name, firstError?.message ?? 'it is empty', options.purpose)
  if (!SCENARIO_KEYS.some((key) => doc.has(key))) {
    return notAScenario(options.name, `it has none of a scenario's top-level keys (${SCENARIO_KEYS.join(', ')})`, options.purpose)
  }
  return undefined
}

function isMapping(toJS: () => unknown): boolean {
  try {
    const value = toJS()
    return typeof value === 'object' && value !== null && !Array.isArray(value)
  } catch {
    return false
  }
}

function notAScenario(name: string, why: string, purpose: ShapeOptions['purpose'] = 'open'): AppError {
  const outcome = purpose === 'open' ? 'It was not opened' : 'Nothing was written'
  return { code: 'not_a_scenario', message: `${name} is not a meshsim scenario: ${why}. ${outcome}.` }
}
