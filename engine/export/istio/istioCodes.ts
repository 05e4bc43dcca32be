/**
 * Diagnostic codes of the Istio exporter (`EXPORT_ISTIO_NNN`). Warnings say what Istio cannot
 * express and what was exported instead; errors mean Istio would reject the export.
 *
 * | code | severity | meaning |
 * |---|---|---|
 * | EXPORT_ISTIO_001 | warning | a random fault delay is exported as its median (`fixedDelay`) |
 * | EXPORT_ISTIO_002 | warning | `p2c_ewma` (Linkerd's balancer) is exported as LEAST_REQUEST |
 * | EXPORT_ISTIO_003 | warning | least_request `choiceCount` / `activeRequestBias` cannot be set through Istio |
 * | EXPORT_ISTIO_004 | warning | ring_hash `maximumRingSize` / `hashFunction` cannot be set through Istio |
 * | EXPORT_ISTIO_005 | warning | retry back-off `max` cannot be set (Istio has only the base; Envoy caps at 10× base) |
 * | EXPORT_ISTIO_006 | warning | a Linkerd retry budget (`retryBudget`) has no Istio equivalent |
 * | EXPORT_ISTIO_007 | warning | Linkerd failure accrual has no Istio equivalent (outlier detection is the closest) |
 * | EXPORT_ISTIO_008 | warning | outlier detection `maxEjectionTime` cannot be set through Istio |
 * | EXPORT_ISTIO_009 | warning | success-rate / failure-percentage ejection cannot be set through Istio |
 * | EXPORT_ISTIO_010 | warning | a fractional percentage Istio takes as a whole number was rounded |
 * | EXPORT_ISTIO_011 | warning | a connection-pool limit of 0 means "no limit" to Istio |
 * | EXPORT_ISTIO_012 | warning | MUTUAL TLS: `credentialName` points at a Secret the user must create |
 * | EXPORT_ISTIO_013 | warning | slow start (warmup) is ignored by this balancer (Envoy: round robin and least request only) |
 * | EXPORT_ISTIO_014 | warning | an ingress target cannot be told apart from another (no request-mix paths) |
 * | EXPORT_ISTIO_015 | warning | authorization `from: ingress` assumes Istio's default ingress gateway service account |
 * | EXPORT_ISTIO_016 | warning | a fault's header condition conflicts with the rule's own condition on the same header |
 * | EXPORT_ISTIO_017 | warning | a zero duration is Istio's "unset" (timeouts and delays must be at least 1 ms) |
 * | EXPORT_ISTIO_018 | error   | a maglev table size that is not prime (Istio and Envoy reject it) |
 * | EXPORT_ISTIO_019 | warning | a rollout is not exported: the route's weights are its starting point (use Flagger or Argo Rollouts to progress it) |
 * | EXPORT_ISTIO_020 | warning | an HTTP feature on a TCP service's route (Istio routes TCP by weight only) |
 */
export const ISTIO_CODES = {
  delayMedian: 'EXPORT_ISTIO_001',
  p2cEwma: 'EXPORT_ISTIO_002',
  leastRequestOptions: 'EXPORT_ISTIO_003',
  ringHashOptions: 'EXPORT_ISTIO_004',
  backoffMax: 'EXPORT_ISTIO_005',
  retryBudget: 'EXPORT_ISTIO_006',
  failureAccrual: 'EXPORT_ISTIO_007',
  maxEjectionTime: 'EXPORT_ISTIO_008',
  successRate: 'EXPORT_ISTIO_009',
  rounded: 'EXPORT_ISTIO_010',
  zeroLimit: 'EXPORT_ISTIO_011',
  mutualTls: 'EXPORT_ISTIO_012',
  slowStart: 'EXPORT_ISTIO_013',
  ingressShadowed: 'EXPORT_ISTIO_014',
  ingressPrincipal: 'EXPORT_ISTIO_015',
  faultHeaders: 'EXPORT_ISTIO_016',
  zeroDuration: 'EXPORT_ISTIO_017',
  maglevPrime: 'EXPORT_ISTIO_018',
  rollout: 'EXPORT_ISTIO_019',
  tcpRoute: 'EXPORT_ISTIO_020',
} as const
