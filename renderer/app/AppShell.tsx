import { useReactFlow } from '@xyflow/react'
import { useCallback, useMemo, useRef } from 'react'
import { FlowCanvas } from '../canvas/FlowCanvas'
import { MIN_ZOOM } from '../canvas/detail'
import { Palette } from '../canvas/Palette'
import { Dashboard } from '../charts/Dashboard'
import { AppHeader } from '../panels/AppHeader'
import { DiagnosticsPanel } from '../panels/DiagnosticsPanel'
import { DraftBanner } from '../panels/DraftBanner'
import { ExportDialog } from '../panels/ExportDialog'
import { HelpOverlay } from '../panels/HelpOverlay'
import { Inspector } from '../panels/inspector/Inspector'
import { RunControls } from '../panels/RunControls'
import { StatusBar } from '../panels/StatusBar'
import { YamlEditor } from '../panels/YamlEditor'
import type { Platform } from '../platform/platform'
import { useTopology, useTopologyStore } from '../state/topologyStore'
import { ConnectActorContext, RunActorContext } from './actors'
import { CommandContext } from './CommandContext'
import { createCommands } from './commands'
import type { CanvasView, CommandContext as Ctx, CommandId, FileCommands } from './commands'
import { useFileSession } from './useFileSession'
import { useShortcuts } from './useShortcuts'

const FIT = { padding: 0.12, maxZoom: 1.25, duration: 200 } as const

/** The designer's layout and its wiring: commands, shortcuts and the file session. */
export function AppShell({ platform }: { readonly platform: Platform }) {
  const store = useTopologyStore()
  const run = RunActorContext.useActorRef()
  const connect = ConnectActorContext.useActorRef()
  const flow = useReactFlow()
  const yamlOpen = useTopology((s) => s.view.yamlOpen)
  const exportOpen = useTopology((s) => s.view.exportOpen)

  const canvas = useMemo<CanvasView>(() => ({
    // A drawing too large for the smallest zoom is fitted as far as it goes: say so.
    fitView: () => void flow.fitView(FIT).then(() => {
      if (flow.getZoom() <= MIN_ZOOM * 1.001) store.getState().setNotice(`Zoomed out as far as the canvas goes (${MIN_ZOOM * 100} %): the minimap shows the whole drawing.`)
    }),
    zoomIn: () => void flow.zoomIn({ duration: 150 }),
    zoomOut: () => void flow.zoomOut({ duration: 150 }),
    getCenter: () => {
      const r = document.querySelector('.canvas')?.getBoundingClientRect()
      return r ? flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 }
    },
  }), [flow, store])
  // Commands need the file session and the file session runs commands: tie the knot lazily.
  const files = useRef<FileCommands | undefined>(undefined)
  const ctx = useMemo<Ctx>(() => ({
    store, run, connect, canvas,
    files: { open: () => files.current?.open(), save: () => files.current?.save(), saveAs: () => files.current?.saveAs() },
  }), [store, run, connect, canvas, files])
  const runCommand = useCallback((id: CommandId) => createCommands(ctx)[id](), [ctx])
  const session = useFileSession(store, platform.api, runCommand)
  files.current = session
  useShortcuts(ctx)

  return (
    <CommandContext value={runCommand}>
      <div className="app">
        <AppHeader platform={platform} session={session} />
        <RunControls />
        <DraftBanner session={session} />
        <main className={`app__main${yamlOpen ? ' app__main--yaml' : ''}`}>
          <Palette />
          <div className="app__center">
            <FlowCanvas />
            {!yamlOpen && <DiagnosticsPanel />}
            <Dashboard />
          </div>
          <Inspector />
          {yamlOpen && <YamlEditor />}
        </main>
        <StatusBar />
        <HelpOverlay />
        {exportOpen && <ExportDialog platform={platform} />}
      </div>
    </CommandContext>
  )
}
