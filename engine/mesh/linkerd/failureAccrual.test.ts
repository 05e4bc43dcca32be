import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { vectorList } from '../../../test/support/vectors'
import { createSplitMix64, mockRandom } from '../random64'
import { createFailureAccrual, failureAccrualBackoffMs, unitIntervalFromRandom64 } from './failureAccrual'
import type { FailureAccrualState } from './failureAccrual'

interface TimelineStep { t_s: number; event?: string; gate: string }
interface TransitionsVector {
  name: string
  inputs: { max_failures: number; backoff_min_s: number; backoff_max_s: number; jitter: number }
  timeline: TimelineStep[]
}
interface BackoffVector { name: string; rule: string; [key: string]: unknown }

const vectors = vectorList<{ name: string }>('linkerd_tower.json')
const breakerVectors = vectors.filter((v) => v.name.includes('breaker')) as TransitionsVector[]
const backoffVectors = vectors.filter((v) => v.name.startsWith('ExponentialBackoff')) as BackoffVector[]

/** Linkerd's gate names → breaker terms: Open → closed, Shut → open, Limited(1) → probation. */
function gateState(gate: string): FailureAccrualState {
  if (gate.startsWith('Open')) return 'closed'
  if (gate.startsWith('Shut')) return 'open'
  if (gate.startsWith('Limited')) return 'probation'
  throw new Error(`unknown gate "${gate}"`)
}

/** An event names an HTTP status or says the probe failed / succeeded. */
function eventOk(event: string): boolean {
  if (/\b5\d\d\b|fail/.test(event)) return false
  if (/\b[1-4]\d\d\b|succeed/.test(event)) return true
  throw new Error(`unknown event "${event}"`)
}

describe('linkerd_tower.json failure-accrual vectors', () => {
  it('has a breaker vector and a back-off vector', () => {
    expect(breakerVectors.length).toBeGreaterThan(0)
    expect(backoffVectors.length).toBeGreaterThan(0)
  })

  it.each(breakerVectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const fa = createFailureAccrual(
      { maxFailures: v.inputs.max_failures, minPenaltyMs: v.inputs.backoff_min_s * 1000, maxPenaltyMs: v.inputs.backoff_max_s * 1000, jitterRatio: v.inputs.jitter },
      { random: mockRandom([]) },
    )
    for (const step of v.timeline) {
      const nowMs = step.t_s * 1000
      if (gateState(step.gate) === 'open' && step.event === undefined) expect(fa.state(nowMs)).toBe('open')
      if (step.event !== undefined) fa.record(eventOk(step.event), nowMs)
      expect(fa.state(nowMs)).toBe(gateState(step.gate))
      if (gateState(step.gate) === 'probation' && step.event === undefined) {
        expect(fa.admit(nowMs)).toBe(true) // one permit …
        expect(fa.admit(nowMs)).toBe(false) // … and only one
      }
      const wait = /next wait (\d+(?:\.\d+)?)s/.exec(step.gate)
      if (wait) expect(fa.penaltyEndMs()! - nowMs).toBe(Number(wait[1]) * 1000)
    }
  })

  it.each(backoffVectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const [key, sequence] = Object.entries(v).find(([k]) => k.startsWith('derived_example_min1s_max60s'))! as [string, number[]]
    expect(key).toContain('min1s_max60s')
    const params = { minPenaltyMs: 1000, maxPenaltyMs: 60_000, jitterRatio: 0 }
    expect(sequence.map((_, n) => failureAccrualBackoffMs(n, params, 0) / 1000)).toEqual(sequence)
  })
})

describe('failureAccrualBackoffMs', () => {
  const params = { minPenaltyMs: 1000, maxPenaltyMs: 60_000, jitterRatio: 0.5 }

  it('jitters whole seconds and sub-second nanoseconds separately, truncating each (Rust Duration::new)', () => {
    expect(failureAccrualBackoffMs(0, params, 0.99)).toBe(1000) // trunc(1 s × 0.495) = 0 s
    expect(failureAccrualBackoffMs(1, params, 0.99)).toBe(2000) // trunc(2 × 0.495) = 0 s
    expect(failureAccrualBackoffMs(2, params, 0.99)).toBe(5000) // 4 s + trunc(1.98) = 1 s
    expect(failureAccrualBackoffMs(0, { ...params, minPenaltyMs: 1500 }, 0.5)).toBe(1625) // 1.5 s + 0.5 s × 0.25
  })

  it('caps base + jitter at the maximum penalty', () => {
    expect(failureAccrualBackoffMs(5, params, 0.99)).toBe(47_000) // 32 s + trunc(15.84) s
    expect(failureAccrualBackoffMs(6, params, 0.99)).toBe(60_000)
    expect(failureAccrualBackoffMs(1e6, { ...params, minPenaltyMs: 0 }, 0.7)).toBe(0)
  })

  it('maps 64 random bits to [0, 1) with 53 bits of precision', () => {
    expect(unitIntervalFromRandom64(0n)).toBe(0)
    expect(unitIntervalFromRandom64(2n ** 63n)).toBe(0.5)
    expect(unitIntervalFromRandom64(2n ** 64n - 1n)).toBe(1 - 2 ** -53)
  })

  it('property: min(min·2^n, max) ≤ backoff ≤ max', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 80 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (minMs, extraMs, n, jitterRatio, u) => {
          const maxMs = minMs + extraMs
          const d = failureAccrualBackoffMs(n, { minPenaltyMs: minMs, maxPenaltyMs: maxMs, jitterRatio }, u)
          expect(d).toBeGreaterThanOrEqual(Math.min(minMs * 2 ** n, maxMs))
          expect(d).toBeLessThanOrEqual(maxMs)
        }),
    )
  })
})

