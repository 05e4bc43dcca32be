import { ReactFlowProvider } from '@xyflow/react'
import { useMemo } from 'react'
import { AppShell } from './app/AppShell'
import { ConnectActorContext, FileSessionActorContext, RunActorContext } from './app/actors'
import { createConnectLogic, createFileSessionLogic, createRunLogic } from './app/wireActors'
import type { Platform } from './platform/platform'
import { RunStoreContext } from './state/runStore'
import type { RunStore } from './state/runStore'
import type { TopologyStore } from './state/topologyStore'
import { TopologyStoreContext } from './state/topologyStore'

export interface AppProps {
  readonly store: TopologyStore
  readonly runStore: RunStore
  readonly platform: Platform
  /** Makes the simulation worker (tests may pass a fake). */
  readonly createWorker: () => Worker
}

/** The app: the stores, the three actors with their effects wired in, and the shell. */
export function App({ store, runStore, platform, createWorker }: AppProps) {
  const runLogic = useMemo(() => createRunLogic(store, runStore, createWorker), [store, runStore, createWorker])
  const connectLogic = useMemo(() => createConnectLogic(store), [store])
  const fileLogic = useMemo(() => createFileSessionLogic(store, platform.api), [store, platform.api])
  const fileInput = useMemo(() => ({ unsaved: store.getState().document.text !== store.getState().savedText }), [store])
  const scenario = store.getState().document.scenario
  const runInput = useMemo(() => ({ seed: scenario?.seed ?? 1, durationMs: scenario?.duration ?? 60_000 }), [scenario])
  return (
    <TopologyStoreContext value={store}>
      <RunStoreContext value={runStore}>
        <RunActorContext.Provider logic={runLogic} options={{ input: runInput }}>
          <ConnectActorContext.Provider logic={connectLogic}>
            <FileSessionActorContext.Provider logic={fileLogic} options={{ input: fileInput }}>
              <ReactFlowProvider>
                <AppShell platform={platform} />
              </ReactFlowProvider>
            </FileSessionActorContext.Provider>
          </ConnectActorContext.Provider>
        </RunActorContext.Provider>
      </RunStoreContext>
    </TopologyStoreContext>
  )
}
