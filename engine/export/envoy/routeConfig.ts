/**
 * The virtual host a sidecar uses for one called service: its domains (short names only
 * within the caller's namespace, as Istio writes them), one Envoy route per rule match
 * (first match wins, in order), weighted clusters for splits, timeout, retry policy,
 * consistent-hash policy, mirroring and the per-route fault filter config.
 *
 * A service without a route gets one catch-all route to its all-versions cluster with the
 * profile's defaults (Istio: no timeout, default retries; Envoy: 15 s, no retries).
 *
 * @see https://www.envoyproxy.io/docs/envoy/latest/api-v3/config/route/v3/route_components.proto
 */
import type { RouteRule, Service } from '../../model/types'
import { destinationOf, medianMs, namespaceOf, portOf, routeOf, serviceFqdn } from '../facts/scenarioFacts'
import { isHashBalancer } from './clusterConfig'
import type { EnvoyContext } from './envoyContext'
import { noteEnvoy } from './envoyContext'
import type { Json } from './envoyValues'
import { ENVOY_TYPES, fractionalPercent, outboundCluster, protoDuration, typedConfig } from './envoyValues'
import { retryPolicy } from './retryPolicy'

/** Name of the fault filter, the key of its per-route config. */
export const FAULT_FILTER = 'envoy.filters.http.fault'

/** A virtual host plus what it needs from the sidecar: clusters (by version) and the fault filter. */
export interface VirtualHostPlan {
  readonly virtualHost: Json
  /** Versions whose subset cluster the routes use; `undefined` = the all-versions cluster. */
  readonly versions: ReadonlySet<string | undefined>
  readonly usesFault: boolean
}

type StringMatch = { exact?: string; prefix?: string; regex?: string }

function stringMatcher(m: StringMatch): Json {
  if (m.exact !== undefined) return { exact: m.exact }
  if (m.prefix !== undefined) return { prefix: m.prefix }
  return { safe_regex: { regex: m.regex ?? '.*' } }
}

function headerMatchers(headers: Record<string, StringMatch> | undefined): Json[] {
  return Object.keys(headers ?? {}).sort().map((name) => ({ name, string_match: stringMatcher(headers![name]!) }))
}

/** The domains a caller in `callerNs` may use for `svc`. */
function domainsFor(ctx: EnvoyContext, svc: Service, callerNs: string): string[] {
  const ns = namespaceOf(svc, ctx.options)
  const names = [`${svc.name}.${ns}`, `${svc.name}.${ns}.svc`, serviceFqdn(svc, ctx.options)]
  if (ns === callerNs) names.unshift(svc.name)
  return names.flatMap((n) => [n, `${n}:${portOf(svc)}`])
}

/** Builds the virtual host for calls from a sidecar in `callerNs` to `svc`. */
export function virtualHostFor(ctx: EnvoyContext, svc: Service, callerNs: string): VirtualHostPlan {
  const versions = new Set<string | undefined>()
  let usesFault = false
  const found = routeOf(ctx.scenario, svc.name)
  const lb = destinationOf(ctx.scenario, svc.name)?.destination.loadBalancer ?? ctx.profile.loadBalancer
  const hashPolicy = isHashBalancer(lb) && lb.hashOn ? [hashPolicyOf(lb.hashOn)] : undefined
  const routes: Json[] = []
  if (!found) {
    versions.add(undefined)
    routes.push({ name: 'default', match: { prefix: '/' }, route: routeAction(ctx, svc, undefined, hashPolicy) })
  } else {
    found.route.rules.forEach((rule, ri) => {
      const at = `routes[${found.index}].rules[${ri}]`
      for (const s of rule.split) if (s.weight > 0) versions.add(s.version)
      if (rule.mirror) versions.add(rule.mirror.version)
      const fault = rule.fault ? faultConfig(ctx, rule.fault, `${at}.fault`) : undefined
      usesFault ||= fault !== undefined
      const action = routeAction(ctx, svc, rule, hashPolicy)
      const matches = rule.match ?? [undefined]
      matches.forEach((m, mi) => {
        const match: Json = m?.path ? pathMatch(m.path) : { prefix: '/' }
        const headers = [...(m?.method ? [{ name: ':method', string_match: { exact: m.method } }] : []), ...headerMatchers(m?.headers)]
        if (headers.length) match.headers = headers
        routes.push({
          name: `${rule.name ?? `rule-${ri}`}${matches.length > 1 ? `-${mi}` : ''}`,
          match,
          route: action,
          typed_per_filter_config: fault ? { [FAULT_FILTER]: fault } : undefined,
        })
      })
    })
  }
  return { virtualHost: { name: `${serviceFqdn(svc, ctx.options)}:${portOf(svc)}`, domains: domainsFor(ctx, svc, callerNs), routes }, versions, usesFault }
}

function pathMatch(p: StringMatch): Json {
  if (p.exact !== undefined) return { path: p.exact }
  if (p.prefix !== undefined) return { prefix: p.prefix }
  return { safe_regex: { regex: p.regex ?? '.*' } }
}

function hashPolicyOf(h: { header?: string; cookie?: string; sourceIp?: boolean; queryParameter?: string }): Json {
  if (h.header !== undefined) return { header: { header_name: h.header } }
  if (h.cookie !== undefined) return { cookie: { name: h.cookie } }
  if (h.queryParameter !== undefined) return { query_parameter: { name: h.queryParameter } }
  return { connection_properties: { source_ip: true } }
}

function routeAction(ctx: EnvoyContext, svc: Service, rule: RouteRule | undefined, hashPolicy: Json[] | undefined): Json {
  const timeoutMs = rule?.timeout ?? (ctx.profile.mesh === 'istio' ? 0 : undefined)
  const action: Json = {
    timeout: timeoutMs === undefined ? undefined : protoDuration(timeoutMs),
    retry_policy: retryPolicy(ctx, rule?.retries, hashPolicy !== undefined),
    hash_policy: hashPolicy,
  }
  const live = (rule?.split ?? []).filter((s) => s.weight > 0)
  if (!rule) action.cluster = outboundCluster(svc, undefined, ctx.options)
  else if (live.length === 1) action.cluster = outboundCluster(svc, live[0]!.version, ctx.options)
  else action.weighted_clusters = { clusters: live.map((s) => ({ name: outboundCluster(svc, s.version, ctx.options), weight: s.weight })) }
  if (rule?.mirror) {
    action.request_mirror_policies = [{
      cluster: outboundCluster(svc, rule.mirror.version, ctx.options),
      runtime_fraction: { default_value: fractionalPercent(rule.mirror.percent ?? 100) },
    }]
  }
  return action
}

function faultConfig(ctx: EnvoyContext, fault: NonNullable<RouteRule['fault']>, at: string): Json | undefined {
  if (!fault.delay && !fault.abort) return undefined
  let delayMs = fault.delay?.fixed
  if (fault.delay?.distribution) {
    delayMs = medianMs(fault.delay.distribution)
    noteEnvoy(ctx, 7, `Envoy's fault filter delays by a fixed time: the ${fault.delay.distribution.kind} delay is exported as its median, ${protoDuration(delayMs)}`, `${at}.delay.distribution`)
  }
  return typedConfig(ENVOY_TYPES.fault, {
    delay: fault.delay && { fixed_delay: protoDuration(delayMs ?? 0), percentage: fractionalPercent(fault.delay.percent) },
    abort: fault.abort && { http_status: fault.abort.httpStatus, percentage: fractionalPercent(fault.abort.percent) },
    headers: fault.headers ? headerMatchers(fault.headers) : undefined,
  })
}
