/**
 * A Fortio load-generator Job per traffic source: `fortio load -qps <rate> -t <duration>
 * -c <connections> <url>` against the service the traffic enters.
 *
 * Fortio sends at a fixed rate (evenly spaced per connection) to one URL. So: constant and
 * Poisson loads use their rate (Poisson's randomness is lost); ramp, step and burst loads
 * use their time-averaged rate; a closed loop of U users with think time T becomes U
 * connections at U/T requests per second (an upper bound: it ignores response time); a
 * request mix uses its heaviest entry's path. Each approximation is reported by the exporter.
 * `activeDeadlineSeconds` ends the Job even when an injected sidecar keeps the pod alive.
 *
 * @see https://github.com/fortio/fortio#command-line-arguments
 */
import type { Load, Scenario, TrafficSource } from '../../model/types'
import type { ExportOptions } from '../types'
import { findService, namespaceOf, portOf, serviceFqdn } from '../facts/scenarioFacts'
import type { Resource } from './workloads'

/** The pinned Fortio image. */
export const FORTIO_IMAGE = 'fortio/fortio:1.69.4'

/** The rate Fortio is asked for and whether that is exact for the load's shape. */
export function fortioRate(load: Load, durationMs: number): { qps: number; connections: number; exact: boolean } {
  const conns = (qps: number) => Math.max(1, Math.min(64, Math.ceil(qps / 10)))
  switch (load.kind) {
    case 'constant': return { qps: load.rate, connections: conns(load.rate), exact: true }
    case 'poisson': return { qps: load.rate, connections: conns(load.rate), exact: false }
    case 'ramp': {
      const over = Math.min(load.over, durationMs)
      const avg = durationMs > 0 ? ((load.from + (load.from + (load.to - load.from) * (over / load.over))) / 2 * over + load.to * (durationMs - over)) / durationMs : load.to
      return { qps: round(avg), connections: conns(avg), exact: false }
    }
    case 'step': {
      const steps = [...load.steps].sort((a, b) => a.at - b.at)
      let total = 0
      steps.forEach((s, i) => {
        const end = Math.min(durationMs, steps[i + 1]?.at ?? durationMs)
        total += s.rate * Math.max(0, end - Math.min(s.at, durationMs))
      })
      const avg = durationMs > 0 ? total / durationMs : steps[0]!.rate
      return { qps: round(avg), connections: conns(avg), exact: false }
    }
    case 'burst': {
      const avg = (load.burstRate * load.length + load.rate * Math.max(0, load.every - load.length)) / load.every
      return { qps: round(avg), connections: conns(avg), exact: false }
    }
    case 'closed_loop': {
      const qps = load.users / (load.thinkTime / 1000)
      return { qps: round(qps), connections: load.users, exact: false }
    }
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}

/** The heaviest mix entry's path (first on ties), or `/`. */
export function mainPath(source: TrafficSource): string {
  const mix = source.mix ?? []
  let best = mix[0]
  for (const m of mix) if (best && m.weight > best.weight) best = m
  return best?.path ?? '/'
}

/** How long `source` sends, ms: from its start to its stop within the scenario. */
export function sourceWindowMs(scenario: Scenario, source: TrafficSource): number {
  return Math.max(0, (source.stop ?? scenario.duration) - (source.start ?? 0))
}

/** The Fortio Job for `source`, or undefined when its target is unknown. */
export function loadJobOf(scenario: Scenario, source: TrafficSource, options: ExportOptions): Resource | undefined {
  const target = findService(scenario, source.to)
  if (!target) return undefined
  const durationMs = sourceWindowMs(scenario, source)
  const { qps, connections } = fortioRate(source.load, durationMs)
  const seconds = Math.max(1, Math.round(durationMs / 1000))
  const url = `http://${serviceFqdn(target, options)}:${portOf(target)}${mainPath(source)}`
  const labels = { app: `loadgen-${source.name}` }
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name: `loadgen-${source.name}`, namespace: namespaceOf(target, options), labels },
    spec: {
      backoffLimit: 0,
      activeDeadlineSeconds: seconds + 120,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          containers: [{
            name: 'fortio',
            image: FORTIO_IMAGE,
            args: ['load', '-qps', String(qps), '-t', `${seconds}s`, '-c', String(connections), '-allow-initial-errors', url],
            resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '256Mi' } },
          }],
        },
      },
    },
  }
}
