import type { MeshProfile } from '../engine/index'
import { FlowCanvas } from './canvas/FlowCanvas'
import { DiagnosticsPanel } from './panels/DiagnosticsPanel'
import { ScenarioPicker } from './panels/ScenarioPicker'
import type { Platform } from './platform/platform'
import { selectCallCount, selectServiceCount, selectSourceCount } from './state/selectors'
import type { TopologyStore } from './state/topologyStore'
import { TopologyStoreContext, useTopology } from './state/topologyStore'

const MESH_LABELS: Record<MeshProfile, string> = { istio: 'Istio', linkerd: 'Linkerd', envoy: 'Envoy' }

export interface AppProps {
  readonly store: TopologyStore
  readonly platform: Platform
}

/** The app shell: a header naming the open scenario, the canvas, and its diagnostics. */
export function App({ store, platform }: AppProps) {
  return (
    <TopologyStoreContext value={store}>
      <div className="app">
        <AppHeader platform={platform} />
        <main className="app__main">
          <FlowCanvas />
          <DiagnosticsPanel />
        </main>
      </div>
    </TopologyStoreContext>
  )
}

function AppHeader({ platform }: { readonly platform: Platform }) {
  const name = useTopology((s) => s.document.scenario?.name)
  const description = useTopology((s) => s.document.scenario?.description)
  const mesh = useTopology((s) => s.document.scenario?.mesh)
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
          {mesh && (
            <span className={`mesh-badge mesh-badge--${mesh}`} data-testid="mesh-profile" title="Mesh profile">
              {MESH_LABELS[mesh]}
            </span>
          )}
        </div>
        {description && <p className="app-header__description">{description}</p>}
      </div>
      {name !== undefined && (
        <p className="app-header__stats" data-testid="scenario-stats">
          {plural(services, 'service')} · {plural(calls, 'call')} · {plural(sources, 'traffic source')}
        </p>
      )}
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
