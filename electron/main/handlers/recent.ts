/** The recent-documents channel. Entries are granted at start-up: the user chose each one before. */
import { Channel } from '../../contract'
import type { Handle } from '../ipc'
import type { RecentList } from '../recent'
import { ok } from '../results'

/** Registers `recent:list`. */
export function registerRecentHandlers(handle: Handle, deps: { readonly recent: RecentList }): void {
  handle(Channel.recentList, {}, async () => ok(deps.recent.list()))
}
