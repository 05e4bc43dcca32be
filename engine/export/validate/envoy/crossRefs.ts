/**
 * Cross-reference checks on a decoded Envoy bootstrap: the rules Envoy enforces while
 * building its config rather than while decoding it.
 *
 * - every cluster a route, a weighted split, a mirror policy or a tcp_proxy names exists;
 * - the HTTP router filter is present once and is the last HTTP filter of each chain;
 * - cluster names, listener names and listener addresses are unique; virtual host names
 *   and domains are unique within a route configuration;
 * - every `typed_per_filter_config` key names a filter of the enclosing chain;
 * - weighted clusters carry a non-zero total weight.
 *
 * Paths use the proto field names, as the exported files do.
 */
import type { FileRegistry, Message } from '@bufbuild/protobuf'
import { anyUnpack } from '@bufbuild/protobuf/wkt'
import type { Any } from '@bufbuild/protobuf/wkt'
import type { DecodeProblem } from './strictDecode'

type Obj = Record<string, unknown>
interface OneofValue { readonly case?: string; readonly value?: unknown }

const HCM = 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager'
const TCP_PROXY = 'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy'
const ROUTER = 'envoy.extensions.filters.http.router.v3.Router'

function list(v: unknown): Obj[] {
  return Array.isArray(v) ? (v as Obj[]) : []
}

function typed(registry: FileRegistry, holder: Obj): Message | undefined {
  const cfg = holder.configType as OneofValue | undefined
  return cfg?.case === 'typedConfig' && cfg.value ? anyUnpack(cfg.value as Any, registry) : undefined
}

function duplicates(names: readonly string[]): Set<string> {
  const seen = new Set<string>()
  const dup = new Set<string>()
  for (const n of names) (seen.has(n) ? dup : seen).add(n)
  return dup
}

/** Cross-reference problems of a decoded `envoy.config.bootstrap.v3.Bootstrap`. */
export function checkCrossReferences(registry: FileRegistry, bootstrap: Message): DecodeProblem[] {
  const out: DecodeProblem[] = []
  const resources = ((bootstrap as unknown as Obj).staticResources ?? {}) as Obj
  const clusters = list(resources.clusters)
  const names = clusters.map((c) => String(c.name))
  const dupClusters = duplicates(names)
  clusters.forEach((c, i) => {
    if (dupClusters.has(String(c.name))) out.push({ path: `static_resources.clusters[${i}].name`, message: `duplicate cluster name "${String(c.name)}"` })
  })
  const known = new Set(names)
  const listeners = list(resources.listeners)
  const dupListeners = duplicates(listeners.map((l) => String(l.name)))
  const dupAddresses = duplicates(listeners.map(addressKey))
  listeners.forEach((l, li) => {
    const at = `static_resources.listeners[${li}]`
    if (dupListeners.has(String(l.name))) out.push({ path: `${at}.name`, message: `duplicate listener name "${String(l.name)}"` })
    if (dupAddresses.has(addressKey(l))) out.push({ path: `${at}.address`, message: `another listener binds ${addressKey(l)}` })
    list(l.filterChains).forEach((chain, ci) => {
      list(chain.filters).forEach((f, fi) => {
        const fat = `${at}.filter_chains[${ci}].filters[${fi}].typed_config`
        const cfg = typed(registry, f)
        if (cfg?.$typeName === HCM) checkHcm(registry, cfg as unknown as Obj, fat, known, out)
        if (cfg?.$typeName === TCP_PROXY) checkClusterSpecifier((cfg as unknown as Obj).clusterSpecifier as OneofValue, fat, known, out)
      })
    })
  })
  return out
}

function addressKey(listener: Obj): string {
  const addr = (listener.address as Obj | undefined)?.address as OneofValue | undefined
  const sock = addr?.case === 'socketAddress' ? (addr.value as Obj) : undefined
  const port = (sock?.portSpecifier as OneofValue | undefined)?.value
  return sock ? `${String(sock.address)}:${String(port ?? 0)}` : `(${String(listener.name)})`
}

