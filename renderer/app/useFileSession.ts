/**
 * The file session as the rest of the app sees it: open, save, save as, recent files,
 * autosave and crash recovery, menu commands and dropped files. Saving and opening are the
 * file-session machine's (../machines/fileSessionMachine.ts, one actor for the app, its
 * effects wired in wireActors.ts): this hook sends it `file.*` commands and feeds it
 * `doc.edited` / `doc.reverted` from the document store, so its mode (clean | dirty |
 * saving | opening) follows the document. The controllers below handle menu commands, drops,
 * launch files, drafts, autosave and the host's document status through the platform's
 * `DesktopApi`. Failures become a notice in the status bar; nothing throws.
 */
import { useEffect, useMemo, useState } from 'react'
import type { AutosaveDraft, DesktopApi, MenuCommand, RecentFile } from '../platform/platform'
import { acceptFileDrops } from '../platform/fileDrop'
import type { TopologyStore } from '../state/topologyStore'
import { FileSessionActorContext } from './actors'
import type { CommandId, FileCommands } from './commands'

/** Autosave waits for typing to pause this long. */
const AUTOSAVE_AFTER_MS = 1000

export interface FileSession extends FileCommands {
  readonly newDocument: () => void
  readonly openPath: (path: string) => void
  readonly listRecent: () => Promise<readonly RecentFile[]>
  /** Unsaved work a previous session left behind, offered for restoring. */
  readonly drafts: readonly AutosaveDraft[]
  readonly restoreDraft: (draft: AutosaveDraft) => void
  readonly discardDrafts: () => void
}

export function useFileSession(store: TopologyStore, api: DesktopApi, run: (id: CommandId) => void): FileSession {
  const actor = FileSessionActorContext.useActorRef()
  const [drafts, setDrafts] = useState<readonly AutosaveDraft[]>([])
  const [untitledKey] = useState(() => `untitled:${Math.random().toString(36).slice(2, 10)}`)

  const session = useMemo(() => ({
    open: () => actor.send({ type: 'file.open' }),
    openPath: (path: string) => actor.send({ type: 'file.openPath', path }),
    save: () => actor.send({ type: 'file.save' }),
    saveAs: () => actor.send({ type: 'file.saveAs' }),
    newDocument: () => actor.send({ type: 'file.new' }),
    listRecent: async () => {
      const r = await api.listRecent()
      return r.ok ? r.value : []
    },
    openDropped: (file: File) => actor.send({ type: 'file.openDropped', file }),
  }), [actor, api])

  // The store → machine feed: whether the document's text differs from the saved text.
  useEffect(() => {
    let last: boolean | undefined
    const report = () => {
      const { document: doc, savedText } = store.getState()
      const dirty = doc.text !== savedText
      if (dirty === last) return
      last = dirty
      actor.send({ type: dirty ? 'doc.edited' : 'doc.reverted' })
    }
    report()
    return store.subscribe(report)
  }, [store, actor])

  // Menu commands (the desktop menu; keyboard shortcuts in a browser).
  useEffect(() => api.onMenu((command: MenuCommand) => {
    const inField = document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement
    switch (command.kind) {
      case 'new': return session.newDocument()
      case 'open': return session.open()
      case 'open_path': return session.openPath(command.path)
      case 'save': return session.save()
      case 'save_as': return session.saveAs()
      case 'export': return run('file.export')
      case 'undo': return inField ? void document.execCommand('undo') : run('edit.undo')
      case 'redo': return inField ? void document.execCommand('redo') : run('edit.redo')
      case 'run_start': return run('run.toggle')
      case 'run_pause': return run('run.pauseResume')
      case 'run_stop': return run('run.stop')
    }
  }), [api, session, run])

  useEffect(() => acceptFileDrops(window, session.openDropped), [session])

  // Files the app was launched with, then unsaved work from a previous session.
  useEffect(() => {
    void api.takeLaunchFiles().then((r) => { if (r.ok && r.value[0]) session.openPath(r.value[0]) })
    void api.restoreAutosave().then((r) => { if (r.ok) setDrafts(r.value.filter((d) => d.text !== store.getState().document.text)) })
  }, [api, session, store])

  // Autosave every edit (after a pause) and tell the host whether the document is dirty.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    let lastKey = ''
    const unsubscribe = store.subscribe((state, prev) => {
      const { document: doc, savedText, filePath } = state
      if (doc === prev.document && savedText === prev.savedText && filePath === prev.filePath) return
      const dirty = doc.text !== savedText
      const key = filePath ?? untitledKey
      const status = `${key}|${doc.file}|${dirty}`
      if (status !== lastKey) void api.setDocumentStatus({ path: filePath, name: doc.file || 'untitled', dirty })
      lastKey = status
      clearTimeout(timer)
      if (!dirty) return void api.clearAutosave(key)
      timer = setTimeout(() => {
        void api.writeAutosave({ key, path: filePath, name: doc.file || 'untitled.scenario.yaml', text: doc.text, editedAt: new Date().toISOString() })
      }, AUTOSAVE_AFTER_MS)
    })
    return () => {
      clearTimeout(timer)
      unsubscribe()
    }
  }, [store, api, untitledKey])

  return {
    ...session,
    drafts,
    restoreDraft: (draft) => {
      // Restored work is unsaved: it stays dirty (and is autosaved again under this session's key).
      store.getState().openScenario(draft.text, draft.name, draft.path, true)
      void api.clearAutosave(draft.key)
      setDrafts([])
    },
    discardDrafts: () => {
      for (const d of drafts) void api.clearAutosave(d.key)
      setDrafts([])
    },
  }
}
