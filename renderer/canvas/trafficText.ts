/** One-line descriptions of traffic sources, shown on their nodes (and sized by the layout). */
import type { Load, TrafficSource } from '../../engine/index'

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 2 })

/** Where the requests come from: the edge (ingress) or a client inside the mesh. */
export function describeOrigin(source: TrafficSource): string {
  return source.from && source.from !== 'ingress' ? `client in ${source.from}` : 'ingress traffic'
}

/** The arrival process in a few words: `poisson · 50 rps`, `closed loop · 20 users`. */
export function describeLoad(load: Load): string {
  switch (load.kind) {
    case 'constant':
    case 'poisson':
      return `${load.kind} · ${number.format(load.rate)} rps`
    case 'ramp':
      return `ramp · ${number.format(load.from)}→${number.format(load.to)} rps`
    case 'step':
      return `steps · ${load.steps.map((s) => number.format(s.rate)).join('→')} rps`
    case 'burst':
      return `burst · ${number.format(load.rate)} / ${number.format(load.burstRate)} rps`
    case 'closed_loop':
      return `closed loop · ${load.users} ${load.users === 1 ? 'user' : 'users'}`
  }
}