function checkHcm(registry: FileRegistry, hcm: Obj, at: string, clusters: ReadonlySet<string>, out: DecodeProblem[]): void {
  const filters = list(hcm.httpFilters)
  const routerAt = filters.map((f) => typed(registry, f)?.$typeName === ROUTER || f.name === 'envoy.filters.http.router')
  const routers = routerAt.filter(Boolean).length
  if (routers !== 1) out.push({ path: `${at}.http_filters`, message: `needs exactly one router filter, has ${routers}` })
  else if (!routerAt[routerAt.length - 1]) out.push({ path: `${at}.http_filters`, message: 'the router filter must be the last HTTP filter' })
  const filterNames = new Set(filters.map((f) => String(f.name)))
  const spec = hcm.routeSpecifier as OneofValue | undefined
  if (spec?.case !== 'routeConfig') return
  const rc = spec.value as Obj
  const rcAt = `${at}.route_config`
  const vhosts = list(rc.virtualHosts)
  const dupNames = duplicates(vhosts.map((v) => String(v.name)))
  const dupDomains = duplicates(vhosts.flatMap((v) => (v.domains as string[] | undefined) ?? []))
  vhosts.forEach((vh, vi) => {
    const vat = `${rcAt}.virtual_hosts[${vi}]`
    if (dupNames.has(String(vh.name))) out.push({ path: `${vat}.name`, message: `duplicate virtual host name "${String(vh.name)}"` })
    ;((vh.domains as string[] | undefined) ?? []).forEach((d, di) => {
      if (dupDomains.has(d)) out.push({ path: `${vat}.domains[${di}]`, message: `domain "${d}" is also claimed by another virtual host` })
    })
    checkPerFilter(vh, vat, filterNames, out)
    list(vh.routes).forEach((route, ri) => {
      const rat = `${vat}.routes[${ri}]`
      checkPerFilter(route, rat, filterNames, out)
      const action = route.action as OneofValue | undefined
      if (action?.case !== 'route') return
      const ra = action.value as Obj
      checkClusterSpecifier(ra.clusterSpecifier as OneofValue | undefined, `${rat}.route`, clusters, out)
      list(ra.requestMirrorPolicies).forEach((m, mi) => {
        if (m.cluster && !clusters.has(String(m.cluster))) out.push({ path: `${rat}.route.request_mirror_policies[${mi}].cluster`, message: `unknown cluster "${String(m.cluster)}"` })
      })
    })
  })
}

function checkPerFilter(holder: Obj, at: string, filterNames: ReadonlySet<string>, out: DecodeProblem[]): void {
  const perFilter = holder.typedPerFilterConfig as Record<string, unknown> | undefined
  for (const key of Object.keys(perFilter ?? {})) {
    if (!filterNames.has(key)) out.push({ path: `${at}.typed_per_filter_config["${key}"]`, message: `no HTTP filter named "${key}" in this chain` })
  }
}

function checkClusterSpecifier(spec: OneofValue | undefined, at: string, clusters: ReadonlySet<string>, out: DecodeProblem[]): void {
  if (spec?.case === 'cluster') {
    if (!clusters.has(String(spec.value))) out.push({ path: `${at}.cluster`, message: `unknown cluster "${String(spec.value)}"` })
    return
  }
  if (spec?.case !== 'weightedClusters') return
  const weighted = list((spec.value as Obj).clusters)
  let total = 0
  weighted.forEach((c, i) => {
    // Wrapper fields decode unboxed (a number); accept the boxed form too.
    const w = c.weight as number | Obj | undefined
    total += Number(typeof w === 'object' ? (w.value ?? 0) : (w ?? 0))
    if (!clusters.has(String(c.name))) out.push({ path: `${at}.weighted_clusters.clusters[${i}].name`, message: `unknown cluster "${String(c.name)}"` })
  })
  if (weighted.length && total <= 0) out.push({ path: `${at}.weighted_clusters`, message: 'the cluster weights must sum to more than 0' })
}
