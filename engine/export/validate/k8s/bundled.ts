/**
 * The schemas that ship with the app: the vendored CRD versions in `engine/export/schemas/k8s/`
 * (regenerate with `node scripts/vendor-schemas.mjs`) plus the core kinds of `coreSchemas.ts`,
 * and a validator over them with Istio's, Linkerd's and the API server's extra checks.
 */
import gatewayHttpRoute from '../../schemas/k8s/gateway.networking.k8s.io_v1_httproute.json'
import serviceProfile from '../../schemas/k8s/linkerd.io_v1alpha2_serviceprofile.json'
import destinationRule from '../../schemas/k8s/networking.istio.io_v1_destinationrule.json'
import istioGateway from '../../schemas/k8s/networking.istio.io_v1_gateway.json'
import virtualService from '../../schemas/k8s/networking.istio.io_v1_virtualservice.json'
import linkerdAuthorizationPolicy from '../../schemas/k8s/policy.linkerd.io_v1alpha1_authorizationpolicy.json'
import meshTlsAuthentication from '../../schemas/k8s/policy.linkerd.io_v1alpha1_meshtlsauthentication.json'
import linkerdHttpRoute from '../../schemas/k8s/policy.linkerd.io_v1beta3_httproute.json'
import linkerdServer from '../../schemas/k8s/policy.linkerd.io_v1beta3_server.json'
import istioAuthorizationPolicy from '../../schemas/k8s/security.istio.io_v1_authorizationpolicy.json'
import peerAuthentication from '../../schemas/k8s/security.istio.io_v1_peerauthentication.json'
import { coreChecks, coreKindSchemas } from './coreSchemas'
import { istioSubsetsExist, istioWebhooks } from './istioWebhooks'
import { linkerdReferencesExist, linkerdWebhooks } from './linkerdWebhooks'
import type { OpenApiSchema } from './structural'
import { createK8sValidator } from './validator'
import type { K8sValidator, K8sValidatorOptions, KindSchema } from './validator'

/** The shape of a vendored schema file. */
interface VendoredSchema {
  readonly source: string
  readonly group: string
  readonly version: string
  readonly kind: string
  readonly schema: unknown
}

const vendored = [
  virtualService, destinationRule, istioGateway, peerAuthentication, istioAuthorizationPolicy,
  serviceProfile, linkerdHttpRoute, linkerdServer, linkerdAuthorizationPolicy, meshTlsAuthentication, gatewayHttpRoute,
] as readonly VendoredSchema[]

/** Every kind/version the app validates offline. */
export const bundledKindSchemas: readonly KindSchema[] = [
  ...vendored.map((v) => ({ group: v.group, version: v.version, kind: v.kind, source: v.source, schema: v.schema as OpenApiSchema })),
  ...coreKindSchemas,
]

/** Webhook and cross-resource checks for Istio, Linkerd and core kinds (shared with tests that load ../shared). */
export const meshValidatorOptions: K8sValidatorOptions = {
  webhooks: { ...istioWebhooks, ...linkerdWebhooks, ...coreChecks },
  crossChecks: [istioSubsetsExist, linkerdReferencesExist],
}

let validator: K8sValidator | undefined

/** The validator over the bundled schemas, created on first use (schemas compile lazily per kind). */
export function bundledK8sValidator(): K8sValidator {
  validator ??= createK8sValidator(bundledKindSchemas, meshValidatorOptions)
  return validator
}
