/**
 * Scenario files named on the command line: a file association or `meshsim file.scenario.yaml`
 * on Windows and Linux (macOS sends `open-file` instead), and a second launch forwarded by
 * the single-instance lock. The renderer takes them with `takeLaunchFiles` once it listens.
 */
import { isAbsolute, resolve } from 'node:path'

const SCENARIO_FILE = /\.(ya?ml|json)$/i

/**
 * The scenario paths in `argv`, made absolute against `cwd`. Skips the executable, flags
 * (Chromium adds its own, e.g. `--allow-file-access-from-files`), and the app folder that
 * `electron .` passes in development.
 */
export function scenarioPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && SCENARIO_FILE.test(arg))
    .map((arg) => (isAbsolute(arg) ? arg : resolve(cwd, arg)))
}

/**
 * Paths to open, held until the renderer asks (`take`) so none is lost while the page
 * loads; after that each arrives at once through `deliver` (a menu `open_path` command).
 */
export interface LaunchQueue {
  push(path: string): void
  take(): string[]
}

/** Creates the queue; `deliver` sends one path to a renderer that is already listening. */
export function createLaunchQueue(deliver: (path: string) => void): LaunchQueue {
  let waiting: string[] | undefined = []
  return {
    push(path) {
      if (waiting) waiting.push(path)
      else deliver(path)
    },
    take() {
      const paths = waiting ?? []
      waiting = undefined
      return paths
    },
  }
}
