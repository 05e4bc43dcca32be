import { describe, expect, it } from 'vitest'
import { createActor, fromCallback } from 'xstate'
import type { RunBatch, RunFinal } from '../sim/protocol'
import { connectToolMachine } from './connectToolMachine'
import { getRunPhase, runMachine } from './runMachine'
import type { SimulationCommand, SimulationInput } from './runMachine'

/** A fake simulation: records what it was told; the test answers for it through `reply`. */
function createFakeSimulation() {
  const log: string[] = []
  const inputs: SimulationInput[] = []
  const logic = fromCallback<SimulationCommand, SimulationInput>(({ input, receive }) => {
    inputs.push(input)
    log.push(`start ${input.runId}`)
    receive((cmd) => log.push(cmd.type))
    return () => log.push(`stopped ${input.runId}`)
  })
  return { logic, log, inputs }
}

const batch = { progress: { simulatedSeconds: 1, totalSeconds: 60, fraction: 1 / 60, events: 10 } } as RunBatch
const final = { complete: true } as RunFinal

function start(runnable = true) {
  const sim = createFakeSimulation()
  const recorded: string[] = []
  const actor = createActor(
    runMachine.provide({
      actors: { simulation: sim.logic },
      guards: { isRunnable: () => runnable },
      actions: {
        resetTelemetry: (_, p) => recorded.push(`reset ${p.runId}`),
        recordBatch: (_, p) => recorded.push(`batch ${p.batch.progress.simulatedSeconds}`),
        recordFinal: (_, p) => recorded.push(`final ${p.final.complete}`),
        recordFailure: (_, p) => recorded.push(`failure ${p.message}`),
      },
    }),
    { input: { seed: 7, durationMs: 30_000, speed: 5 } },
  )
  actor.start()
  return { actor, sim, recorded, phase: () => getRunPhase(actor.getSnapshot()) }
}

describe('runMachine', () => {
  it('idle → compiling → running ⇄ paused → finished, streaming batches into its named effects', () => {
    const { actor, sim, recorded, phase } = start()
    expect(phase()).toBe('idle')
    actor.send({ type: 'run.start' })
    expect(phase()).toBe('compiling')
    expect(sim.inputs).toEqual([{ runId: 1, seed: 7, durationMs: 30_000, speed: 5 }])
    actor.send({ type: 'worker.compiled', runId: 1 })
    expect(phase()).toBe('running')
    actor.send({ type: 'worker.batch', runId: 1, batch })
    actor.send({ type: 'run.pause' })
    expect(phase()).toBe('paused')
    actor.send({ type: 'run.step' })
    actor.send({ type: 'run.resume' })
    expect(phase()).toBe('running')
    actor.send({ type: 'run.configure', settings: { speed: 0 } })
    actor.send({ type: 'worker.finished', runId: 1, final })
    expect(phase()).toBe('finished')
    expect(sim.log).toEqual(['start 1', 'sim.pause', 'sim.step', 'sim.resume', 'sim.speed', 'stopped 1'])
    expect(recorded).toEqual(['reset 1', 'batch 1', 'final true'])
  })

  it('ignores messages of an earlier run', () => {
    const { actor, recorded, phase } = start()
    actor.send({ type: 'run.start' })
    actor.send({ type: 'run.stop' })
    expect(phase()).toBe('finished')
    expect(actor.getSnapshot().context.stopped).toBe(true)
    actor.send({ type: 'run.start' })
    actor.send({ type: 'worker.compiled', runId: 1 })
    expect(phase()).toBe('compiling')
    actor.send({ type: 'worker.batch', runId: 1, batch })
    expect(recorded).toEqual(['reset 1', 'reset 2'])
    actor.send({ type: 'worker.compiled', runId: 2 })
    expect(phase()).toBe('running')
  })

  it('fails with the worker\'s message, and refuses to start a document with errors', () => {
    const ok = start()
    ok.actor.send({ type: 'run.start' })
    ok.actor.send({ type: 'worker.failed', runId: 1, message: 'boom' })
    expect(ok.phase()).toBe('failed')
    expect(ok.actor.getSnapshot().context.error).toBe('boom')
    expect(ok.sim.log).toEqual(['start 1', 'stopped 1'])

    const broken = start(false)
    broken.actor.send({ type: 'run.start' })
    expect(broken.phase()).toBe('failed')
    expect(broken.actor.getSnapshot().context.error).toMatch(/errors/)
    expect(broken.sim.log).toEqual([])
  })
})

describe('connectToolMachine', () => {
  it('connects the picked pair through its named effect, or reports the refusal', () => {
    const made: string[] = []
    const refused: string[] = []
    const actor = createActor(connectToolMachine.provide({
      guards: { canConnect: (_, p) => p.from !== p.to },
      actions: {
        connectNodes: (_, p) => made.push(`${p.from}->${p.to}`),
        reportRefusal: (_, p) => refused.push(`${p.from}->${p.to}`),
      },
    })).start()
    actor.send({ type: 'connect.start', from: 'service:a' })
    expect(actor.getSnapshot().value).toBe('picking')
    actor.send({ type: 'connect.complete', to: 'service:b' })
    actor.send({ type: 'connect.start', from: 'service:a' })
    actor.send({ type: 'connect.complete', to: 'service:a' })
    actor.send({ type: 'connect.start', from: 'service:c' })
    actor.send({ type: 'connect.cancel' })
    actor.send({ type: 'connect.complete', to: 'service:d' })
    expect(made).toEqual(['service:a->service:b'])
    expect(refused).toEqual(['service:a->service:a'])
    expect(actor.getSnapshot()).toMatchObject({ value: 'idle', context: { from: undefined } })
  })
})
