/**
 * The renderer's side of the simulation worker, as the `simulation` actor of the run
 * machine: it starts a worker for one run, forwards the machine's `sim.*` commands as
 * protocol messages and turns the worker's messages into `worker.*` events. The worker is
 * terminated when the actor stops (the run ends or is stopped).
 */
import { fromCallback } from 'xstate'
import type { Scenario } from '../../engine/index'
import type { RunEvent, SimulationCommand, SimulationInput } from '../machines/runMachine'
import type { FromWorker, ToWorker } from './protocol'

/** What the client needs: a way to make a worker and the scenario to run. */
export interface SimClientDeps {
  readonly createWorker: () => Worker
  /** The scenario to run, read when the run starts. */
  readonly getScenario: () => Scenario | undefined
}

/** Starts the app's worker (bundled by Vite as a module worker). */
export function createSimWorker(): Worker {
  return new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'meshsim-simulation' })
}

/** The `simulation` actor logic for `runMachine.provide({ actors: { simulation } })`. */
export function createSimulationActor(deps: SimClientDeps) {
  return fromCallback<SimulationCommand, SimulationInput>(({ input, sendBack, receive }) => {
    const scenario = deps.getScenario()
    if (!scenario) {
      sendBack({ type: 'worker.failed', runId: input.runId, message: 'There is no scenario to run.' } satisfies RunEvent)
      return () => {}
    }
    const worker = deps.createWorker()
    const send = (message: ToWorker) => worker.postMessage(message)
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => sendBack(toRunEvent(event.data)))
    worker.addEventListener('error', (event) => {
      sendBack({ type: 'worker.failed', runId: input.runId, message: `The simulation worker failed: ${event.message || 'unknown error'}` } satisfies RunEvent)
    })
    receive((command) => send(toWorkerMessage(command)))
    send({ kind: 'run.start', runId: input.runId, scenario, settings: { seed: input.seed, durationMs: input.durationMs, speed: input.speed } })
    return () => worker.terminate()
  })
}

function toRunEvent(message: FromWorker): RunEvent {
  switch (message.kind) {
    case 'run.compiled':
      return { type: 'worker.compiled', runId: message.runId }
    case 'run.batch':
      return { type: 'worker.batch', runId: message.runId, batch: message.batch }
    case 'run.finished':
      return { type: 'worker.finished', runId: message.runId, final: message.final }
    case 'run.failed':
      return { type: 'worker.failed', runId: message.runId, message: message.message }
  }
}

function toWorkerMessage(command: SimulationCommand): ToWorker {
  switch (command.type) {
    case 'sim.pause':
      return { kind: 'run.pause' }
    case 'sim.resume':
      return { kind: 'run.resume' }
    case 'sim.step':
      return { kind: 'run.step' }
    case 'sim.stop':
      return { kind: 'run.stop' }
    case 'sim.speed':
      return { kind: 'run.speed', speed: command.speed }
  }
}
