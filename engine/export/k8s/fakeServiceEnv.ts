/**
 * Environment of a fake-service container (nicholasjackson/fake-service) that behaves like a
 * scenario version: latency percentiles from its service-time distribution, its error rate
 * and status, and its downstream calls as UPSTREAM_URIS.
 *
 * fake-service draws a request's duration from the three percentiles it is given
 * (TIMING_50/90/99_PERCENTILE, Go durations) plus ±TIMING_VARIANCE %; ERROR_RATE is a
 * fraction (0.1 = 10 %), ERROR_CODE the status and ERROR_TYPE `http_error`. It calls every
 * URI on every request, sequentially, or with UPSTREAM_WORKERS in parallel.
 * Percentiles: lognormal (p50, p99) → σ = ln(p99/p50)/z₀.₉₉, p90 = p50·e^(σ·z₀.₉) with
 * z₀.₉ = 1.2816, z₀.₉₉ = 2.3263; exponential (mean m) → m·ln 2, m·ln 10, m·ln 100;
 * empirical → nearest-rank sample percentiles; constant → the value three times.
 *
 * @see https://github.com/nicholasjackson/fake-service (main.go: the environment variables)
 */
import type { Scenario, Service, ServiceTime, Version } from '../../model/types'
import type { ExportOptions } from '../types'
import { callsOfVersion, findService, portOf, protocolOf, serviceFqdn } from '../facts/scenarioFacts'

/** The pinned fake-service image. */
export const FAKE_SERVICE_IMAGE = 'nicholasjackson/fake-service:v0.26.2'

const Z90 = 1.2815515655446004
const Z99 = 2.3263478740408408

/** One container env entry. */
export interface EnvVar { readonly name: string; readonly value: string }

/** What the env could not express, reported by the exporter as diagnostics. */
export interface EnvGaps {
  readonly partialProbability: boolean
  readonly mixedParallel: boolean
  readonly optionalCalls: boolean
  readonly tcpCalls: readonly string[]
}

/** A Go duration for milliseconds, to the microsecond: 7.5 → `7.5ms`. */
export function goDuration(ms: number): string {
  return `${Math.round(ms * 1000) / 1000}ms`
}

/** The 50th, 90th and 99th percentiles of a service time, ms. */
export function percentilesMs(t: ServiceTime): readonly [number, number, number] {
  switch (t.kind) {
    case 'constant': return [t.value, t.value, t.value]
    case 'exponential': return [t.mean * Math.LN2, t.mean * Math.LN10, t.mean * Math.log(100)]
    case 'lognormal': {
      const sigma = Math.log(t.p99 / t.p50) / Z99
      return [t.p50, t.p50 * Math.exp(sigma * Z90), t.p99]
    }
    case 'empirical': {
      const s = [...t.samples].sort((a, b) => a - b)
      const rank = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!
      return [rank(0.5), rank(0.9), rank(0.99)]
    }
  }
}

function upstreamUri(scenario: Scenario, to: string, path: string | undefined, options: ExportOptions): string | undefined {
  const target = findService(scenario, to)
  if (!target) return undefined
  const host = `${serviceFqdn(target, options)}:${portOf(target)}`
  if (protocolOf(target) === 'grpc') return `grpc://${host}`
  return `http://${host}${path ?? '/'}`
}

/** The container environment for `version` of `svc`, and what it could not express. */
export function fakeServiceEnv(scenario: Scenario, svc: Service, version: Version, options: ExportOptions): { env: EnvVar[]; gaps: EnvGaps } {
  const calls = callsOfVersion(svc, version)
  const tcpCalls = calls.filter((c) => { const t = findService(scenario, c.to); return t !== undefined && protocolOf(t) === 'tcp' }).map((c) => c.to)
  const uris = calls.filter((c) => !tcpCalls.includes(c.to)).map((c) => upstreamUri(scenario, c.to, c.path, options)).filter((u): u is string => u !== undefined)
  const groups = new Map<string, number>()
  for (const c of calls) if (c.parallel !== undefined) groups.set(c.parallel, (groups.get(c.parallel) ?? 0) + 1)
  const allParallel = calls.length > 1 && groups.size === 1 && [...groups.values()][0] === calls.length
  const env: EnvVar[] = [
    { name: 'LISTEN_ADDR', value: `0.0.0.0:${portOf(svc)}` },
    { name: 'NAME', value: `${svc.name}-${version.name}` },
    { name: 'SERVER_TYPE', value: protocolOf(svc) === 'grpc' ? 'grpc' : 'http' },
  ]
  if (uris.length) env.push({ name: 'UPSTREAM_URIS', value: uris.join(',') })
  if (allParallel) env.push({ name: 'UPSTREAM_WORKERS', value: String(calls.length) })
  if (version.serviceTime) {
    const [p50, p90, p99] = percentilesMs(version.serviceTime)
    env.push(
      { name: 'TIMING_50_PERCENTILE', value: goDuration(p50) },
      { name: 'TIMING_90_PERCENTILE', value: goDuration(p90) },
      { name: 'TIMING_99_PERCENTILE', value: goDuration(p99) },
      { name: 'TIMING_VARIANCE', value: version.serviceTime.kind === 'constant' ? '0' : '10' },
    )
  }
  if (version.errorRate) {
    env.push(
      { name: 'ERROR_RATE', value: String(Math.round(version.errorRate * 1e4) / 1e6) },
      { name: 'ERROR_CODE', value: String(version.errorStatus ?? 500) },
      { name: 'ERROR_TYPE', value: 'http_error' },
    )
  }
  return {
    env,
    gaps: {
      partialProbability: calls.some((c) => c.probability !== undefined && c.probability < 100),
      mixedParallel: groups.size > 0 && !allParallel,
      optionalCalls: calls.some((c) => c.required === false),
      tcpCalls,
    },
  }
}
