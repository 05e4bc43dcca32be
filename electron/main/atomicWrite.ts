/**
 * Crash-safe file replacement. A save writes a temporary file beside the target, flushes it
 * to disk, copies the current file to `<file>.bak` (itself through a temporary file and a
 * rename), and only then renames the temporary file over the target. A crash or kill at any
 * point leaves either the old file or the new one, never a mix; the only possible litter is
 * a temporary file whose name says whose it is, which `sweepTempFiles` removes on next start.
 *
 * The file system is a parameter (node:fs/promises in the app) so tests can fail each step.
 */
import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'

/** The file-handle calls the writer makes; node's `FileHandle` has them. */
export interface WritableHandle {
  writeFile(data: Uint8Array | string): Promise<void>
  sync(): Promise<void>
  close(): Promise<void>
}

/** The file-system calls this layer makes; `node:fs/promises` satisfies it. */
export interface FileSystem {
  open(path: string, flags: string, mode?: number): Promise<WritableHandle>
  readFile(path: string): Promise<Uint8Array>
  stat(path: string): Promise<{ readonly size: number; readonly mode: number; isFile(): boolean }>
  rename(from: string, to: string): Promise<void>
  copyFile(from: string, to: string): Promise<void>
  unlink(path: string): Promise<void>
  readdir(dir: string): Promise<string[]>
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>
  realpath(path: string): Promise<string>
}

/** Every temporary file ends with this, so the sweep can tell ours from the user's files. */
export const TEMP_SUFFIX = '.meshsim-tmp'

/** `.<name>.<pid>.<random>.meshsim-tmp`: hidden, beside its target, and naming the process that wrote it. */
export function tempPathFor(target: string, pid: number = process.pid): string {
  return join(dirname(target), `.${basename(target)}.${pid}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`)
}

/** Options for `writeAtomic`. */
export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<file>.bak`. */
  readonly backup?: boolean
}

/**
 * Replaces `target` with `data` atomically. On failure the target is untouched, the
 * temporary file is removed, and the error is rethrown for the caller to report.
 */
export async function writeAtomic(fs: FileSystem, target: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): Promise<void> {
  const existing = await statIfExists(fs, target)
  const temp = tempPathFor(target)
  try {
    // 'wx': never follow or reuse something already at the temporary name.
    const handle = await fs.open(temp, 'wx', existing ? existing.mode & 0o777 : 0o666)
    try {
      await handle.writeFile(data)
      // Without the flush, a power cut after the rename can leave an empty file on some file systems.
      await handle.sync()
    } finally {
      await handle.close()
    }
    if (existing && options.backup) await writeBackup(fs, target)
    await fs.rename(temp, target)
  } catch (err) {
    await fs.unlink(temp).catch(() => {})
    throw err
  }
  await syncFolder(fs, dirname(target))
}

/** Copies `target` to `<target>.bak` through a temporary file, so a crash never leaves half a backup. */
async function writeBackup(fs: FileSystem, target: string): Promise<void> {
  const bak = `${target}.bak`
  const temp = tempPathFor(bak)
  try {
    await fs.copyFile(target, temp)
    await fs.rename(temp, bak)
  } catch (err) {
    await fs.unlink(temp).catch(() => {})
    throw err
  }
}

/** Flushes the rename itself to disk. Windows cannot open a folder for this, and it is only extra safety. */
async function syncFolder(fs: FileSystem, dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Best effort: the data itself is already on disk.
  }
}

async function statIfExists(fs: FileSystem, path: string): Promise<{ mode: number } | undefined> {
  try {
    return await fs.stat(path)
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return undefined
    throw err
  }
}

/** Whether a process is alive; our temporary files name their writer's pid. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as { code?: string }).code === 'EPERM'
  }
}

/**
 * Removes temporary files left in `dir` by writers that died mid-save (a kill, a crash, a
 * power cut). Files of a live process are left alone: it may be saving right now.
 * Returns the names removed.
 */
export async function sweepTempFiles(fs: FileSystem, dir: string, isAlive: (pid: number) => boolean = isProcessAlive): Promise<string[]> {
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch {
    return []
  }
  const removed: string[] = []
  for (const name of names) {
    const match = /^\..+\.(\d+)\.[0-9a-f]{8}\.meshsim-tmp$/.exec(name)
    if (!match) continue
    const pid = Number(match[1])
    if (pid === process.pid || isAlive(pid)) continue
    await fs.unlink(join(dir, name)).then(() => removed.push(name), () => {})
  }
  return removed
}
