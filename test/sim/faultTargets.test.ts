/**
 * A fault on one replica versus the whole target: `error_burst` and `latency` take an
 * optional `replica` index, so one bad pod can be modelled (the outlier-ejection lesson).
 */
import { describe, expect, it } from 'vitest'
import { checkReferences } from '../../engine/index'
import type { Scenario } from '../../engine/index'
import { runScenario, twoTier } from '../support/runScenario'

function failedShareDuringBurst(replica: number | undefined): number {
  const s: Scenario = twoTier({ rps: 400, backReplicas: 4, durationMs: 20_000 })
  s.destinations = [{ service: 'back', loadBalancer: { kind: 'round_robin' } }]
  s.routes = [{ service: 'back', rules: [{ split: [{ version: 'v1', weight: 100 }], retries: { attempts: 0 } }] }]
  s.faults = [{ kind: 'error_burst', at: 5000, for: 10_000, service: 'back', rate: 100, status: 503, ...(replica === undefined ? {} : { replica }) }]
  const r = runScenario(s).summary
  const series = r.timeSeries.services.front!.fields
  const window = (xs: readonly number[]) => xs.slice(6, 14).reduce((a, b) => a + b, 0)
  return window(series.failed!) / window(series.requests!)
}

describe('fault targets', () => {
  it('an error burst on one replica of four fails a quarter of requests; on the target, all of them', () => {
    // round robin without retries sends 1/4 of requests to replica 1, and each fails there
    expect(failedShareDuringBurst(1)).toBeGreaterThan(0.22)
    expect(failedShareDuringBurst(1)).toBeLessThan(0.28)
    expect(failedShareDuringBurst(undefined)).toBeGreaterThan(0.99)
  })

  it('a replica index beyond the target is a REF_007 error at the field', () => {
    const s = twoTier({ backReplicas: 2 })
    s.faults = [{ kind: 'error_burst', at: 1000, for: 1000, service: 'back', rate: 50, replica: 2 }]
    expect(checkReferences(s).map((d) => `${d.code} ${d.path}`)).toEqual(['REF_007 faults[0].replica'])
  })
})
