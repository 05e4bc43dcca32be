/**
 * The export channel: the user picks a folder, and the exporter's files (computed in the
 * renderer by the pure engine exporters) are written into it, each atomically. Paths were
 * validated as relative plain names (schemas.ts); each target is checked once more to lie
 * inside the folder before anything is written.
 */
import { dirname, join, resolve, sep } from 'node:path'
import { Channel } from '../../contract'
import type { ExportRequest, ExportWritten, Result } from '../../contract'
import type { AccessList } from '../accessList'
import { writeAtomic } from '../atomicWrite'
import type { FileSystem } from '../atomicWrite'
import type { Handle } from '../ipc'
import { fail, failFrom, ok } from '../results'
import { exportRequestSchema } from '../schemas'

/** What the export channel needs. */
export interface ExportDeps {
  readonly fs: FileSystem
  readonly access: AccessList
  /** A folder dialog; null when the user cancels. */
  readonly chooseExportFolder: () => Promise<string | null>
}

/** Writes `request.files` under `root` (in `request.folderName` when given). */
export async function writeExportFiles(fs: FileSystem, root: string, request: ExportRequest): Promise<Result<ExportWritten>> {
  const folder = resolve(request.folderName ? join(root, request.folderName) : root)
  const targets = request.files.map((f) => ({ file: f, target: resolve(folder, ...f.path.split('/')) }))
  const escaped = targets.find(({ target }) => !target.startsWith(folder + sep))
  if (escaped) return fail('invalid_argument', `export:write: file "${escaped.file.path}" would be written outside the export folder.`)
  const written: string[] = []
  try {
    for (const { file, target } of targets) {
      await fs.mkdir(dirname(target), { recursive: true })
      await writeAtomic(fs, target, file.content)
      written.push(file.path)
    }
  } catch (err) {
    const done = written.length ? ` (${written.length} of ${targets.length} files were written)` : ''
    return failFrom(err, `Could not export to ${folder}${done}`)
  }
  return ok({ folder, files: written })
}

/** Registers the export channel. */
export function registerExportHandlers(handle: Handle, deps: ExportDeps): void {
  handle(Channel.exportWrite, { request: exportRequestSchema }, async ({ request }) => {
    const root = await deps.chooseExportFolder()
    if (root === null) return ok(null)
    const result = await writeExportFiles(deps.fs, root, request)
    // The user may want to see what was written.
    if (result.ok) deps.access.grant(result.value.folder)
    return result
  })
}
