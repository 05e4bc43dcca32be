/**
 * Static Envoy v3 bootstraps: one per service sidecar and one ingress gateway.
 *
 * A sidecar has an inbound listener (0.0.0.0:15006 → the local app on 127.0.0.1:<port>),
 * one outbound HTTP listener on 127.0.0.1:15001 whose route configuration holds a virtual
 * host per called HTTP/gRPC service (matched on the Host header), one outbound TCP listener
 * per called TCP service (127.0.0.1:15100, 15101, …), the clusters those use, and an admin
 * listener on 127.0.0.1:15000. Traffic reaches the outbound listener through interception
 * (iptables, as Istio's init container sets up) or an HTTP proxy setting in the app.
 * The ingress gateway listens on 0.0.0.0:8080 and routes to the services traffic enters.
 *
 * Cluster and route construction live in clusterConfig.ts and routeConfig.ts.
 */
import type { Service } from '../../model/types'
import { calledServices, findService, namespaceOf, portOf, protocolOf, routeOf } from '../facts/scenarioFacts'
import { buildCluster } from './clusterConfig'
import type { EnvoyContext } from './envoyContext'
import { noteEnvoy } from './envoyContext'
import type { Json } from './envoyValues'
import { ENVOY_TYPES, inboundCluster, outboundCluster, protoDuration, socketAddress, typedConfig } from './envoyValues'
import { FAULT_FILTER, virtualHostFor } from './routeConfig'

/** Ports of the fixed listeners. */
export const ENVOY_PORTS = { admin: 15000, outbound: 15001, inbound: 15006, firstTcp: 15100, gateway: 8080 } as const

function hcm(statPrefix: string, routeConfig: Json, withFault: boolean): Json {
  const filters: Json[] = []
  if (withFault) filters.push({ name: FAULT_FILTER, typed_config: typedConfig(ENVOY_TYPES.fault) })
  // The router must be last: Envoy forwards the request there and ignores later filters.
  filters.push({ name: 'envoy.filters.http.router', typed_config: typedConfig(ENVOY_TYPES.router) })
  return typedConfig(ENVOY_TYPES.hcm, { stat_prefix: statPrefix, codec_type: 'AUTO', route_config: routeConfig, http_filters: filters })
}

function listener(name: string, address: string, port: number, filter: Json): Json {
  return { name, address: socketAddress(address, port), filter_chains: [{ filters: [filter] }] }
}

interface Outbound {
  readonly listeners: Json[]
  readonly clusters: Map<string, Json>
}

/** Listeners and clusters for calls from `callerNs` to `targets`, HTTP on `http`. */
function outbound(ctx: EnvoyContext, targets: readonly Service[], callerNs: string, http: { name: string; address: string; port: number; wildcard: boolean }): Outbound {
  const clusters = new Map<string, Json>()
  const virtualHosts: Json[] = []
  const listeners: Json[] = []
  let usesFault = false
  let tcpPort: number = ENVOY_PORTS.firstTcp
  for (const svc of targets) {
    if (protocolOf(svc) === 'tcp') {
      listeners.push(tcpListener(ctx, svc, tcpPort++, clusters))
      continue
    }
    const plan = virtualHostFor(ctx, svc, callerNs)
    usesFault ||= plan.usesFault
    virtualHosts.push(plan.virtualHost)
    for (const v of [...plan.versions].sort()) clusters.set(outboundCluster(svc, v, ctx.options), buildCluster(ctx, svc, v))
  }
  if (http.wildcard && virtualHosts.length === 1) (virtualHosts[0]!.domains as string[]).push('*')
  if (virtualHosts.length) {
    const routeConfig = { name: http.name, virtual_hosts: virtualHosts }
    listeners.unshift(listener(http.name, http.address, http.port, { name: 'envoy.filters.network.http_connection_manager', typed_config: hcm(http.name, routeConfig, usesFault) }))
  }
  return { listeners, clusters }
}

