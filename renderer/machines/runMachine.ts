/**
 * The lifecycle of a simulation run:
 *
 *   idle → compiling → running ⇄ paused → finished | failed      (step: one slice while paused)
 *
 * `compiling`, `running` and `paused` are the children of `active`, which invokes the
 * simulation as the child actor `simulation` (in the app a Web Worker, see
 * ../sim/simClient.ts), so the worker lives exactly as long as the run. It
 * receives `sim.*` commands and answers with `worker.*` events. Every effect is named and
 * supplied with `.provide()`: the app writes telemetry into its run store, tests use fakes.
 * The context holds the run's settings and its error, never the document or the telemetry.
 */
import { assign, sendTo, setup } from 'xstate'
import type { AnyActorLogic } from 'xstate'
import type { RunBatch, RunFinal, RunSettings } from '../sim/protocol'

export interface RunContext extends RunSettings {
  /** Increases with every start, so late messages of an earlier run are recognised. */
  readonly runId: number
  readonly error: string | undefined
  /** True when the run was stopped before its end. */
  readonly stopped: boolean
}

export type RunEvent =
  | { readonly type: 'run.start' }
  | { readonly type: 'run.pause' }
  | { readonly type: 'run.resume' }
  | { readonly type: 'run.step' }
  | { readonly type: 'run.stop' }
  | { readonly type: 'run.reset' }
  | { readonly type: 'run.configure'; readonly settings: Partial<RunSettings> }
  | { readonly type: 'worker.compiled'; readonly runId: number }
  | { readonly type: 'worker.batch'; readonly runId: number; readonly batch: RunBatch }
  | { readonly type: 'worker.finished'; readonly runId: number; readonly final: RunFinal }
  | { readonly type: 'worker.failed'; readonly runId: number; readonly message: string }

/** What the `simulation` child is given when it starts. */
export interface SimulationInput extends RunSettings {
  readonly runId: number
}

/** Commands the `simulation` child receives. */
export type SimulationCommand =
  | { readonly type: 'sim.pause' }
  | { readonly type: 'sim.resume' }
  | { readonly type: 'sim.step' }
  | { readonly type: 'sim.stop' }
  | { readonly type: 'sim.speed'; readonly speed: number }

export const DEFAULT_RUN_SETTINGS: RunSettings = { seed: 1, durationMs: 60_000, speed: 10 }

const SIM = 'simulation'
const NOT_RUNNABLE = 'The scenario has errors: fix them (see Problems) before running it.'

/** The lifecycle phase of a run snapshot: `active`'s child states are phases of their own. */
export type RunPhase = 'idle' | 'compiling' | 'running' | 'paused' | 'finished' | 'failed'

export const runMachine = setup({
  types: { context: {} as RunContext, events: {} as RunEvent, input: {} as Partial<RunSettings> | undefined },
  actors: { simulation: {} as AnyActorLogic },
  actions: {
    resetTelemetry: (_, _params: { runId: number; durationMs: number }) => {},
    recordBatch: (_, _params: { batch: RunBatch }) => {},
    recordFinal: (_, _params: { final: RunFinal }) => {},
    recordFailure: (_, _params: { message: string }) => {},
    configure: assign(({ context, event }) => (event.type === 'run.configure' ? { ...context, ...event.settings } : context)),
    sendSpeed: sendTo(SIM, ({ context }) => ({ type: 'sim.speed', speed: context.speed })),
  },
  guards: {
    /** Whether the open document can be run (no error diagnostics); supplied by the app. */
    isRunnable: () => true,
    isCurrent: ({ context, event }) => 'runId' in event && event.runId === context.runId,
  },
}).createMachine({
  id: 'run',
  initial: 'idle',
  context: ({ input }) => ({ ...DEFAULT_RUN_SETTINGS, ...input, runId: 0, error: undefined, stopped: false }),
  on: { 'run.configure': { actions: 'configure' } },
  states: {
    idle: {
      on: {
        'run.start': [
          { guard: 'isRunnable', target: 'active' },
          { target: 'failed', actions: assign({ error: NOT_RUNNABLE }) },
        ],
      },
    },
    active: {
      entry: [
        assign(({ context }) => ({ runId: context.runId + 1, error: undefined, stopped: false })),
        { type: 'resetTelemetry', params: ({ context }) => ({ runId: context.runId, durationMs: context.durationMs }) },
      ],
      invoke: {
        id: SIM,
        src: 'simulation',
        input: ({ context }: { context: RunContext }): SimulationInput => ({ runId: context.runId, seed: context.seed, durationMs: context.durationMs, speed: context.speed }),
      },
      on: {
        'worker.batch': { guard: 'isCurrent', actions: { type: 'recordBatch', params: ({ event }) => ({ batch: event.batch }) } },
        'worker.finished': { guard: 'isCurrent', target: 'finished', actions: { type: 'recordFinal', params: ({ event }) => ({ final: event.final }) } },
        'worker.failed': {
          guard: 'isCurrent',
          target: 'failed',
          actions: [assign({ error: ({ event }) => event.message }), { type: 'recordFailure', params: ({ event }) => ({ message: event.message }) }],
        },
        'run.stop': { target: 'finished', actions: assign({ stopped: true }) },
        'run.configure': { actions: ['configure', 'sendSpeed'] },
      },
      initial: 'compiling',
      states: {
        compiling: { on: { 'worker.compiled': { guard: 'isCurrent', target: 'running' } } },
        running: { on: { 'run.pause': { target: 'paused', actions: sendTo(SIM, { type: 'sim.pause' }) } } },
        paused: {
          on: {
            'run.resume': { target: 'running', actions: sendTo(SIM, { type: 'sim.resume' }) },
            'run.step': { actions: sendTo(SIM, { type: 'sim.step' }) },
          },
        },
      },
    },
    finished: { on: { 'run.start': [{ guard: 'isRunnable', target: 'active' }, { target: 'failed', actions: assign({ error: NOT_RUNNABLE }) }], 'run.reset': 'idle' } },
    failed: { on: { 'run.start': [{ guard: 'isRunnable', target: 'active' }, { target: 'failed', actions: assign({ error: NOT_RUNNABLE }), reenter: true }], 'run.reset': 'idle' } },
  },
})

/** The phase a snapshot of the run machine is in. */
export function getRunPhase(snapshot: { readonly value: unknown }): RunPhase {
  const value = snapshot.value
  if (typeof value === 'string') return value as RunPhase
  return (value as { active: RunPhase }).active
}
