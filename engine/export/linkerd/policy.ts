/**
 * Inbound policy → policy.linkerd.io: a Server per service (its pods' port, `proxyProtocol`
 * from the service protocol, `accessPolicy` from the mTLS mode), and for services with
 * authorization rules a default-deny Server plus one AuthorizationPolicy and
 * MeshTLSAuthentication per allowed set of callers, whose identities are
 * `<sa>.<ns>.serviceaccount.identity.linkerd.cluster.local` (ServiceAccount = service name).
 *
 * Linkerd's policy is allow-only: DENY rules become allow-lists of the remaining callers.
 *
 * @see https://linkerd.io/2/reference/authorization-policy/
 */
import type { Service } from '../../model/types'
import { portOf } from '../facts/scenarioFacts'
import { LINKERD_CODES } from './linkerdCodes'
import { identityOf, note, nsOf } from './linkerdContext'
import type { LinkerdContext } from './linkerdContext'

type Obj = Record<string, unknown>
type Protocol = NonNullable<Service['protocol']>

const PROXY_PROTOCOL: Record<Protocol, string> = { http: 'HTTP/1', http2: 'HTTP/2', grpc: 'gRPC', tcp: 'opaque' }
const POLICY_API = 'policy.linkerd.io'

function accessPolicy(ctx: LinkerdContext, svc: Service, restricted: boolean): string {
  if (restricted) return 'deny'
  const mtls = ctx.scenario.security?.mtls
  const mode = mtls?.services?.[svc.name] ?? mtls?.mode
  if (mode === 'DISABLE') {
    const path = mtls?.services?.[svc.name] !== undefined ? `security.mtls.services.${svc.name}` : 'security.mtls.mode'
    note(ctx, LINKERD_CODES.mtlsDisable, 'Linkerd always uses mTLS between meshed pods; exported as all-unauthenticated (plaintext clients allowed)', path)
  }
  return mode === 'STRICT' ? 'all-authenticated' : 'all-unauthenticated'
}

function serverFor(ctx: LinkerdContext, svc: Service, restricted: boolean): Obj {
  return {
    apiVersion: `${POLICY_API}/v1beta3`,
    kind: 'Server',
    metadata: { name: svc.name, namespace: nsOf(ctx, svc.name) },
    spec: {
      podSelector: { matchLabels: { app: svc.name } },
      port: portOf(svc),
      proxyProtocol: svc.protocol !== undefined ? PROXY_PROTOCOL[svc.protocol] : undefined,
      accessPolicy: accessPolicy(ctx, svc, restricted),
    },
  }
}

/** Callers as identities; `'*'` means any authenticated client. */
function identities(ctx: LinkerdContext, callers: readonly string[], path: string): string[] {
  if (callers.includes('*')) return ['*']
  return callers.flatMap((c) => {
    if (c !== 'ingress') return [identityOf(ctx, c)]
    note(ctx, LINKERD_CODES.ingressIdentity, "Linkerd knows the ingress controller only by its own ServiceAccount identity: add it to the MeshTLSAuthentication, or ingress traffic is denied", path)
    return []
  })
}

function authorizationsFor(ctx: LinkerdContext, svc: Service): Obj[] {
  const rules = (ctx.scenario.security?.authorization ?? []).map((r, i) => ({ r, i })).filter(({ r }) => r.service === svc.name)
  const denied = new Set(rules.filter(({ r }) => r.action === 'DENY').flatMap(({ r }) => r.from))
  for (const { r, i } of rules) {
    if (r.paths || r.methods) note(ctx, LINKERD_CODES.authzPaths, 'Linkerd policy here covers the whole port: the paths/methods restriction is not exported', `security.authorization[${i}]`)
    if (r.action === 'DENY') note(ctx, LINKERD_CODES.denyRule, 'Linkerd has no DENY policy: exported as an allow-list of the other services (an ingress controller is not on it)', `security.authorization[${i}]`)
  }
  const everyone = ctx.scenario.services.map((s) => s.name).filter((n) => n !== svc.name)
  const allows = rules.filter(({ r }) => r.action === 'ALLOW')
  const lists = allows.length
    ? allows.map(({ r, i }) => ({ callers: r.from, path: `security.authorization[${i}].from` }))
    : [{ callers: ['*'], path: `security.authorization[${rules[0]!.i}].from` }]
  const ns = nsOf(ctx, svc.name)
  return lists.flatMap(({ callers, path }, k) => {
    const expanded = denied.size && callers.includes('*') ? everyone : callers
    const allowed = denied.has('*') ? [] : expanded.filter((c) => !denied.has(c))
    const ids = identities(ctx, allowed, path)
    if (ids.length === 0) return []
    const name = lists.length > 1 ? `${svc.name}-callers-${k + 1}` : `${svc.name}-callers`
    return [
      { apiVersion: `${POLICY_API}/v1alpha1`, kind: 'MeshTLSAuthentication', metadata: { name, namespace: ns }, spec: { identities: ids } },
      {
        apiVersion: `${POLICY_API}/v1alpha1`, kind: 'AuthorizationPolicy', metadata: { name, namespace: ns },
        spec: {
          targetRef: { group: POLICY_API, kind: 'Server', name: svc.name },
          requiredAuthenticationRefs: [{ group: POLICY_API, kind: 'MeshTLSAuthentication', name }],
        },
      },
    ]
  })
}

/** Servers for every service, and the authorization resources of the restricted ones. */
export function policyResources(ctx: LinkerdContext): Obj[] {
  const restricted = new Set((ctx.scenario.security?.authorization ?? []).map((r) => r.service))
  return ctx.scenario.services.flatMap((svc) => [
    serverFor(ctx, svc, restricted.has(svc.name)),
    ...(restricted.has(svc.name) ? authorizationsFor(ctx, svc) : []),
  ])
}
