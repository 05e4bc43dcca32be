import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { makeHost, takePicks } from '../../../test/support/hosts'
import { vectorList, vectorLookup } from '../../../test/support/vectors'
import { createSplitMix64, mockRandom } from '../random64'
import { createBalancer } from './balancer'
import type { Balancer, HostState } from './balancer'
import { createSlowStart } from './slowStart'

type Json = Record<string, any>
const vectors = vectorList<Json>('envoy_edf_rr_lr.json')
const vector = vectorLookup(vectors)

const host = makeHost
const picks = takePicks
const fixedClock = (ms = 0) => () => ms

describe('round_robin: upstream vectors', () => {
  it('RR Normal (unweighted): index starts at the seed, hosts[idx++ % n]', () => {
    const v = vector('RR Normal (unweighted)')
    const hosts = (v.inputs.hosts as string[]).map((k) => host(k))
    const random = mockRandom([v.inputs.seed]) // seed, then 0 for every priority draw
    const lb = createBalancer('round_robin', hosts, {}, { random, nowMs: fixedClock() })
    expect(picks(lb, v.expected.picks.length)).toEqual(v.expected.picks)
  })

  it('RR Seed: a mocked random of 1 starts at host 1', () => {
    const v = vector('RR Seed')
    const hosts = (v.inputs.hosts as string[]).map((k) => host(k))
    const random = mockRandom([], BigInt(v.inputs.mocked_random_always))
    const lb = createBalancer('round_robin', hosts, {}, { random, nowMs: fixedClock() })
    expect(picks(lb, v.expected.picks.length)).toEqual(v.expected.picks)
  })

  it('RR Weighted (EDF, seed 0): lazy weight changes and rebuilds on membership change', () => {
    const v = vector('RR Weighted (EDF, seed 0)')
    const byId = new Map<number, HostState>()
    const hostById = (id: number) => byId.get(id) ?? byId.set(id, host(`:${80 + id}`)).get(id)!
    let ids: number[] = []
    let lb: Balancer | undefined
    for (const step of v.steps as Json[]) {
      const change: string = step.change ?? ''
      const refer = /indices refer to \[([^\]]+)\]/.exec(change)
      if (refer) ids = refer[1]!.split(',').map((s) => Number(/host(\d+)/.exec(s)![1]))
      else if (step.hosts_weights) ids = step.hosts_weights.map((_: number, i: number) => i)
      for (const m of change.matchAll(/host(\d+)\.weight=(\d+)/g)) hostById(Number(m[1])).weight = Number(m[2])
      step.hosts_weights?.forEach((w: number, i: number) => (hostById(ids[i]!).weight = w))
      const hosts = ids.map(hostById)
      const rebuild = step.rebuild === true || /-> rebuild/.test(change)
      expect(rebuild || /WITHOUT rebuild/.test(change)).toBe(true)
      if (lb === undefined) lb = createBalancer('round_robin', hosts, {}, { random: mockRandom([]), nowMs: fixedClock() })
      else if (rebuild) lb.setHosts(hosts)
      const expected: number[] = step.expected ?? step.expected_host_ids.map((id: number) => ids.indexOf(id))
      expect(picks(lb, expected.length)).toEqual(expected)
    }
  })

  it('RR MaxUnhealthyPanic: below the threshold RR covers all hosts, then only healthy ones', () => {
    const v = vector('RR MaxUnhealthyPanic')
    const n: number = v.inputs.hosts
    const hosts = Array.from({ length: n }, (_, i) => host(`:${80 + i}`, 1, { healthy: i < v.inputs.healthy }))
    const config = { healthyPanicThreshold: v.inputs.panic_threshold }
    const lb = createBalancer('round_robin', hosts, config, { random: mockRandom([]), nowMs: fixedClock() })
    const panicPicks = [...(v.expected.panic as string).matchAll(/hosts\[(\d+)\]/g)].map((m) => Number(m[1]))
    expect(picks(lb, panicPicks.length)).toEqual(panicPicks)

    const [afterKey, afterText] = Object.entries(v.expected).find(([k]) => k.startsWith('after'))! as [string, string]
    const healthyNow = Number(/after (\d+)\/\d+ healthy/.exec(afterKey)![1])
    hosts.forEach((h, i) => (h.healthy = i < healthyNow))
    lb.setHosts(hosts)
    const healthyIndices = hosts.flatMap((h, i) => (h.healthy ? [i] : []))
    const expected = [...afterText.matchAll(/healthy\[(\d+)\]/g)].map((m) => healthyIndices[Number(m[1])])
    expect(picks(lb, expected.length)).toEqual(expected)
    // lb_healthy_panic (a stat) counts the panic-mode picks above; stats are not modelled.
    expect(v.expected.lb_healthy_panic).toBe(panicPicks.length)
  })

  it('RR SlowStartNoWait: slow-start weights ramp over the window, EDF rebuilt at each host update', () => {
    const v = vector('RR SlowStartNoWait (window 60s, aggression 1, min 10%)')
    const window = Number(/window (\d+)s/.exec(v.name)![1]) * 1000
    const aggression = Number(/aggression (\d+(?:\.\d+)?)/.exec(v.name)![1])
    const minWeightPercent = Number(/min (\d+)%/.exec(v.name)![1])
    const slowStart = { windowMs: window, aggression, minWeightPercent }
    let now = v.inputs.host0_last_hc_pass_ms as number
    const clock = () => now
    const [w0, w1] = v.inputs.weights as number[]
    // Without active health checks, a host's window opens when the balancer first sees it.
    const h0 = host(':80', w0)
    const h1 = host(':81', w1)
    const lb = createBalancer('round_robin', [h0], { slowStart }, { random: mockRandom([v.inputs.seed]), nowMs: clock })
    const tracker = createSlowStart(slowStart, now)
    tracker.observe([h0], now)
    now = v.inputs.host1_last_hc_pass_ms
    lb.setHosts([h0, h1])
    tracker.observe([h0, h1], now)
    for (const phase of v.phases as Json[]) {
      now = phase.now_ms
      lb.setHosts([h0, h1])
      const weights = [h0, h1].map((h) => (tracker.isActive(now) ? tracker.apply(h.weight, h, now) : h.weight))
      weights.forEach((w, i) => expect(w).toBeCloseTo(phase.effective_weights[i], 12))
      expect(picks(lb, phase.expected_picks.length)).toEqual(phase.expected_picks)
    }
  })
})

