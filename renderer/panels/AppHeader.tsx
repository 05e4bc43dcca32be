import type { MeshProfile } from '../../engine/index'
import { FileSessionActorContext } from '../app/actors'
import { useCommand } from '../app/CommandContext'
import { getFileMode } from '../machines/fileSessionMachine'
import type { FileSession } from '../app/useFileSession'
import type { Platform } from '../platform/platform'
import { selectCallCount, selectServiceCount, selectSourceCount } from '../state/selectors'
import { useTopology } from '../state/topologyStore'
import { RecentMenu } from './RecentMenu'
import { ScenarioPicker } from './ScenarioPicker'

const MESH_LABELS: Record<MeshProfile, string> = { istio: 'Istio', linkerd: 'Linkerd', envoy: 'Envoy' }

/** The header: the open scenario, the file and edit actions, and the templates. */
export function AppHeader({ platform, session }: { readonly platform: Platform; readonly session: FileSession }) {
  const run = useCommand()
  const name = useTopology((s) => s.document.scenario?.name)
  const mesh = useTopology((s) => s.document.scenario?.mesh)
  const file = useTopology((s) => s.document.file)
  const dirty = useTopology((s) => s.document.text !== s.savedText)
  // While a save or an open is under way the session ignores file commands: say so on the buttons.
  const fileMode = FileSessionActorContext.useSelector(getFileMode)
  const busy = fileMode === 'saving' || fileMode === 'opening'
  const canUndo = useTopology((s) => s.history.past.length > 0)
  const canRedo = useTopology((s) => s.history.future.length > 0)
  const services = useTopology(selectServiceCount)
  const calls = useTopology(selectCallCount)
  const sources = useTopology(selectSourceCount)

  return (
    <header className="app-header">
      <div className="app-header__brand" aria-label="meshsim">
        <span className="app-header__logo" aria-hidden="true" />
        meshsim
      </div>
      <div className="app-header__title">
        <div className="app-header__heading">
          <h1 data-testid="scenario-name">{name ?? 'Unreadable scenario'}</h1>
          {mesh && <span className={`mesh-badge mesh-badge--${mesh}`} data-testid="mesh-profile" title="Mesh profile">{MESH_LABELS[mesh]}</span>}
          {dirty && <span className="app-header__dirty" title="Unsaved changes" aria-label="Unsaved changes">●</span>}
        </div>
        <p className="app-header__stats" data-testid="scenario-stats" title={file}>
          {plural(services, 'service')} · {plural(calls, 'call')} · {plural(sources, 'traffic source')}
        </p>
      </div>
      <div className="toolbar" role="toolbar" aria-label="File and edit">
        <button type="button" className="tool" onClick={() => session.newDocument()}>New</button>
        <button type="button" className="tool" onClick={() => session.open()} disabled={busy}>Open…</button>
        <RecentMenu session={session} />
        <button type="button" className="tool" onClick={() => session.save()} disabled={busy}>{fileMode === 'saving' ? 'Saving…' : 'Save'}</button>
        <button type="button" className="tool" onClick={() => session.saveAs()} disabled={busy}>Save as…</button>
        <span className="toolbar__gap" />
        <button type="button" className="tool" onClick={() => run('edit.undo')} disabled={!canUndo} aria-label="Undo" title="Undo (Ctrl+Z)">↶</button>
        <button type="button" className="tool" onClick={() => run('edit.redo')} disabled={!canRedo} aria-label="Redo" title="Redo (Ctrl+Shift+Z)">↷</button>
        <button type="button" className="tool" onClick={() => run('canvas.layout')} title="Auto-layout (L)">Layout</button>
        <button type="button" className="tool" onClick={() => run('canvas.fit')} title="Zoom to fit (F)">Fit</button>
        <button type="button" className="tool" onClick={() => run('view.yaml')} title="YAML editor (Y)">YAML</button>
        <button type="button" className="tool tool--primary" onClick={() => run('file.export')} title="Export configs (Ctrl+E)">Export…</button>
        <button type="button" className="tool" onClick={() => run('view.help')} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
      </div>
      <ScenarioPicker />
      <span className="app-header__host" title={platform.appVersion ? `meshsim ${platform.appVersion}` : undefined}>
        {platform.kind === 'desktop' ? 'desktop' : 'web'}
      </span>
    </header>
  )
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
