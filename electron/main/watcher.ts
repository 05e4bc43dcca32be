/**
 * Notices when another program changes or deletes an open document. It watches the
 * document's folder rather than the file, because editors (and our own save) replace a file
 * by renaming a new one over it, which ends a watch on the old file. Each event is debounced,
 * then the file's bytes are hashed: a hash equal to what we last read or wrote (or are
 * writing right now) is our own doing and ignored; anything else is reported once, and the
 * user chooses between reloading and keeping their version.
 */
import { watch as watchFs } from 'node:fs'
import { basename, dirname, resolve } from 'node:path'
import type { ExternalChange } from '../contract'

/** Starts watching a folder; `listener` gets the changed entry's name when the OS knows it. */
export type WatchFolder = (dir: string, listener: (filename: string | null) => void) => { close(): void }

/** node:fs.watch on a folder, with errors (the folder vanished) ending the watch quietly. */
export const watchFolder: WatchFolder = (dir, listener) => {
  const handle = watchFs(dir, { persistent: false }, (_event, filename) => listener(filename === null ? null : String(filename)))
  handle.on('error', () => handle.close())
  return handle
}

/** What the watcher needs: a folder watch, a hash of the disk, and whom to tell. */
export interface WatcherOptions {
  readonly watch: WatchFolder
  /** The hash of a file's bytes, null when it does not exist (FileStore.hashOnDisk). */
  readonly hashOnDisk: (path: string) => Promise<string | null>
  readonly onChange: (change: ExternalChange) => void
  /** Editors write in several steps; wait for them to finish before looking. */
  readonly debounceMs?: number
}

/** Watches the open documents for outside changes. */
export interface Watcher {
  /** Watches `path`, taking `hash` (null: does not exist) as the version the app has. */
  track(path: string, hash: string | null): void
  /** Announces our own write of `hash`, so events it causes are ignored; commit when it succeeded. */
  expectWrite(path: string, hash: string): { commit(): void; abort(): void }
  /** The version the app has of `path`: a hash, null when known missing, undefined when not tracked. */
  baselineOf(path: string): string | null | undefined
  /** "Keep mine": takes whatever is on disk now as seen, so the user is not asked again for it. */
  acceptDisk(path: string): Promise<void>
  /** Stops watching every path not listed. */
  retain(paths: readonly string[]): void
  /** Compares disk with the app's version now and reports a difference (also used after events). */
  check(path: string): Promise<void>
  close(): void
}

interface Tracked {
  baseline: string | null
  expected?: string
  /** The disk version last reported, so one change is reported once. */
  reported?: string | null
  timer?: ReturnType<typeof setTimeout>
}

/** Creates a watcher. */
export function createWatcher(options: WatcherOptions): Watcher {
  const { watch, hashOnDisk, onChange, debounceMs = 150 } = options
  const tracked = new Map<string, Tracked>()
  const folders = new Map<string, { close(): void }>()

  function syncFolders(): void {
    const wanted = new Set([...tracked.keys()].map((p) => dirname(p)))
    for (const [dir, handle] of folders) {
      if (!wanted.has(dir)) {
        handle.close()
        folders.delete(dir)
      }
    }
    for (const dir of wanted) {
      if (folders.has(dir)) continue
      try {
        folders.set(dir, watch(dir, (filename) => onEvent(dir, filename)))
      } catch {
        // The folder is gone or unwatchable; saves still check for conflicts (check()).
      }
    }
  }

  function onEvent(dir: string, filename: string | null): void {
    for (const [path, entry] of tracked) {
      if (dirname(path) !== dir || (filename !== null && basename(path) !== filename)) continue
      if (entry.timer) clearTimeout(entry.timer)
      entry.timer = setTimeout(() => void check(path), debounceMs)
    }
  }

  async function check(path: string): Promise<void> {
    const entry = tracked.get(resolve(path))
    if (!entry) return
    let disk: string | null
    try {
      disk = await hashOnDisk(resolve(path))
    } catch {
      return
    }
    if (disk === entry.baseline || (disk !== null && disk === entry.expected)) {
      entry.reported = undefined
      return
    }
    if (entry.reported !== undefined && disk === entry.reported) return
    entry.reported = disk
    onChange({ kind: disk === null ? 'deleted' : 'modified', path: resolve(path) })
  }

  function track(path: string, hash: string | null): void {
    const key = resolve(path)
    const entry = tracked.get(key)
    if (entry) Object.assign(entry, { baseline: hash, expected: undefined, reported: undefined })
    else tracked.set(key, { baseline: hash })
    syncFolders()
  }

  function untrack(key: string): void {
    const entry = tracked.get(key)
    if (entry?.timer) clearTimeout(entry.timer)
    tracked.delete(key)
  }

  return {
    track,
    expectWrite(path, hash) {
      const key = resolve(path)
      const isNew = !tracked.has(key)
      if (isNew) tracked.set(key, { baseline: null })
      tracked.get(key)!.expected = hash
      syncFolders()
      return {
        commit: () => track(key, hash),
        abort: () => {
          const entry = tracked.get(key)
          if (entry?.expected === hash) entry.expected = undefined
          // A failed save-as must not leave a watch on a file the user never had open.
          if (isNew) {
            untrack(key)
            syncFolders()
          }
        },
      }
    },
    baselineOf: (path) => tracked.get(resolve(path))?.baseline,
    async acceptDisk(path) {
      const entry = tracked.get(resolve(path))
      if (!entry) return
      entry.baseline = await hashOnDisk(resolve(path))
      entry.reported = undefined
    },
    retain(paths) {
      const keep = new Set(paths.map((p) => resolve(p)))
      for (const path of [...tracked.keys()]) if (!keep.has(path)) untrack(path)
      syncFolders()
    },
    check,
    close() {
      for (const entry of tracked.values()) if (entry.timer) clearTimeout(entry.timer)
      tracked.clear()
      syncFolders()
    },
  }
}
