import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loadVectors } from '../../../test/support/vectors'
import { createSplitMix64, mockRandom } from '../random64'
import { createBalancer } from './balancer'
import type { BalancerConfig, BalancerKind, HostState } from './balancer'
import { groupPriorityLevels } from './priorityLevels'
import { computePriorityLoad } from './priorityLoad'

const kinds: BalancerKind[] = ['round_robin', 'least_request', 'random', 'ring_hash', 'maglev']
const clock = () => 0
const MAX64 = (1n << 64n) - 1n

/** Vectors of envoy_edf_rr_lr.json and the test file that replays each. */
const replayedIn: Record<string, string> = {
  'EDF Unweighted': 'edfScheduler.test.ts',
  'EDF Weighted': 'edfScheduler.test.ts',
  'EDF createWithPicks first-pick distribution': 'edfScheduler.test.ts',
  'RR Normal (unweighted)': 'roundRobin.test.ts',
  'RR Seed': 'roundRobin.test.ts',
  'RR Weighted (EDF, seed 0)': 'roundRobin.test.ts',
  'RR MaxUnhealthyPanic': 'roundRobin.test.ts',
  'RR SlowStartNoWait (window 60s, aggression 1, min 10%)': 'roundRobin.test.ts',
  'LR Normal P2C': 'leastRequest.test.ts',
  'LR FullScan': 'leastRequest.test.ts',
  'LR WeightImbalance (EDF, weight/(active+1)^1.0)': 'leastRequest.test.ts',
  'LR EqualWeightsWithActiveRequestBias (newer Envoy; runtime guard least_request_lb_active_request_bias_forces_weighted)':
    'leastRequest.test.ts',
  'Locality WRR': 'locality.test.ts',
}

describe('vector coverage', () => {
  it('every vector of envoy_edf_rr_lr.json is replayed by a test file', () => {
    const file = loadVectors<{ vectors: { name: string }[] }>('envoy_edf_rr_lr.json')
    for (const v of file.vectors) expect(replayedIn[v.name], v.name).toBeDefined()
  })
})

describe('createBalancer', () => {
  it('rejects an unknown kind', () => {
    expect(() => createBalancer('p2c_ewma' as BalancerKind, [], {}, { random: mockRandom([]), nowMs: clock })).toThrow(RangeError)
  })

  for (const kind of kinds) {
    it(`${kind}: zero hosts picks nothing, one host is always picked`, () => {
      const ctx = { random: createSplitMix64(1n), nowMs: clock }
      const lb = createBalancer(kind, [], { tableSize: 307 }, ctx)
      expect(lb.pick()).toBeUndefined()
      lb.setHosts([{ key: 'h:80', weight: 3, healthy: true, active: 0 }])
      expect(Array.from({ length: 5 }, () => lb.pick())).toEqual([0, 0, 0, 0, 0])
    })
  }
})

const specArb = fc.record({
  weight: fc.integer({ min: 0, max: 4 }),
  healthy: fc.boolean(),
  active: fc.integer({ min: 0, max: 4 }),
  priority: fc.integer({ min: 0, max: 2 }),
  locality: fc.constantFrom(undefined, 'a', 'b', 'c'),
})
type HostSpec = Omit<HostState, 'key'>
const toHosts = (specs: readonly HostSpec[]): HostState[] => specs.map((s, i) => ({ key: `10.0.${i}.1:80`, ...s }))
const configArb: fc.Arbitrary<BalancerConfig> = fc.record({
  healthyPanicThreshold: fc.constantFrom(0, 50, 100),
  overprovisioningFactor: fc.constantFrom(100, 140),
  localityWeights: fc.constantFrom<Record<string, number> | undefined>(undefined, { a: 1, b: 2 }, { a: 1, b: 1, c: 5 }),
  selectionMethod: fc.constantFrom('N_CHOICES' as const, 'FULL_SCAN' as const),
  tableSize: fc.constant(307),
  minimumRingSize: fc.constant(64),
})

describe('all balancers: properties', () => {
  it('a pick is a host of weight > 0, healthy unless its level is in panic', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.array(specArb, { maxLength: 10 }),
        configArb,
        fc.bigInt({ min: 0n, max: MAX64 }),
        (kind, specs, config, seed) => {
          const hosts = toHosts(specs)
          const panic = computePriorityLoad(groupPriorityLevels(hosts).map((l) => l.counts), config).panic
          const lb = createBalancer(kind, hosts, config, { random: createSplitMix64(seed), nowMs: clock })
          for (let k = 0; k < 20; k++) {
            const p = lb.pick()
            if (p === undefined) continue
            const h = hosts[p]!
            expect(h.weight).toBeGreaterThan(0)
            if (!panic[h.priority ?? 0]) expect(h.healthy).toBe(true)
          }
        },
      ),
    )
  })

  it('the same seed gives the same picks, across host changes mid-run', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds),
        fc.array(specArb, { maxLength: 8 }),
        fc.array(specArb, { maxLength: 8 }),
        configArb,
        fc.bigInt({ min: 0n, max: MAX64 }),
        (kind, before, after, config, seed) => {
          const run = () => {
            let now = 0
            const lb = createBalancer(kind, toHosts(before), config, { random: createSplitMix64(seed), nowMs: () => now })
            const out = Array.from({ length: 10 }, () => lb.pick())
            now = 1_000
            lb.setHosts(toHosts(after))
            return [...out, ...Array.from({ length: 10 }, () => lb.pick())]
          }
          expect(run()).toEqual(run())
        },
      ),
    )
  })
})
