/**
 * What the browser adapter keeps between visits, in localStorage: the recent-documents list
 * (with a copy of each file's text, since a web page cannot reopen a file by its path) and
 * autosave drafts. Storage is best effort: a full or disabled localStorage loses recents
 * quietly, and a draft that cannot be stored is reported, never thrown.
 */
import type { AutosaveDraft, RecentFile, ScenarioFile } from '../../electron/contract'

/** The part of `Storage` used here, so tests can pass a Map-backed fake. */
export interface KeyValueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

const RECENT_KEY = 'meshsim.recent.v1'
const DRAFTS_KEY = 'meshsim.autosave.v1'
const MAX_RECENT = 10
/** Larger files stay in the recent list by name, without the copy that reopens them. */
const MAX_SNAPSHOT_CHARS = 512 * 1024

interface StoredRecent extends RecentFile {
  readonly text?: string
}

/** The adapter's persistent state. */
export interface BrowserStore {
  listRecent(): readonly RecentFile[]
  /** The stored copy of a recent file's text, if it was small enough to keep. */
  getRecentText(path: string): string | undefined
  addRecent(file: ScenarioFile): void
  listDrafts(): readonly AutosaveDraft[]
  /** Replaces all stored drafts; false when the browser refused (quota, private mode). */
  putDrafts(drafts: readonly AutosaveDraft[]): boolean
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function isRecent(v: unknown): v is StoredRecent {
  return isRecord(v) && typeof v.path === 'string' && typeof v.name === 'string' && typeof v.openedAt === 'string' &&
    (v.text === undefined || typeof v.text === 'string')
}

function isDraft(v: unknown): v is AutosaveDraft {
  return isRecord(v) && typeof v.key === 'string' && (v.path === null || typeof v.path === 'string') &&
    typeof v.name === 'string' && typeof v.text === 'string' && typeof v.editedAt === 'string'
}

/** Reads a JSON list, keeping only well-formed entries: another version or a user may have edited it. */
function readList<T>(storage: KeyValueStorage, key: string, guard: (v: unknown) => v is T): T[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter(guard) : []
  } catch {
    return []
  }
}

function writeJson(storage: KeyValueStorage, key: string, value: unknown): boolean {
  try {
    storage.setItem(key, JSON.stringify(value))
    return true
  } catch {
    return false
  }
}

/** Creates the store over `storage` (localStorage in the app). */
export function createBrowserStore(storage: KeyValueStorage, now: () => Date = () => new Date()): BrowserStore {
  const recents = (): StoredRecent[] => readList(storage, RECENT_KEY, isRecent)
  return {
    listRecent: () => recents().map(({ path, name, openedAt }) => ({ path, name, openedAt })),
    getRecentText: (path) => recents().find((r) => r.path === path)?.text,
    addRecent(file) {
      const entry: StoredRecent = {
        path: file.path,
        name: file.name,
        openedAt: now().toISOString(),
        text: file.text.length <= MAX_SNAPSHOT_CHARS ? file.text : undefined,
      }
      const next = [entry, ...recents().filter((r) => r.path !== file.path)].slice(0, MAX_RECENT)
      // A full storage drops the copies first: the list by name is still worth having.
      if (!writeJson(storage, RECENT_KEY, next)) writeJson(storage, RECENT_KEY, next.map(({ text: _t, ...r }) => r))
    },
    listDrafts: () => readList(storage, DRAFTS_KEY, isDraft),
    putDrafts(drafts) {
      if (drafts.length === 0) {
        storage.removeItem(DRAFTS_KEY)
        return true
      }
      return writeJson(storage, DRAFTS_KEY, drafts)
    },
  }
}
