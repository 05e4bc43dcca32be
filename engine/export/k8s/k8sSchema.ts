/**
 * A small strict schema for exactly the Kubernetes fields this exporter writes: apps/v1
 * Deployment, v1 Service / ServiceAccount / Namespace and batch/v1 Job.
 *
 * What it covers: unknown fields are rejected at every level (as `kubectl apply
 * --validate=strict`), types (string, integer, boolean, maps of strings), required fields,
 * enums (Service type, port protocol, restartPolicy, imagePullPolicy), ports 1–65535, and —
 * in validateK8s.ts — DNS-1123/1035 names, label syntax and selector-vs-template labels.
 * What it does not cover: the rest of the Kubernetes API (a field this exporter never
 * writes is reported as unknown even where Kubernetes accepts it), resource-quantity
 * arithmetic beyond syntax, admission webhooks and defaulting. There is no core Kubernetes
 * OpenAPI document in ../shared, so this is hand-written from the API reference (v1.31).
 *
 * @see https://kubernetes.io/docs/reference/kubernetes-api/
 */

/** A schema node. */
export type Schema =
  | { readonly type: 'string'; readonly enum?: readonly string[]; readonly pattern?: RegExp; readonly what?: string }
  | { readonly type: 'integer'; readonly min?: number; readonly max?: number }
  | { readonly type: 'boolean' }
  | { readonly type: 'int-or-string'; readonly min?: number; readonly max?: number }
  | { readonly type: 'map' }
  | { readonly type: 'array'; readonly items: Schema; readonly minItems?: number }
  | { readonly type: 'object'; readonly fields: Readonly<Record<string, Schema>>; readonly required?: readonly string[] }

const str: Schema = { type: 'string' }
const int = (min?: number, max?: number): Schema => ({ type: 'integer', min, max })
const obj = (fields: Record<string, Schema>, required?: string[]): Schema => ({ type: 'object', fields, required })
const arr = (items: Schema, minItems?: number): Schema => ({ type: 'array', items, minItems })
const map: Schema = { type: 'map' }
const port = int(1, 65535)
const quantity: Schema = { type: 'string', pattern: /^[+-]?(\d+(\.\d*)?|\.\d+)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei|[eE][+-]?\d+)?$/, what: 'a resource quantity (e.g. 100m, 64Mi)' }

const metadata = obj({ name: str, namespace: str, labels: map, annotations: map }, ['name'])
const templateMeta = obj({ labels: map, annotations: map })
const resources = obj({ requests: obj({ cpu: quantity, memory: quantity }), limits: obj({ cpu: quantity, memory: quantity }) })
const probe = obj({
  httpGet: obj({ path: str, port: { type: 'int-or-string', min: 1, max: 65535 } }, ['port']),
  tcpSocket: obj({ port: { type: 'int-or-string', min: 1, max: 65535 } }, ['port']),
  periodSeconds: int(1),
  initialDelaySeconds: int(0),
})
const container = obj({
  name: str,
  image: str,
  imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] },
  args: arr(str),
  ports: arr(obj({ name: str, containerPort: port, protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'] } }, ['containerPort'])),
  env: arr(obj({ name: { type: 'string', pattern: /^[-._a-zA-Z][-._a-zA-Z0-9]*$/, what: 'an environment variable name' }, value: str }, ['name'])),
  resources,
  readinessProbe: probe,
}, ['name', 'image'])
const podSpec = (restart: readonly string[]) => obj({
  serviceAccountName: str,
  restartPolicy: { type: 'string', enum: restart },
  containers: arr(container, 1),
}, ['containers'])

/** Schemas by `apiVersion/kind`. */
export const K8S_SCHEMAS: Readonly<Record<string, Schema>> = {
  'v1/Namespace': obj({ apiVersion: str, kind: str, metadata }, ['apiVersion', 'kind', 'metadata']),
  'v1/ServiceAccount': obj({ apiVersion: str, kind: str, metadata }, ['apiVersion', 'kind', 'metadata']),
  'v1/Service': obj({
    apiVersion: str, kind: str, metadata,
    spec: obj({
      type: { type: 'string', enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] },
      clusterIP: str,
      selector: map,
      ports: arr(obj({
        name: str, port, targetPort: { type: 'int-or-string', min: 1, max: 65535 },
        protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'] }, appProtocol: str,
      }, ['port']), 1),
    }),
  }, ['apiVersion', 'kind', 'metadata', 'spec']),
  'apps/v1/Deployment': obj({
    apiVersion: str, kind: str, metadata,
    spec: obj({
      replicas: int(0),
      selector: obj({ matchLabels: map }, ['matchLabels']),
      template: obj({ metadata: templateMeta, spec: podSpec(['Always']) }, ['metadata', 'spec']),
    }, ['selector', 'template']),
  }, ['apiVersion', 'kind', 'metadata', 'spec']),
  'batch/v1/Job': obj({
    apiVersion: str, kind: str, metadata,
    spec: obj({
      backoffLimit: int(0),
      activeDeadlineSeconds: int(1),
      template: obj({ metadata: templateMeta, spec: podSpec(['Never', 'OnFailure']) }, ['spec']),
    }, ['template']),
  }, ['apiVersion', 'kind', 'metadata', 'spec']),
}
