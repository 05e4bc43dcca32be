/**
 * The scenarios shipped in scenarios/, bundled into the app as text by Vite at build time,
 * so the web page and the desktop app open them without file access.
 */

/** One bundled scenario file. */
export interface BundledScenario {
  /** The file name without `.scenario.yaml`, e.g. `bookinfo`. */
  readonly id: string
  /** The file name, e.g. `bookinfo.scenario.yaml`, used in diagnostics. */
  readonly file: string
  readonly text: string
}

/** Opened when the app starts. */
export const DEFAULT_SCENARIO_ID = 'bookinfo'

const SUFFIX = '.scenario.yaml'
const texts = import.meta.glob<string>('../../scenarios/*.scenario.yaml', { query: '?raw', import: 'default', eager: true })

/** Every bundled scenario, sorted by id. */
export const bundledScenarios: readonly BundledScenario[] = Object.entries(texts)
  .map(([path, text]) => {
    const file = path.slice(path.lastIndexOf('/') + 1)
    return { id: file.slice(0, -SUFFIX.length), file, text }
  })
  .sort((a, b) => a.id.localeCompare(b.id))

/** The scenario to open first: Bookinfo, or the first bundled one if it is missing. */
export function getDefaultScenario(): BundledScenario | undefined {
  return bundledScenarios.find((s) => s.id === DEFAULT_SCENARIO_ID) ?? bundledScenarios[0]
}
