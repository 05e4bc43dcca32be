/**
 * Traffic sources: open-loop arrival processes and closed-loop users. Every arrival picks
 * a request from the source's mix (by weight) and enters the mesh through the source's own
 * sidecar (an ingress gateway, or an in-mesh client). A closed-loop user sends its next
 * request an exponential think time after the previous response.
 * NOTE(model): each source has its own gateway proxy with no capacity limit of its own;
 * an in-mesh client (`from: <service>`) sends from its own sidecar, not from that
 * service's replicas.
 */
import { Rng } from '../kernel/rng'
import type { RequestAttributes } from '../mesh/pipeline/routeMatch'
import type { ResolvedScenario } from '../model/resolve'
import { openSpan } from '../metrics/traces'
import { ArrivalProcess, cumulativeWeights, pickWeighted } from '../traffic/arrivals'
import { startCall } from './client'
import { EV } from './events'
import type { CallRec } from './records'
import type { CallSite, SourceRt, World } from './world'

type SiteFactory = (caller: string, to: string, req: RequestAttributes, probability: number, required: boolean) => CallSite

/** Compiles the scenario's traffic sources (each gets a sidecar). */
export function buildSources(w: World, zones: ReadonlyMap<string, number>, site: SiteFactory): void {
  w.cfg.sources.forEach((src, id) => {
    const zone = src.zone === null ? w.zoneCount - 1 : zones.get(src.zone)!
    const sidecar = w.sidecars.length
    w.sidecars.push({ id: sidecar, name: `${src.from}/${src.name}`, zone, states: new Map() })
    const { cumulative, total } = cumulativeWeights(src.mix.map((m) => m.weight))
    const rng = new Rng(w.cfg.seed, `traffic:${src.name}`)
    const startUs = Math.round(src.startMs * 1000)
    const load = src.load
    const source: SourceRt = {
      id, name: src.name, sidecar,
      sites: src.mix.map((m) => site(src.from, src.to, m, 100, true)),
      mixCumulative: cumulative, mixTotal: total, rng,
      arrival: load.kind === 'closed_loop' ? null : new ArrivalProcess(load, startUs, rng),
      users: load.kind === 'closed_loop' ? load.users : 0,
      thinkUs: load.kind === 'closed_loop' ? load.thinkTime * 1000 : 0,
      startUs, stopUs: Math.round(src.stopMs * 1000),
    }
    w.sources.push(source)
  })
}

/** Schedules every source's first arrival (closed-loop users start after one think time). */
export function scheduleSources(w: World): void {
  for (const src of w.sources) {
    if (src.arrival) {
      const first = src.arrival.first()
      if (first < src.stopUs) w.sim.schedule(first, EV.arrival, src.id, -1)
      continue
    }
    for (let u = 0; u < src.users; u++) {
      const at = src.startUs + Math.round(src.rng.exponential(src.thinkUs))
      if (at < src.stopUs) w.sim.schedule(at, EV.arrival, src.id, u)
    }
  }
}

/** An arrival: one user request enters the mesh; open-loop sources schedule the next. */
export function onArrival(w: World, sourceId: number, user: number): void {
  const src = w.sources[sourceId]!
  const now = w.sim.now
  if (now >= src.stopUs) return
  const site = src.sites[pickWeighted(src.mixCumulative, src.mixTotal, src.rng)]!
  const sampled = now >= w.warmUs && w.traces.shouldSample()
  const span = sampled ? openSpan(null, 'request', `${w.edges[site.edge]!.from} → ${w.services[site.service]!.name}`, now) : null
  const sidecar = w.sidecars[src.sidecar]!
  startCall(w, site, sidecar.id, sidecar.zone, -1, 0, sourceId, user, span)
  if (src.arrival) {
    const next = src.arrival.next(now)
    if (next < src.stopUs) w.sim.schedule(next, EV.arrival, sourceId, -1)
  }
}

/** A user request finished: a closed-loop user thinks, then sends the next one. */
export function onRootDone(w: World, c: CallRec): void {
  if (c.user < 0) return
  const src = w.sources[c.source]!
  const at = w.sim.now + Math.round(src.rng.exponential(src.thinkUs))
  if (at < src.stopUs) w.sim.schedule(at, EV.arrival, src.id, c.user)
}

/** Roughly how many user requests a run will see after the warm-up (for trace sampling). */
export function expectedRootRequests(cfg: ResolvedScenario): number {
  let total = 0
  for (const src of cfg.sources) {
    const seconds = Math.max(0, (src.stopMs - Math.max(src.startMs, cfg.warmupMs)) / 1000)
    const load = src.load
    let rate: number
    switch (load.kind) {
      case 'constant':
      case 'poisson':
        rate = load.rate
        break
      case 'ramp':
        rate = (load.from + load.to) / 2
        break
      case 'step':
        rate = Math.max(...load.steps.map((s) => s.rate))
        break
      case 'burst':
        rate = load.rate
        break
      case 'closed_loop':
        rate = load.users / Math.max(0.001, load.thinkTime / 1000 + 0.05)
        break
    }
    total += rate * seconds
  }
  return total
}
