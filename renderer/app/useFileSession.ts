/**
 * The file session: open, save, save as, recent files, autosave and crash recovery, menu
 * commands and dropped files, all through the platform's `DesktopApi` (the Electron bridge
 * or the browser adapter). Failures become a notice in the status bar; nothing throws.
 */
import { useEffect, useMemo, useState } from 'react'
import type { AutosaveDraft, DesktopApi, MenuCommand, RecentFile, Result, ScenarioFile } from '../platform/platform'
import { acceptFileDrops } from '../platform/fileDrop'
import type { TopologyStore } from '../state/topologyStore'
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
  const [drafts, setDrafts] = useState<readonly AutosaveDraft[]>([])
  const [untitledKey] = useState(() => `untitled:${Math.random().toString(36).slice(2, 10)}`)

  const session = useMemo(() => {
    const s = () => store.getState()
    const failed = <T,>(r: Result<T>): r is Extract<Result<T>, { ok: false }> => {
      if (!r.ok) s().setNotice(r.error.message)
      return !r.ok
    }
    const opened = (r: Result<ScenarioFile | null>) => {
      if (failed(r) || !r.value) return
      s().openScenario(r.value.text, r.value.name, r.value.path)
      s().setNotice(`Opened ${r.value.name}.`)
    }
    const saveAs = async () => {
      const r = await api.saveScenarioAs({ text: s().document.text, suggestedName: s().document.file || 'untitled.scenario.yaml' })
      if (failed(r) || !r.value) return
      s().markSaved(r.value.name, r.value.path)
      s().setNotice(`Saved ${r.value.name}.`)
    }
    const save = async () => {
      const path = s().filePath
      if (!path) return saveAs()
      const r = await api.saveScenario({ path, text: s().document.text })
      if (failed(r)) return
      s().markSaved(r.value.name, r.value.path)
      s().setNotice(`Saved ${r.value.name}.`)
    }
    return {
      open: () => void api.openScenario().then(opened),
      openPath: (path: string) => void api.openPath(path).then(opened),
      save: () => void save(),
      saveAs: () => void saveAs(),
      newDocument: () => s().newScenario(),
      listRecent: async () => {
        const r = await api.listRecent()
        return r.ok ? r.value : []
      },
      openDropped: (file: File) => void api.openDroppedFile(file).then(opened),
    }
  }, [store, api])

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