function tcpListener(ctx: EnvoyContext, svc: Service, port: number, clusters: Map<string, Json>): Json {
  const found = routeOf(ctx.scenario, svc.name)
  const rule = found?.route.rules[0]
  if (found && (found.route.rules.length > 1 || rule?.match || rule?.retries || rule?.timeout !== undefined || rule?.fault || rule?.mirror)) {
    noteEnvoy(ctx, 9, `${svc.name} speaks TCP: only the first rule's split is exported (tcp_proxy weighted clusters); matches, retries, timeouts, faults and mirroring need HTTP`, `routes[${found.index}]`)
  }
  const live = (rule?.split ?? []).filter((s) => s.weight > 0)
  const versions = live.length ? live.map((s) => s.version) : [undefined]
  for (const v of versions) clusters.set(outboundCluster(svc, v, ctx.options), buildCluster(ctx, svc, v))
  const name = `outbound_tcp_${svc.name}`
  const proxy: Json = { stat_prefix: name }
  if (versions.length === 1) proxy.cluster = outboundCluster(svc, versions[0], ctx.options)
  else proxy.weighted_clusters = { clusters: live.map((s) => ({ name: outboundCluster(svc, s.version, ctx.options), weight: s.weight })) }
  return listener(name, '127.0.0.1', port, { name: 'envoy.filters.network.tcp_proxy', typed_config: typedConfig(ENVOY_TYPES.tcpProxy, proxy) })
}

function inbound(ctx: EnvoyContext, svc: Service): { listener: Json; cluster: Json } {
  const name = inboundCluster(svc)
  const h2 = protocolOf(svc) === 'grpc' || protocolOf(svc) === 'http2'
  const cluster: Json = {
    name,
    type: 'STATIC',
    connect_timeout: protoDuration(ctx.profile.connectTimeoutMs),
    load_assignment: { cluster_name: name, endpoints: [{ lb_endpoints: [{ endpoint: { address: socketAddress('127.0.0.1', portOf(svc)) } }] }] },
    typed_extension_protocol_options: h2 ? { [ENVOY_TYPES.httpOptions]: typedConfig(ENVOY_TYPES.httpOptions, { explicit_http_config: { http2_protocol_options: {} } }) } : undefined,
  }
  const listenerName = `inbound_0.0.0.0_${ENVOY_PORTS.inbound}`
  if (protocolOf(svc) === 'tcp') {
    return { cluster, listener: listener(listenerName, '0.0.0.0', ENVOY_PORTS.inbound, { name: 'envoy.filters.network.tcp_proxy', typed_config: typedConfig(ENVOY_TYPES.tcpProxy, { stat_prefix: 'inbound', cluster: name }) }) }
  }
  const routeConfig = {
    name: `inbound|${portOf(svc)}`,
    virtual_hosts: [{
      name: 'inbound',
      domains: ['*'],
      routes: [{ name: 'default', match: { prefix: '/' }, route: { cluster: name, timeout: ctx.profile.mesh === 'istio' ? '0s' : undefined } }],
    }],
  }
  return { cluster, listener: listener(listenerName, '0.0.0.0', ENVOY_PORTS.inbound, { name: 'envoy.filters.network.http_connection_manager', typed_config: hcm('inbound', routeConfig, false) }) }
}

function assemble(nodeId: string, cluster: string, listeners: Json[], clusters: Map<string, Json>): Json {
  return {
    node: { id: nodeId, cluster },
    admin: { address: socketAddress('127.0.0.1', ENVOY_PORTS.admin) },
    static_resources: { listeners, clusters: [...clusters.keys()].sort().map((k) => clusters.get(k)!) },
  }
}

function targetsOf(ctx: EnvoyContext, names: readonly string[]): Service[] {
  return names.map((n) => findService(ctx.scenario, n)).filter((s): s is Service => s !== undefined)
}

/** The static bootstrap of `svc`'s sidecar. */
export function sidecarBootstrap(ctx: EnvoyContext, svc: Service): Json {
  const ns = namespaceOf(svc, ctx.options)
  const inb = inbound(ctx, svc)
  const out = outbound(ctx, targetsOf(ctx, calledServices(ctx.scenario, svc)), ns, { name: 'outbound_http', address: '127.0.0.1', port: ENVOY_PORTS.outbound, wildcard: false })
  out.clusters.set(inboundCluster(svc), inb.cluster)
  return assemble(`sidecar~${svc.name}.${ns}`, svc.name, [inb.listener, ...out.listeners], out.clusters)
}

/** The ingress gateway's bootstrap, routing to `entries` (the services traffic enters). */
export function gatewayBootstrap(ctx: EnvoyContext, entries: readonly string[]): Json {
  const targets = targetsOf(ctx, entries)
  const ns = targets[0] ? namespaceOf(targets[0], ctx.options) : 'default'
  const out = outbound(ctx, targets, ns, { name: 'ingress_http', address: '0.0.0.0', port: ENVOY_PORTS.gateway, wildcard: true })
  return assemble(`router~ingress-gateway.${ns}`, 'ingress-gateway', out.listeners, out.clusters)
}
