/**
 * The recent-documents list, newest first, kept in `<userData>/recent.json` (written
 * atomically) and mirrored to the OS (Dock / Jump List) by the app through `onChange`.
 */
import { basename, resolve } from 'node:path'
import { z } from 'zod'
import type { RecentFile } from '../contract'
import { writeAtomic } from './atomicWrite'
import type { FileSystem } from './atomicWrite'

/** Enough for a menu, few enough to scan. */
export const MAX_RECENT = 10

const recentFileSchema = z.object({ version: z.literal(1), files: z.array(z.object({ path: z.string(), name: z.string(), openedAt: z.string() })) })

/** Where the list lives and how long it is. */
export interface RecentOptions {
  /** The JSON file the list lives in. */
  readonly file: string
  readonly fs: FileSystem
  readonly now?: () => Date
  readonly max?: number
  /** Called after every change with the new list. */
  readonly onChange?: (files: readonly RecentFile[]) => void
}

/** The recent-documents list, newest first. */
export interface RecentList {
  list(): readonly RecentFile[]
  /** Moves `path` to the top (adding it if new) and persists. */
  add(path: string): Promise<void>
  remove(path: string): Promise<void>
  clear(): Promise<void>
}

/** Loads the list from disk (an unreadable file starts an empty list) and returns it. */
export async function loadRecentList(options: RecentOptions): Promise<RecentList> {
  const { file, fs, now = () => new Date(), max = MAX_RECENT, onChange = () => {} } = options
  let files: RecentFile[] = []
  try {
    const parsed = recentFileSchema.safeParse(JSON.parse(new TextDecoder().decode(await fs.readFile(file))))
    if (parsed.success) files = parsed.data.files.slice(0, max)
  } catch {
    // Missing or corrupt: a recent list is a convenience, never a reason to fail start-up.
  }
  // Saves are serialised so an older list never overwrites a newer one.
  let saving: Promise<void> = Promise.resolve()
  async function update(next: RecentFile[]): Promise<void> {
    files = next
    onChange(files)
    const snapshot = JSON.stringify({ version: 1, files })
    saving = saving.then(() => writeAtomic(fs, file, snapshot)).catch(() => {})
    await saving
  }
  return {
    list: () => files,
    add: (path) => {
      const full = resolve(path)
      const entry: RecentFile = { path: full, name: basename(full), openedAt: now().toISOString() }
      return update([entry, ...files.filter((f) => f.path !== full)].slice(0, max))
    },
    remove: (path) => update(files.filter((f) => f.path !== resolve(path))),
    clear: () => update([]),
  }
}
