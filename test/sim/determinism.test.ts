/**
 * Determinism: every bundled scenario, run twice through `meshsim run --json`, prints the
 * same document byte for byte apart from `wallSeconds`; another seed gives other numbers;
 * and a run advanced in slices (as a Web Worker would) is the same run, event for event.
 */
import { describe, expect, it } from 'vitest'
import { main } from '../../cli/main'
import type { Io } from '../../cli/io'
import { createSimulationRun } from '../../engine/index'
import { SCENARIO_DIR, bundledScenarios, loadBundled, runScenario } from '../support/runScenario'

async function runJson(args: readonly string[]): Promise<{ code: number; text: string }> {
  let text = ''
  const io: Io = { isTTY: false, out: (t) => void (text += t), err: () => undefined }
  const code = await main(['run', ...args, '--json'], io)
  return { code, text: text.replace(/"wallSeconds": [0-9.e+-]+/, '"wallSeconds": 0') }
}

describe('determinism', () => {
  for (const name of bundledScenarios()) {
    it(`${name}: the same seed gives byte-identical --json, another seed other numbers`, async () => {
      const file = `${SCENARIO_DIR}${name}.scenario.yaml`
      const first = await runJson([file])
      const second = await runJson([file])
      expect(first.code).toBeLessThan(2)
      expect(second.text).toBe(first.text)
      const other = await runJson([file, '--duration', '30s', '--seed', '12345'])
      const firstShort = await runJson([file, '--duration', '30s'])
      const a = JSON.parse(firstShort.text) as { traceHash: string; services: Record<string, { latencyMs: { mean: number } }> }
      const b = JSON.parse(other.text) as typeof a
      expect(b.traceHash).not.toBe(a.traceHash)
      expect(Object.values(b.services).map((s) => s.latencyMs.mean)).not.toEqual(Object.values(a.services).map((s) => s.latencyMs.mean))
    })
  }

  it('a run advanced in slices is the same run as one advanced at once', () => {
    const scenario = loadBundled('bookinfo')
    const whole = runScenario(scenario, { until: 20_000 }).summary
    const run = createSimulationRun(scenario, { durationMs: 20_000 })
    let slices = 0
    for (let t = 0; !run.done; t += 333) {
      run.advance({ untilMs: t, maxEvents: 1000 })
      slices++
    }
    expect(slices).toBeGreaterThan(50)
    const sliced = run.result()
    expect(sliced.traceHash).toBe(whole.traceHash)
    expect(JSON.stringify(sliced)).toBe(JSON.stringify(whole))
  })

  it('partial results can be read while a run is in progress', () => {
    const run = createSimulationRun(loadBundled('bookinfo'), { durationMs: 30_000 })
    run.advance({ untilMs: 10_000 })
    const partial = run.result()
    expect(partial.complete).toBe(false)
    expect(partial.simulatedSeconds).toBe(10)
    expect(run.progress().fraction).toBeCloseTo(1 / 3, 5)
    run.advance()
    expect(run.result().complete).toBe(true)
    expect(run.result().services.productpage!.requests).toBeGreaterThan(partial.services.productpage!.requests)
  })
})
