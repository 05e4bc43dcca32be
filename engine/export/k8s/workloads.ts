/**
 * Kubernetes workloads for the services of a scenario: a ServiceAccount and a Service per
 * service, and per version a headless Service `<svc>-<version>` (its DNS name resolves to
 * the version's pod IPs: the Envoy export's STRICT_DNS clusters and the edge proxies use it)
 * and a Deployment running fake-service configured to behave like the version.
 *
 * Labels follow Istio's conventions (`app`, `version`), so Istio subsets, Linkerd and the
 * dashboards group pods the usual way. Port names carry the protocol (`http`, `grpc`,
 * `tcp`) and `appProtocol` is set, which is how Istio and Linkerd detect it.
 *
 * @see https://istio.io/latest/docs/ops/deployment/application-requirements/
 */
import type { Scenario, Service, Version } from '../../model/types'
import type { ExportOptions } from '../types'
import { namespaceOf, portOf, protocolOf, replicasOf, versionServiceName } from '../facts/scenarioFacts'
import { FAKE_SERVICE_IMAGE, fakeServiceEnv } from './fakeServiceEnv'
import type { EnvGaps } from './fakeServiceEnv'

/** A Kubernetes resource as built here (plain JSON). */
export type Resource = { [key: string]: unknown }

/** Fixed container resources: fake-service is small; requests keep schedulers honest. */
const CONTAINER_RESOURCES = { requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '500m', memory: '128Mi' } } as const

function ports(svc: Service): Resource[] {
  const proto = protocolOf(svc)
  return [{ name: proto, port: portOf(svc), targetPort: portOf(svc), protocol: 'TCP', appProtocol: proto === 'http2' ? 'kubernetes.io/h2c' : proto }]
}

function meta(name: string, namespace: string, labels: Record<string, string>): Resource {
  return { name, namespace, labels }
}

/** The Service selecting every version's pods. */
export function serviceOf(svc: Service, options: ExportOptions): Resource {
  const ns = namespaceOf(svc, options)
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: meta(svc.name, ns, { app: svc.name, service: svc.name }),
    spec: { selector: { app: svc.name }, ports: ports(svc) },
  }
}

/** The headless per-version Service `<svc>-<version>`. */
export function versionServiceOf(svc: Service, version: Version, options: ExportOptions): Resource {
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: meta(versionServiceName(svc, version.name), namespaceOf(svc, options), { app: svc.name, version: version.name }),
    spec: { clusterIP: 'None', selector: { app: svc.name, version: version.name }, ports: ports(svc) },
  }
}

/** The ServiceAccount the service's pods run as (Istio and Linkerd identities come from it). */
export function serviceAccountOf(svc: Service, options: ExportOptions): Resource {
  return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(svc.name, namespaceOf(svc, options), { app: svc.name }) }
}

/** The Deployment of one version, and what fake-service could not express. */
export function deploymentOf(scenario: Scenario, svc: Service, version: Version, options: ExportOptions): { resource: Resource; gaps: EnvGaps } {
  const labels = { app: svc.name, version: version.name }
  const { env, gaps } = fakeServiceEnv(scenario, svc, version, options)
  const resource: Resource = {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: meta(versionServiceName(svc, version.name), namespaceOf(svc, options), { ...labels, ...(version.labels ?? {}) }),
    spec: {
      replicas: replicasOf(version),
      selector: { matchLabels: labels },
      template: {
        metadata: { labels: { ...labels, ...(version.labels ?? {}) } },
        spec: {
          serviceAccountName: svc.name,
          containers: [{
            name: svc.name,
            image: FAKE_SERVICE_IMAGE,
            imagePullPolicy: 'IfNotPresent',
            ports: [{ name: protocolOf(svc), containerPort: portOf(svc), protocol: 'TCP' }],
            env,
            resources: CONTAINER_RESOURCES,
            readinessProbe: protocolOf(svc) === 'http' || protocolOf(svc) === 'http2'
              ? { httpGet: { path: '/ready', port: portOf(svc) }, periodSeconds: 5 }
              : { tcpSocket: { port: portOf(svc) }, periodSeconds: 5 },
          }],
        },
      },
    },
  }
  return { resource, gaps }
}
