/**
 * Reading and saving scenario files. Reads refuse what is too large or not a scenario
 * before the app sees it; saves refuse the same before touching the disk, then replace the
 * file atomically and keep the previous version as `<file>.bak` (atomicWrite.ts).
 */
import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import type { Result, ScenarioFile } from '../contract'
import { writeAtomic } from './atomicWrite'
import type { FileSystem } from './atomicWrite'
import { fail, failFrom, ok } from './results'
import { checkScenarioShape, checkScenarioSize, decodeText } from './scenarioShape'

/** A file as read, with the hash of its bytes (how the watcher recognises our own writes). */
export interface LoadedFile extends ScenarioFile {
  readonly hash: string
}

/** Scenario file access for the main process. */
export interface FileStore {
  /** Reads and checks a scenario file. */
  read(path: string): Promise<Result<LoadedFile>>
  /** Checks `text`, then replaces `path` atomically with a backup; returns the hash written. */
  save(path: string, text: string): Promise<Result<{ readonly hash: string }>>
  /** The hash of the file's current bytes, or null when it does not exist. */
  hashOnDisk(path: string): Promise<string | null>
}

/** SHA-256 of bytes or UTF-8 text, hex. */
export function hashContent(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex')
}

/** Creates the store over a file system (node:fs/promises in the app). */
export function createFileStore(fs: FileSystem): FileStore {
  return {
    async read(path) {
      const name = basename(path)
      try {
        const info = await fs.stat(path)
        if (!info.isFile()) return fail('not_found', `${path} is not a file.`)
        const tooLarge = checkScenarioSize(info.size, name)
        if (tooLarge) return { ok: false, error: tooLarge }
        const bytes = await fs.readFile(path)
        const text = decodeText(bytes, name)
        if (typeof text !== 'string') return { ok: false, error: text }
        const refused = checkScenarioShape(text, { name, purpose: 'open' })
        if (refused) return { ok: false, error: refused }
        return ok({ path, name, text, hash: hashContent(bytes) })
      } catch (err) {
        return failFrom(err, `Could not open ${path}`)
      }
    },

    async save(path, text) {
      const name = basename(path)
      const refused = checkScenarioShape(text, { name, purpose: 'save' })
      if (refused) return { ok: false, error: refused }
      try {
        // Save through a symlink to the file it points at, rather than replacing the link.
        const target = await fs.realpath(path).catch(() => path)
        const bytes = new TextEncoder().encode(text)
        await writeAtomic(fs, target, bytes, { backup: true })
        return ok({ hash: hashContent(bytes) })
      } catch (err) {
        return failFrom(err, `Could not save ${path}; the file on disk was not changed`)
      }
    },

    async hashOnDisk(path) {
      try {
        return hashContent(await fs.readFile(path))
      } catch (err) {
        if ((err as { code?: string }).code === 'ENOENT') return null
        throw err
      }
    },
  }
}
