import type { FileSession } from '../app/useFileSession'

/** Offers unsaved work that a previous session left behind (a crash, a closed tab). */
export function DraftBanner({ session }: { readonly session: FileSession }) {
  const draft = session.drafts[0]
  if (!draft) return null
  const when = new Date(draft.editedAt).toLocaleString()
  return (
    <div className="banner" role="alert">
      <span>Unsaved work on <strong>{draft.name}</strong> from {when} was kept.</span>
      <button type="button" className="small-button" onClick={() => session.restoreDraft(draft)}>Restore it</button>
      <button type="button" className="link-button" onClick={() => session.discardDrafts()}>Discard</button>
    </div>
  )
}
