/**
 * Hot exit: unsaved work is kept in the app's data folder so a crash, a kill or closing with
 * unsaved edits loses nothing. The renderer reports every edit (`update`); at most every
 * `intervalMs` the latest draft of each document is written, atomically, to
 * `<dir>/<hash of key>.json`. The next session lists those drafts and offers them back.
 * A draft is deleted once its document is saved or deliberately discarded (`clear`).
 *
 * File system and timers are parameters, so tests can kill a session mid-flight.
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { z } from 'zod'
import type { AutosaveDraft } from '../contract'
import { sweepTempFiles, writeAtomic } from './atomicWrite'
import type { FileSystem } from './atomicWrite'
import { autosaveDraftSchema } from './schemas'

/** Often enough that a crash loses seconds of work; rarely enough to cost nothing while typing. */
export const AUTOSAVE_INTERVAL_MS = 3000

const DRAFT_FILE = /^[0-9a-f]{32}\.json$/

/** On-disk form; versioned so a later release can migrate or ignore older drafts. */
const draftFileSchema = z.object({
  version: z.literal(1),
  draft: autosaveDraftSchema,
})

/** The timer functions autosave uses (globalThis by default; tests tick by hand). */
export interface Timers {
  setInterval(fn: () => void, ms: number): unknown
  clearInterval(handle: unknown): void
}

/** Where and how often drafts are written. */
export interface AutosaveOptions {
  /** The folder drafts live in (`<userData>/autosave` in the app). */
  readonly dir: string
  readonly fs: FileSystem
  readonly intervalMs?: number
  readonly timers?: Timers
  /** Told about write failures; autosave keeps trying on the next tick. */
  readonly onError?: (err: unknown) => void
}

/** The autosave of one app session. */
export interface Autosave {
  /** Every draft not cleared: the previous session's, updated by this session's edits. */
  list(): Promise<readonly AutosaveDraft[]>
  /** Records the latest unsaved state of a document; written on the next tick. */
  update(draft: AutosaveDraft): void
  /** Forgets a document's draft, in memory and on disk. */
  clear(key: string): Promise<void>
  /** Writes pending drafts now (the app calls this before quitting). */
  flush(): Promise<void>
  /** Flushes and stops the timer. */
  stop(): Promise<void>
}

function fileFor(dir: string, key: string): string {
  return join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`)
}

/** Creates the autosave and starts its timer. */
export function createAutosave(options: AutosaveOptions): Autosave {
  const { dir, fs, intervalMs = AUTOSAVE_INTERVAL_MS, timers = globalThis, onError = () => {} } = options
  const drafts = new Map<string, AutosaveDraft>()
  const pending = new Set<string>()
  // Operations run one at a time, so a clear can never be undone by a write already under way.
  let queue: Promise<unknown> = loadPrevious().catch(onError)
  const enqueue = <T>(op: () => Promise<T>): Promise<T> => {
    const next = queue.then(op, op)
    queue = next.catch(() => {})
    return next
  }

  async function loadPrevious(): Promise<void> {
    await fs.mkdir(dir, { recursive: true })
    await sweepTempFiles(fs, dir)
    for (const name of (await fs.readdir(dir)).filter((n) => DRAFT_FILE.test(n)).sort()) {
      try {
        const parsed = draftFileSchema.safeParse(JSON.parse(new TextDecoder().decode(await fs.readFile(join(dir, name)))))
        if (parsed.success && !drafts.has(parsed.data.draft.key)) drafts.set(parsed.data.draft.key, parsed.data.draft)
      } catch (err) {
        // An unreadable draft is skipped, not deleted: it may still be worth recovering by hand.
        onError(err)
      }
    }
  }

  async function writePending(): Promise<void> {
    for (const key of [...pending]) {
      const draft = drafts.get(key)
      pending.delete(key)
      if (!draft) continue
      try {
        await writeAtomic(fs, fileFor(dir, key), JSON.stringify({ version: 1, draft }))
      } catch (err) {
        // Retried on the next tick unless a newer edit or a clear has replaced it meanwhile.
        if (drafts.get(key) === draft) pending.add(key)
        onError(err)
      }
    }
  }

  const timer = timers.setInterval(() => {
    if (pending.size > 0) void enqueue(writePending)
  }, intervalMs)
  ;(timer as { unref?: () => void } | null)?.unref?.()

  return {
    list: () => enqueue(async () => [...drafts.values()]),
    update(draft) {
      drafts.set(draft.key, draft)
      pending.add(draft.key)
    },
    clear: (key) => {
      drafts.delete(key)
      pending.delete(key)
      return enqueue(() => fs.unlink(fileFor(dir, key)).catch(() => {}))
    },
    flush: () => enqueue(writePending),
    async stop() {
      timers.clearInterval(timer)
      await enqueue(writePending)
    },
  }
}
