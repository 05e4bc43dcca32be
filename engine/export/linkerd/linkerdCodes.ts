/**
 * Diagnostic codes of the Linkerd exporter (`EXPORT_LINKERD_NNN`): what Linkerd cannot
 * express and what was exported instead. All are warnings (Linkerd accepts the export).
 *
 * | code | meaning |
 * |---|---|
 * | EXPORT_LINKERD_001 | a balancer other than p2c_ewma: Linkerd always balances with P2C over peak-EWMA |
 * | EXPORT_LINKERD_002 | p2c_ewma `defaultRtt` / `decay` cannot be set per service |
 * | EXPORT_LINKERD_003 | connection-pool limits (circuit breakers): Linkerd has none |
 * | EXPORT_LINKERD_004 | outlier detection approximated by failure accrual (consecutive failures) |
 * | EXPORT_LINKERD_005 | outlier detection not exported (failure accrual given, or a Linkerd scenario, which ignores it) |
 * | EXPORT_LINKERD_006 | fault injection: Linkerd has none |
 * | EXPORT_LINKERD_007 | traffic mirroring: Linkerd has none |
 * | EXPORT_LINKERD_008 | slow start: Linkerd has none |
 * | EXPORT_LINKERD_009 | a TLS mode Linkerd cannot honour (it always uses mTLS between meshed pods) |
 * | EXPORT_LINKERD_010 | per-version policy: Linkerd's policy is per Service |
 * | EXPORT_LINKERD_011 | a header match a ServiceProfile route cannot express (dropped: the route matches more) |
 * | EXPORT_LINKERD_012 | retry attempts / per-try timeout under a ServiceProfile (retries are budget-limited) |
 * | EXPORT_LINKERD_013 | a retry condition Linkerd cannot select |
 * | EXPORT_LINKERD_014 | rules with different retry policies: an HTTPRoute's retry annotations apply to all its rules |
 * | EXPORT_LINKERD_015 | retry back-off cannot be configured |
 * | EXPORT_LINKERD_016 | retryIgnorePreviousHosts cannot be configured |
 * | EXPORT_LINKERD_017 | a duration below 1 ms rounded (Gateway API durations are whole milliseconds) |
 * | EXPORT_LINKERD_018 | rules with different splits under a ServiceProfile (its dstOverrides apply to the whole service) |
 * | EXPORT_LINKERD_019 | rule order differs from Gateway API match precedence (a later, more specific rule wins) |
 * | EXPORT_LINKERD_020 | mTLS mode DISABLE: Linkerd cannot turn mTLS off between meshed pods |
 * | EXPORT_LINKERD_021 | an authorization DENY rule exported as an allow-list of the other callers |
 * | EXPORT_LINKERD_022 | authorization paths / methods not enforced (the policy covers the whole port) |
 * | EXPORT_LINKERD_023 | authorization `from: ingress`: Linkerd identifies the ingress controller by its own service account |
 * | EXPORT_LINKERD_024 | an HTTP method outside Gateway API's list (match condition dropped) |
 * | EXPORT_LINKERD_025 | a rollout is not exported: the route's weights are its starting point |
 * | EXPORT_LINKERD_026 | a route on a TCP (opaque) service: HTTPRoutes do not apply to it |
 */
export const LINKERD_CODES = {
  balancer: 'EXPORT_LINKERD_001',
  ewmaOptions: 'EXPORT_LINKERD_002',
  connectionPool: 'EXPORT_LINKERD_003',
  outlierApprox: 'EXPORT_LINKERD_004',
  outlierDropped: 'EXPORT_LINKERD_005',
  fault: 'EXPORT_LINKERD_006',
  mirror: 'EXPORT_LINKERD_007',
  slowStart: 'EXPORT_LINKERD_008',
  tls: 'EXPORT_LINKERD_009',
  perVersion: 'EXPORT_LINKERD_010',
  profileHeaders: 'EXPORT_LINKERD_011',
  profileRetries: 'EXPORT_LINKERD_012',
  retryCondition: 'EXPORT_LINKERD_013',
  mixedRetries: 'EXPORT_LINKERD_014',
  backoff: 'EXPORT_LINKERD_015',
  previousHosts: 'EXPORT_LINKERD_016',
  subMillisecond: 'EXPORT_LINKERD_017',
  profileSplits: 'EXPORT_LINKERD_018',
  precedence: 'EXPORT_LINKERD_019',
  mtlsDisable: 'EXPORT_LINKERD_020',
  denyRule: 'EXPORT_LINKERD_021',
  authzPaths: 'EXPORT_LINKERD_022',
  ingressIdentity: 'EXPORT_LINKERD_023',
  method: 'EXPORT_LINKERD_024',
  rollout: 'EXPORT_LINKERD_025',
  tcpRoute: 'EXPORT_LINKERD_026',
} as const
