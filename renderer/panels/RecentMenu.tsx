import { useState } from 'react'
import type { FileSession } from '../app/useFileSession'
import type { RecentFile } from '../platform/platform'

/** The recent documents, newest first, loaded when the menu opens. */
export function RecentMenu({ session }: { readonly session: FileSession }) {
  const [recent, setRecent] = useState<readonly RecentFile[] | undefined>(undefined)
  return (
    <details className="menu" onToggle={(e) => { if ((e.currentTarget as HTMLDetailsElement).open) void session.listRecent().then(setRecent) }}>
      <summary className="tool">Recent</summary>
      <ul className="menu__list" aria-label="Recent files">
        {recent === undefined && <li className="menu__empty">Loading…</li>}
        {recent?.length === 0 && <li className="menu__empty">No recent files yet.</li>}
        {recent?.map((r) => (
          <li key={r.path}>
            <button
              type="button"
              className="menu__item"
              onClick={(e) => {
                (e.currentTarget.closest('details') as HTMLDetailsElement).open = false
                session.openPath(r.path)
              }}
            >
              {r.name} <span className="menu__meta">{new Date(r.openedAt).toLocaleString()}</span>
            </button>
          </li>
        ))}
      </ul>
    </details>
  )
}