describe('round_robin: examples and edge cases', () => {
  it('draws one random for the seed and one per pick', () => {
    let draws = 0
    const random = () => (draws++, 0n)
    const lb = createBalancer('round_robin', [host('a'), host('b')], {}, { random, nowMs: fixedClock() })
    expect(draws).toBe(1)
    picks(lb, 5)
    expect(draws).toBe(6)
  })

  it('the unweighted index survives host changes (continues modulo the new size)', () => {
    const lb = createBalancer('round_robin', [host('a'), host('b'), host('c')], {}, { random: mockRandom([]), nowMs: fixedClock() })
    expect(picks(lb, 2)).toEqual([0, 1])
    lb.setHosts([host('x'), host('y')])
    // The counter is at 2: 2 % 2 = 0, then 1.
    expect(picks(lb, 2)).toEqual([0, 1])
  })

  it('seed 2^64−1 wraps exactly like a uint64 index', () => {
    const lb = createBalancer('round_robin', [host('a'), host('b'), host('c')], {}, { random: mockRandom([-1]), nowMs: fixedClock() })
    // (2^64−1) % 3 = 0, then the index wraps to 0, 1, ...
    expect(picks(lb, 4)).toEqual([0, 0, 1, 2])
  })

  it('zero hosts, one host, all unhealthy', () => {
    const ctx = { random: mockRandom([]), nowMs: fixedClock() }
    expect(createBalancer('round_robin', [], {}, ctx).pick()).toBeUndefined()
    expect(picks(createBalancer('round_robin', [host('a', 5)], {}, ctx), 3)).toEqual([0, 0, 0])
    const down = [host('a', 1, { healthy: false }), host('b', 1, { healthy: false })]
    expect(picks(createBalancer('round_robin', down, {}, ctx), 2)).toEqual([0, 1]) // panic: all hosts
    expect(createBalancer('round_robin', down, { healthyPanicThreshold: 0 }, ctx).pick()).toBeUndefined()
  })

  it('weight 0 hosts are never picked, on either path', () => {
    const ctx = { random: mockRandom([]), nowMs: fixedClock() }
    expect(new Set(picks(createBalancer('round_robin', [host('a', 0), host('b', 1), host('c', 1)], {}, ctx), 20))).toEqual(new Set([1, 2]))
    expect(new Set(picks(createBalancer('round_robin', [host('a', 0), host('b', 1), host('c', 3)], {}, ctx), 20))).toEqual(new Set([1, 2]))
  })
})

