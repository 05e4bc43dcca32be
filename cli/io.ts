/** The CLI's small Node adapter: reading scenario files and writing output. */
import { readFileSync, statSync } from 'node:fs'
import { MAX_SCENARIO_BYTES, parseScenario } from '../engine/index'
import type { ParseResult } from '../engine/index'

/** Reads and parses a scenario file; file-system problems become diagnostics too. */
export function loadScenario(file: string): ParseResult {
  try {
    const size = statSync(file).size
    if (size > MAX_SCENARIO_BYTES) {
      return { ok: false, diagnostics: [{ code: 'FILE_001', severity: 'error', path: '', file, message: `the file is ${size} bytes; scenarios are limited to ${MAX_SCENARIO_BYTES} bytes` }] }
    }
    return parseScenario(readFileSync(file, 'utf8'), { file })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    const message = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a scenario file' : (err as Error).message
    return { ok: false, diagnostics: [{ code: 'FILE_003', severity: 'error', path: '', file, message }] }
  }
}

/** Output streams, injectable so commands are testable without a process. */
export interface Io {
  out(text: string): void
  err(text: string): void
  readonly isTTY: boolean
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  isTTY: Boolean(process.stderr.isTTY),
}
