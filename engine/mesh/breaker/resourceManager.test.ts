import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { vectorList } from '../../../test/support/vectors'
import { createResourceManager } from './resourceManager'
import type { CountedResourceLimit } from './resourceManager'

interface BudgetVector {
  name: string
  source: string
  inputs: {
    max_connections: number; max_pending_requests: number; max_requests: number; max_retries: number
    budget_percent: number; min_retry_concurrency: number; active_requests: number; pending_requests: number
  }
  expected: { retries_max: number }
}

const vectors = vectorList<BudgetVector>('envoy_retry_budget.json')

const incTimes = (limit: CountedResourceLimit, n: number): void => {
  for (let i = 0; i < n; i++) limit.inc()
}

describe('envoy_retry_budget.json vectors', () => {
  it.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const i = v.inputs
    const rm = createResourceManager({
      maxConnections: i.max_connections,
      maxPendingRequests: i.max_pending_requests,
      maxRequests: i.max_requests,
      maxRetries: i.max_retries,
      retryBudget: { budgetPercent: i.budget_percent, minRetryConcurrency: i.min_retry_concurrency },
    })
    incTimes(rm.requests, i.active_requests)
    incTimes(rm.pendingRequests, i.pending_requests)
    expect(rm.retries.max()).toBe(v.expected.retries_max)
    expect(rm.connections.max()).toBe(i.max_connections)
    expect(rm.pendingRequests.max()).toBe(i.max_pending_requests)
    expect(rm.requests.max()).toBe(i.max_requests)
  })
})

describe('createResourceManager', () => {
  it("uses Envoy's defaults 1024 / 1024 / 1024 / 3", () => {
    const rm = createResourceManager({})
    expect([rm.connections.max(), rm.pendingRequests.max(), rm.requests.max(), rm.retries.max()]).toEqual([1024, 1024, 1024, 3])
  })

  it('refuses at the limit but inc() never refuses; remaining() floors at 0', () => {
    const rm = createResourceManager({ maxRetries: 2 })
    rm.retries.inc()
    expect(rm.retries.canCreate()).toBe(true)
    rm.retries.inc()
    expect(rm.retries.canCreate()).toBe(false)
    expect(rm.retries.remaining()).toBe(0)
    rm.retries.inc() // Envoy may overshoot; the count follows
    expect(rm.retries.count()).toBe(3)
    expect(rm.retries.remaining()).toBe(0)
    rm.retries.dec()
    rm.retries.dec()
    expect(rm.retries.canCreate()).toBe(true)
    expect(rm.retries.remaining()).toBe(1)
  })

  it('budget: max(floor(20 % × (active + pending)), 3), recomputed as requests come and go', () => {
    const rm = createResourceManager({ maxRetries: 0, retryBudget: {} })
    expect(rm.retries.max()).toBe(3) // floor(0.2 × 0) < 3
    incTimes(rm.requests, 20)
    expect(rm.retries.max()).toBe(4) // floor(0.2 × 20)
    incTimes(rm.pendingRequests, 9)
    expect(rm.retries.max()).toBe(5) // floor(0.2 × 29) = floor(5.8)
    incTimes(rm.retries, 5)
    expect(rm.retries.canCreate()).toBe(false) // budget exhausted
    rm.requests.dec()
    rm.requests.dec()
    rm.requests.dec()
    rm.requests.dec()
    expect(rm.retries.max()).toBe(5) // floor(0.2 × 25)
    rm.requests.dec()
    expect(rm.retries.max()).toBe(4) // floor(0.2 × 24) = 4, below the 5 in use
    expect(rm.retries.remaining()).toBe(0)
  })

  it('rejects dec() without inc() and invalid thresholds', () => {
    const rm = createResourceManager({})
    expect(() => rm.connections.dec()).toThrow(RangeError)
    expect(rm.connections.count()).toBe(0)
    expect(() => createResourceManager({ maxRequests: -1 })).toThrow(RangeError)
    expect(() => createResourceManager({ retryBudget: { budgetPercent: 120 } })).toThrow(RangeError)
  })

  it('property: in use never negative; canCreate and remaining agree with max', () => {
    const op = fc.record({ limit: fc.constantFrom('connections', 'pendingRequests', 'requests', 'retries' as const), inc: fc.boolean() })
    fc.assert(
      fc.property(
        fc.option(fc.record({ budgetPercent: fc.integer({ min: 0, max: 100 }), minRetryConcurrency: fc.integer({ min: 0, max: 10 }) }), { nil: undefined }),
        fc.array(op, { maxLength: 300 }),
        (budget, ops) => {
          const rm = createResourceManager({ maxConnections: 5, maxPendingRequests: 7, maxRequests: 9, maxRetries: 2, retryBudget: budget })
          for (const { limit, inc } of ops) {
            const l = rm[limit]
            if (inc) l.inc()
            else if (l.count() > 0) l.dec()
            else expect(() => l.dec()).toThrow(RangeError)
            for (const r of [rm.connections, rm.pendingRequests, rm.requests, rm.retries]) {
              expect(r.count()).toBeGreaterThanOrEqual(0)
              expect(r.canCreate()).toBe(r.count() < r.max())
              expect(r.remaining()).toBe(Math.max(r.max() - r.count(), 0))
            }
          }
        },
      ),
    )
  })
})
