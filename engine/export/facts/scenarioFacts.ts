/**
 * Scenario facts the config exporters share (Envoy, Kubernetes, HAProxy, nginx; the rollout
 * message also Istio and Linkerd): effective namespace, port and protocol of a service, Kubernetes DNS names,
 * the services a sidecar calls, and the route and destination policy of a service with
 * per-version overrides merged. Pure lookups; defaults follow the scenario schema's
 * documented defaults (port 8080, protocol http, namespace `default`).
 */
import type { Diagnostic, Severity } from '../../model/diagnostics'
import type { Destination, Route, Scenario, Service, ServiceTime, Version } from '../../model/types'
import type { ExportOptions } from '../types'

/** Default service port when a scenario leaves it out. */
export const DEFAULT_PORT = 8080

/** The Kubernetes namespace of `svc`: its own, else the export option, else `default`. */
export function namespaceOf(svc: Service, options: ExportOptions = {}): string {
  return svc.namespace ?? options.namespace ?? 'default'
}

/** The port a service listens on. */
export function portOf(svc: Service): number {
  return svc.port ?? DEFAULT_PORT
}

/** The protocol a service speaks (`http` unless given). */
export function protocolOf(svc: Service): NonNullable<Service['protocol']> {
  return svc.protocol ?? 'http'
}

/** `<svc>.<ns>.svc.cluster.local`, the Service's cluster DNS name. */
export function serviceFqdn(svc: Service, options?: ExportOptions): string {
  return `${svc.name}.${namespaceOf(svc, options)}.svc.cluster.local`
}

/** `<svc>-<version>`: the per-version (headless) Service the k8s exporter emits. */
export function versionServiceName(svc: Service, version: string): string {
  return `${svc.name}-${version}`
}

/** `<svc>-<version>.<ns>.svc.cluster.local`: resolves to the version's pod IPs. */
export function versionFqdn(svc: Service, version: string, options?: ExportOptions): string {
  return `${versionServiceName(svc, version)}.${namespaceOf(svc, options)}.svc.cluster.local`
}

/** The service called `name`, if any. */
export function findService(scenario: Scenario, name: string): Service | undefined {
  return scenario.services.find((s) => s.name === name)
}

/** The route of a service and its index in `routes`, if it has one. */
export function routeOf(scenario: Scenario, service: string): { route: Route; index: number } | undefined {
  const index = (scenario.routes ?? []).findIndex((r) => r.service === service)
  return index < 0 ? undefined : { route: scenario.routes![index]!, index }
}

/** The destination policy of a service and its index in `destinations`, if any. */
export function destinationOf(scenario: Scenario, service: string): { destination: Destination; index: number } | undefined {
  const index = (scenario.destinations ?? []).findIndex((d) => d.service === service)
  return index < 0 ? undefined : { destination: scenario.destinations![index]!, index }
}

/** Policy fields a destination and its per-version overrides share. */
export type PolicyFields = Pick<Destination, 'loadBalancer' | 'connectionPool' | 'outlierDetection' | 'tls' | 'slowStart'>

/**
 * The policy for calls to `version` of a service (or the whole service when `version` is
 * undefined): the version's fields override the service-level ones field by field, as
 * Istio's subset traffic policy overrides the DestinationRule's.
 */
export function policyFor(destination: Destination | undefined, version?: string): PolicyFields {
  if (!destination) return {}
  const base: PolicyFields = {
    loadBalancer: destination.loadBalancer, connectionPool: destination.connectionPool,
    outlierDetection: destination.outlierDetection, tls: destination.tls, slowStart: destination.slowStart,
  }
  const override = version === undefined ? undefined : destination.versions?.find((v) => v.name === version)
  if (!override) return base
  return {
    loadBalancer: override.loadBalancer ?? base.loadBalancer,
    connectionPool: override.connectionPool ?? base.connectionPool,
    outlierDetection: override.outlierDetection ?? base.outlierDetection,
    tls: override.tls ?? base.tls,
    slowStart: override.slowStart ?? base.slowStart,
  }
}

/** Names of the services `svc` calls (from any version) plus in-mesh traffic it sends, sorted. */
export function calledServices(scenario: Scenario, svc: Service): string[] {
  const names = new Set<string>()
  for (const c of svc.calls ?? []) names.add(c.to)
  for (const v of svc.versions) for (const c of v.calls ?? []) names.add(c.to)
  for (const t of scenario.traffic ?? []) if (t.from === svc.name) names.add(t.to)
  return [...names].sort()
}

/** Services that traffic sources enter from outside the mesh (`from` unset or `ingress`), sorted. */
export function ingressServices(scenario: Scenario): string[] {
  const names = new Set<string>()
  for (const t of scenario.traffic ?? []) if (t.from === undefined || t.from === 'ingress') names.add(t.to)
  return [...names].sort()
}

/** The calls a version makes: its own list, else the service's. */
export function callsOfVersion(svc: Service, version: Version): NonNullable<Service['calls']> {
  return version.calls ?? svc.calls ?? []
}

/** Replica count of a version (default 1). */
export function replicasOf(version: Version): number {
  return version.replicas ?? 1
}

/**
 * The median of a service-time distribution, ms: constant → the value, exponential →
 * mean·ln 2, lognormal → p50, empirical → the middle sample (lower middle when even).
 */
export function medianMs(t: ServiceTime): number {
  switch (t.kind) {
    case 'constant': return t.value
    case 'exponential': return t.mean * Math.LN2
    case 'lognormal': return t.p50
    case 'empirical': {
      const sorted = [...t.samples].sort((a, b) => a - b)
      return sorted[Math.floor((sorted.length - 1) / 2)]!
    }
  }
}

/** A diagnostic for an exporter: stable code, model path, what was done instead. */
export function exportNote(code: string, message: string, path: string, severity: Severity = 'warning'): Diagnostic {
  return { code, severity, message, path }
}

/** Why a rollout exports only its starting weights (a procedure, not a resource). */
export function rolloutStartingPointMessage(r: NonNullable<Scenario['rollouts']>[number]): string {
  return `the ${r.kind.replace('_', '/')} rollout of '${r.service}' is a procedure, not a resource: the exported weights are its starting point`
}
