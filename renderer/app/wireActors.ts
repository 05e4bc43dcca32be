/**
 * Effects for the machines, wired to this app: the run machine writes telemetry into the
 * run store and runs the simulation in a Web Worker; the connect tool edits the document;
 * the file session saves and opens through the platform's `DesktopApi` and writes the
 * result into the document store. The only module that joins the machines to the stores.
 */
import { fromPromise } from 'xstate'
import { hasErrors } from '../../engine/index'
import { connectToolMachine } from '../machines/connectToolMachine'
import { fileSessionMachine } from '../machines/fileSessionMachine'
import type { DesktopApi, Result } from '../platform/platform'
import { runMachine } from '../machines/runMachine'
import { createSimulationActor } from '../sim/simClient'
import { explainConnectRefusal } from '../state/edits/calls'
import type { RunStore } from '../state/runStore'
import { getServiceName, getSourceName } from '../state/selection'
import type { TopologyStore } from '../state/topologyStore'

/** The run machine with its effects: telemetry into `runStore`, the simulation from `createWorker`. */
export function createRunLogic(store: TopologyStore, runStore: RunStore, createWorker: () => Worker) {
  return runMachine.provide({
    actors: { simulation: createSimulationActor({ createWorker, getScenario: () => store.getState().document.scenario }) },
    guards: {
      isRunnable: () => {
        const doc = store.getState().document
        return doc.isTextValid && doc.scenario !== undefined && doc.scenario.services.length > 0 && !hasErrors(doc.diagnostics)
      },
    },
    actions: {
      resetTelemetry: (_, p) => runStore.getState().reset(p.runId, p.durationMs),
      recordBatch: (_, p) => runStore.getState().applyBatch(p.batch),
      recordFinal: (_, p) => runStore.getState().applyFinal(p.final),
      recordFailure: (_, p) => runStore.getState().applyFailure(p.message),
    },
  })
}

/** Why `from` cannot be connected to `to` (node ids), or undefined. */
export function explainNodeConnectRefusal(store: TopologyStore, from: string, to: string): string | undefined {
  const s = store.getState().document.scenario
  const target = getServiceName(to)
  if (!s || target === undefined) return 'a connection must end on a service'
  const source = getSourceName(from)
  if (source !== undefined) return s.traffic?.find((t) => t.name === source)?.to === target ? `${source} already sends to ${target}` : undefined
  const caller = getServiceName(from)
  return caller === undefined ? 'a connection starts at a service or a traffic source' : explainConnectRefusal(s, caller, target)
}

/** The connect tool with its effects: a call between services, or a traffic source retargeted. */
export function createConnectLogic(store: TopologyStore) {
  return connectToolMachine.provide({
    guards: { canConnect: (_, p) => explainNodeConnectRefusal(store, p.from, p.to) === undefined },
    actions: {
      connectNodes: (_, p) => {
        const to = getServiceName(p.to)!
        const source = getSourceName(p.from)
        if (source !== undefined) {
          store.getState().updateTrafficSource(source, { to })
          store.getState().setNotice(`${source} now sends to ${to}.`)
        } else {
          store.getState().connect(getServiceName(p.from)!, to)
        }
      },
      reportRefusal: (_, p) => store.getState().setNotice(`Not connected: ${explainNodeConnectRefusal(store, p.from, p.to)}.`),
    },
  })
}

/** The value of a platform call, or its failure thrown as an Error (the machine reports its message). */
function unwrap<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(r.error.message)
  return r.value
}

/**
 * The file session with its effects: saves and opens through `api`, the results into the
 * document store, notices (and failures) into the status bar. The text saved is the
 * document's text when the save starts, and only that text is marked saved.
 */
export function createFileSessionLogic(store: TopologyStore, api: DesktopApi) {
  const s = () => store.getState()
  return fileSessionMachine.provide({
    actors: {
      saveFile: fromPromise(async () => {
        const text = s().document.text
        return { ...unwrap(await api.saveScenario({ path: s().filePath!, text })), text }
      }),
      saveFileAs: fromPromise(async () => {
        const text = s().document.text
        const saved = unwrap(await api.saveScenarioAs({ text, suggestedName: s().document.file || 'untitled.scenario.yaml' }))
        return saved && { ...saved, text }
      }),
      openFile: fromPromise(async () => unwrap(await api.openScenario())),
      openPath: fromPromise(async ({ input }) => unwrap(await api.openPath(input.path))),
      openDroppedFile: fromPromise(async ({ input }) => unwrap(await api.openDroppedFile(input.file))),
    },
    guards: { hasFilePath: () => Boolean(s().filePath) },
    actions: {
      markSaved: (_, p) => s().markSaved(p.name, p.path, p.text),
      loadDocument: (_, p) => s().openScenario(p.text, p.name, p.path),
      newDocument: () => s().newScenario(),
      notify: (_, p) => s().setNotice(p.message),
      reportError: (_, p) => s().setNotice(p.message),
    },
  })
}
