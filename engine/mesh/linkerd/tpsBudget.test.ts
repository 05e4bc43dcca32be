import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { vectorList } from '../../../test/support/vectors'
import { createTpsBudget } from './tpsBudget'

interface TpsCase { test: string; ttl_s: number; min_per_sec: number; ratio: number; ops: string[]; expected: boolean[] }
interface TpsVector {
  name: string
  cases: TpsCase[]
  linkerd_default: { ttl_s: number; min_retries_per_second: number; retry_ratio: number } & Record<string, unknown>
}

const vectors = vectorList<{ name: string }>('linkerd_tower.json')
const tpsVectors = vectors.filter((v) => v.name.startsWith('TpsBudget')) as TpsVector[]

/** Ops look like "deposit@0", "withdraw@901 -> true" or "withdraw x6 @0" (times in ms). */
const OP = /^(deposit|withdraw)(?:\s+x(\d+))?\s*@(\d+(?:\.\d+)?)(?:\s*->\s*(true|false))?$/

function replay(c: TpsCase): { results: boolean[]; annotated: (boolean | undefined)[] } {
  const budget = createTpsBudget({ ttlMs: c.ttl_s * 1000, minPerSecond: c.min_per_sec, retryRatio: c.ratio })
  const results: boolean[] = []
  const annotated: (boolean | undefined)[] = []
  for (const op of c.ops) {
    const m = OP.exec(op.trim())
    if (m === null) throw new Error(`unparsed op "${op}"`)
    const [, kind, times, at, note] = m
    for (let i = 0; i < Number(times ?? 1); i++) {
      if (kind === 'deposit') budget.deposit(Number(at))
      else {
        results.push(budget.withdraw(Number(at)))
        annotated.push(note === undefined ? undefined : note === 'true')
      }
    }
  }
  return { results, annotated }
}

describe('linkerd_tower.json TpsBudget vectors', () => {
  const cases = tpsVectors.flatMap((v) => v.cases.map((c) => [`${v.name}: ${c.test}`, c] as const))
  it('has TpsBudget cases', () => expect(cases.length).toBeGreaterThan(0))

  it.each(cases)('%s', (_name, c) => {
    const { results, annotated } = replay(c)
    expect(results).toEqual(c.expected)
    annotated.forEach((a, i) => a !== undefined && expect(results[i]).toBe(a))
  })

  it.each(tpsVectors.map((v) => [v.name, v] as const))('%s: Linkerd default token amounts', (_name, v) => {
    const d = v.linkerd_default
    const derived = Object.entries(d).find(([k]) => k.startsWith('derived_token_amounts'))?.[1] as
      { deposit: number; withdraw: number; reserve: number }
    const budget = createTpsBudget({ ttlMs: d.ttl_s * 1000, minPerSecond: d.min_retries_per_second, retryRatio: d.retry_ratio })
    expect({ deposit: budget.depositAmount, withdraw: budget.withdrawAmount, reserve: budget.reserve }).toEqual(derived)
  })
})

describe('createTpsBudget', () => {
  it('computes withdraw amounts in f32: ratio 0.1 → 10 (f64 would give 9)', () => {
    expect(createTpsBudget({ ttlMs: 10_000, minPerSecond: 0, retryRatio: 0.1 }).withdrawAmount).toBe(10)
    expect(createTpsBudget({ ttlMs: 1000, minPerSecond: 0, retryRatio: 0 })).toMatchObject({ depositAmount: 0, withdrawAmount: 1 })
    expect(createTpsBudget({ ttlMs: 1000, minPerSecond: 0, retryRatio: 3 })).toMatchObject({ depositAmount: 1000, withdrawAmount: 333 })
  })

  it('budget exhaustion: 0.2 ratio allows one retry per five deposits beyond the reserve', () => {
    const budget = createTpsBudget({ ttlMs: 10_000, minPerSecond: 0, retryRatio: 0.2 })
    for (let i = 0; i < 9; i++) budget.deposit(i)
    expect(budget.withdraw(10)).toBe(true)
    expect(budget.withdraw(10)).toBe(false) // 4 tokens left < 5
    budget.deposit(11)
    expect(budget.withdraw(12)).toBe(true)
    expect(budget.withdraw(12_000)).toBe(false) // every deposit has expired
  })

  it('rejects what tower asserts against', () => {
    expect(() => createTpsBudget({ ttlMs: 999, minPerSecond: 0, retryRatio: 1 })).toThrow(RangeError)
    expect(() => createTpsBudget({ ttlMs: 60_001, minPerSecond: 0, retryRatio: 1 })).toThrow(RangeError)
    expect(() => createTpsBudget({ ttlMs: 1000, minPerSecond: 0, retryRatio: 1001 })).toThrow(RangeError)
    expect(() => createTpsBudget({ ttlMs: 1000, minPerSecond: -1, retryRatio: 1 })).toThrow(RangeError)
  })

  it('property: within one instant, spent tokens never exceed reserve + deposits, and never fall short by a withdrawal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 20 }), fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1000, noNaN: true })), fc.array(fc.boolean(), { maxLength: 300 }), (ttlS, minPerSec, ratio, ops) => {
        const budget = createTpsBudget({ ttlMs: ttlS * 1000, minPerSecond: minPerSec, retryRatio: ratio })
        let tokens = budget.reserve
        for (const deposit of ops) {
          if (deposit) {
            budget.deposit(0)
            tokens += budget.depositAmount
          } else {
            const ok = budget.withdraw(0)
            expect(ok).toBe(tokens >= budget.withdrawAmount)
            if (ok) tokens -= budget.withdrawAmount
          }
          expect(budget.balance()).toBe(tokens)
        }
      }),
    )
  })

  it('property: the same operations give the same answers', () => {
    const op = fc.record({ deposit: fc.boolean(), dt: fc.integer({ min: 0, max: 700 }) })
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0.1, 0.2, 0.5, 1, 2), fc.array(op, { maxLength: 300 }), (ttlS, ratio, ops) => {
        const run = (): boolean[] => {
          const budget = createTpsBudget({ ttlMs: ttlS * 1000, minPerSecond: 1, retryRatio: ratio })
          let now = 0
          return ops.map(({ deposit, dt }) => {
            now += dt
            if (!deposit) return budget.withdraw(now)
            budget.deposit(now)
            return true
          })
        }
        expect(run()).toEqual(run())
      }),
    )
  })
})
