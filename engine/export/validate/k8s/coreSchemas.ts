/**
 * Schemas for the few core Kubernetes kinds the mesh exporters emit next to their CRDs
 * (the per-version Services Linkerd's HTTPRoute backendRefs point at, and failure-accrual
 * annotations). Core kinds have no CRD: this is a hand-written structural subset of
 * Kubernetes' own OpenAPI for core/v1 Service (k8s.io/api v1.33 `ServiceSpec`), strict like
 * the rest: a field outside the subset is reported as unknown.
 */
import type { RuleFinding } from './celRules'
import type { OpenApiSchema } from './structural'
import type { KindSchema, WebhookChecks } from './validator'
import { rec, records } from './checks'

const int32 = { type: 'integer', format: 'int32' } as const

const serviceSchema: OpenApiSchema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
        selector: { type: 'object', additionalProperties: { type: 'string' } },
        clusterIP: { type: 'string' },
        sessionAffinity: { type: 'string', enum: ['ClientIP', 'None'] },
        publishNotReadyAddresses: { type: 'boolean' },
        ports: {
          type: 'array',
          'x-kubernetes-list-type': 'map',
          'x-kubernetes-list-map-keys': ['port', 'protocol'],
          items: {
            type: 'object',
            required: ['port'],
            properties: {
              name: { type: 'string' },
              protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'], default: 'TCP' },
              appProtocol: { type: 'string' },
              port: { ...int32, minimum: 1, maximum: 65535 },
              targetPort: { 'x-kubernetes-int-or-string': true },
              nodePort: int32,
            },
          },
        },
      },
    },
  },
}

/** Core kinds the mesh exporters emit. */
export const coreKindSchemas: readonly KindSchema[] = [
  { group: '', version: 'v1', kind: 'Service', schema: serviceSchema, nameRule: 'dns1035', source: 'hand-written subset of Kubernetes core/v1 Service' },
]

const IANA_SVC_NAME = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

function service(s: Record<string, unknown>): RuleFinding[] {
  const found: RuleFinding[] = []
  const ports = records(rec(s, 'spec').ports)
  const names = new Set<string>()
  ports.forEach((p, i) => {
    if (p.name === undefined) {
      if (ports.length > 1) found.push({ field: `spec.ports[${i}].name`, message: 'ports must be named when a Service has more than one' })
      return
    }
    const name = String(p.name)
    if (name.length > 15 || !IANA_SVC_NAME.test(name) || name.includes('--')) found.push({ field: `spec.ports[${i}].name`, message: `'${name}' is not an IANA service name (at most 15 lowercase letters, digits and '-')` })
    if (names.has(name)) found.push({ field: `spec.ports[${i}].name`, message: `duplicate port name '${name}'` })
    names.add(name)
    const target = p.targetPort
    if (typeof target === 'number' && (target < 1 || target > 65535)) found.push({ field: `spec.ports[${i}].targetPort`, message: 'targetPort must be in 1–65535' })
  })
  return found
}

/** API-server validation of core kinds beyond the schema. */
export const coreChecks: WebhookChecks = { '/Service': service }