describe('createFailureAccrual', () => {
  it('defaults: opens after 7 consecutive failures for 1 s, doubling up to 60 s', () => {
    const fa = createFailureAccrual({}, { random: mockRandom([]) }) // u = 0: no jitter
    for (let i = 0; i < 6; i++) fa.record(false, 0)
    fa.record(true, 0)
    for (let i = 0; i < 6; i++) fa.record(false, 0)
    expect(fa.state(0)).toBe('closed')
    fa.record(false, 0)
    expect(fa.state(999)).toBe('open')
    const ends: number[] = []
    let t = 0
    for (let i = 0; i < 8; i++) {
      ends.push(fa.penaltyEndMs()! - t)
      t = fa.penaltyEndMs()!
      expect(fa.state(t)).toBe('probation')
      fa.record(false, t)
    }
    expect(ends).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000])
    fa.record(true, fa.penaltyEndMs()!)
    expect(fa.state(t + 60_000)).toBe('closed')
  })

  it('draws no random with jitter 0 and one per penalty otherwise', () => {
    let draws = 0
    const counting = () => {
      draws++
      return 2n ** 63n
    }
    const noJitter = createFailureAccrual({ maxFailures: 1, jitterRatio: 0 }, { random: counting })
    noJitter.record(false, 0)
    expect(draws).toBe(0)
    const jittered = createFailureAccrual({ maxFailures: 1, minPenaltyMs: 4000 }, { random: counting })
    jittered.record(false, 0)
    expect(draws).toBe(1)
    expect(jittered.penaltyEndMs()).toBe(5000) // 4 s + trunc(4 × 0.5 × 0.5) s
  })

  it('rejects options linkerd-exp-backoff rejects', () => {
    const random = mockRandom([])
    expect(() => createFailureAccrual({ minPenaltyMs: 10, maxPenaltyMs: 5 }, { random })).toThrow(RangeError)
    expect(() => createFailureAccrual({ minPenaltyMs: 0, maxPenaltyMs: 0 }, { random })).toThrow(RangeError)
    expect(() => createFailureAccrual({ jitterRatio: -1 }, { random })).toThrow(RangeError)
    expect(() => createFailureAccrual({ jitterRatio: 101 }, { random })).toThrow(RangeError)
  })

  it('property: only one probe per probation, never traffic while open; same seed, same states', () => {
    const step = fc.record({ ok: fc.boolean(), dtMs: fc.integer({ min: 0, max: 3000 }), tryAdmit: fc.boolean() })
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.integer({ min: 1, max: 4 }), fc.array(step, { maxLength: 200 }), (seed, maxFailures, steps) => {
        const run = (): string => {
          const fa = createFailureAccrual({ maxFailures, minPenaltyMs: 500, maxPenaltyMs: 8000, jitterRatio: 0.9 }, { random: createSplitMix64(seed) })
          let t = 0
          let admittedInProbation = 0
          let probationOf: number | undefined
          let trace = ''
          for (const { ok, dtMs, tryAdmit } of steps) {
            t += dtMs
            const s = fa.state(t)
            if (s !== 'probation' || fa.penaltyEndMs() !== probationOf) admittedInProbation = 0
            probationOf = fa.penaltyEndMs()
            if (tryAdmit) {
              const admitted = fa.admit(t)
              if (s === 'open') expect(admitted).toBe(false)
              if (s === 'closed') expect(admitted).toBe(true)
              if (s === 'probation' && admitted) expect(++admittedInProbation).toBe(1)
            }
            fa.record(ok, t)
            trace += fa.state(t)[0]
          }
          return trace
        }
        expect(run()).toBe(run())
      }),
    )
  })
})