describe('round_robin: distribution', () => {
  it('weights 1:2:3 get 1/6, 2/6, 3/6 of 100k seeded picks (± 0.5 pp)', () => {
    const lb = createBalancer('round_robin', [host('a', 1), host('b', 2), host('c', 3)], {}, { random: createSplitMix64(7n), nowMs: fixedClock() })
    const counts = [0, 0, 0]
    for (let i = 0; i < 100_000; i++) counts[lb.pick()!]++
    // EDF is exact per cycle of Σw = 6 picks: shares are wᵢ / 6.
    ;[1 / 6, 2 / 6, 3 / 6].forEach((p, i) => expect(Math.abs(counts[i]! / 100_000 - p)).toBeLessThan(0.005))
  })

  it('P0 with half its hosts healthy and a healthy P1 split 70/30 (± 1 pp)', () => {
    const hosts = [
      ...[0, 1, 2, 3].map((i) => host(`p0-${i}`, 1, { healthy: i < 2 })),
      ...[0, 1, 2, 3].map((i) => host(`p1-${i}`, 1, { priority: 1 })),
    ]
    const lb = createBalancer('round_robin', hosts, {}, { random: createSplitMix64(11n), nowMs: fixedClock() })
    let p0 = 0
    for (let i = 0; i < 100_000; i++) if (lb.pick()! < 4) p0++
    // P0 health = 140 · 2/4 = 70 → 70 % of requests; P1 takes the other 30 %.
    expect(Math.abs(p0 / 100_000 - 0.7)).toBeLessThan(0.01)
  })
})

describe('round_robin: properties', () => {
  const hostsArb = fc.array(
    fc.record({ weight: fc.integer({ min: 0, max: 4 }), healthy: fc.boolean() }),
    { minLength: 1, maxLength: 8 },
  )

  it('a weight-0 host is never picked', () => {
    fc.assert(
      fc.property(hostsArb, fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (specs, seed) => {
        const hosts = specs.map((s, i) => host(`h${i}`, s.weight, { healthy: s.healthy }))
        const lb = createBalancer('round_robin', hosts, {}, { random: createSplitMix64(seed), nowMs: fixedClock() })
        for (const pick of picks(lb, 30)) if (pick !== undefined) expect(hosts[pick]!.weight).toBeGreaterThan(0)
      }),
    )
  })

  it('the same seed gives the same picks', () => {
    fc.assert(
      fc.property(hostsArb, fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), (specs, seed) => {
        const run = () => {
          const hosts = specs.map((s, i) => host(`h${i}`, s.weight, { healthy: s.healthy }))
          const lb = createBalancer('round_robin', hosts, {}, { random: createSplitMix64(seed), nowMs: fixedClock() })
          return [...picks(lb, 20), (lb.setHosts(hosts.slice(1)), undefined), ...picks(lb, 20)]
        }
        expect(run()).toEqual(run())
      }),
    )
  })
})
