/**
 * Small Envoy ProtoJSON value builders shared by the Envoy exporter's modules: durations,
 * fractional percents, socket addresses and typed (`Any`) configs, plus the cluster names.
 */
import type { Service } from '../../model/types'
import type { ExportOptions } from '../types'
import { portOf, serviceFqdn } from '../facts/scenarioFacts'

/** A JSON object as the exporter builds it (sorted and printed later). */
export type Json = { [key: string]: unknown }

/** ProtoJSON Duration text for milliseconds: 2000 → `2s`, 500 → `0.5s`, 0.25 → `0.00025s`. */
export function protoDuration(ms: number): string {
  const text = (ms / 1000).toFixed(9).replace(/\.?0+$/, '')
  return `${text}s`
}

/** A `type.v3.FractionalPercent` in millionths, as Istio writes percentages (0–100). */
export function fractionalPercent(percent: number): Json {
  return { numerator: Math.round(percent * 10_000), denominator: 'MILLION' }
}

/** A `config.core.v3.Address` for `host:port`. */
export function socketAddress(address: string, port: number): Json {
  return { socket_address: { address, port_value: port } }
}

/** An `Any` holding `config` of Envoy message type `typeName`. */
export function typedConfig(typeName: string, config: Json = {}): Json {
  return { '@type': `type.googleapis.com/${typeName}`, ...config }
}

/** Istio's outbound cluster name: `outbound|<port>|<subset>|<fqdn>` (subset empty for the whole service). */
export function outboundCluster(svc: Service, version: string | undefined, options?: ExportOptions): string {
  return `outbound|${portOf(svc)}|${version ?? ''}|${serviceFqdn(svc, options)}`
}

/** The local application behind a sidecar: `inbound|<port>||`. */
export function inboundCluster(svc: Service): string {
  return `inbound|${portOf(svc)}||`
}

/** Type names of the Envoy extensions the exporter writes. */
export const ENVOY_TYPES = {
  hcm: 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager',
  tcpProxy: 'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
  router: 'envoy.extensions.filters.http.router.v3.Router',
  fault: 'envoy.extensions.filters.http.fault.v3.HTTPFault',
  previousHosts: 'envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
  httpOptions: 'envoy.extensions.upstreams.http.v3.HttpProtocolOptions',
} as const
