import type { DocPath, LoadBalancer } from '../../../engine/index'
import { SelectField } from '../fields/SelectField'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { BalancerFields } from './BalancerFields'

const POOL: readonly FieldSpec[] = [
  { key: 'maxConnections', label: 'Max connections', kind: 'int', placeholder: 'profile default' },
  { key: 'maxPendingRequests', label: 'Max pending requests', kind: 'int', placeholder: 'profile default' },
  { key: 'maxRequests', label: 'Max requests', kind: 'int', placeholder: 'profile default' },
  { key: 'maxRetries', label: 'Max retries', kind: 'int', placeholder: 'profile default' },
  { key: 'maxRequestsPerConnection', label: 'Max requests per connection', kind: 'int', placeholder: 'unlimited' },
  { key: 'connectTimeout', label: 'Connect timeout', kind: 'duration', placeholder: 'profile default' },
]
const RETRY_BUDGET: readonly FieldSpec[] = [
  { key: 'percent', label: 'Retry budget', kind: 'percent', placeholder: 'none', hint: 'share of active requests that may be retries' },
  { key: 'minRetryConcurrency', label: 'Min retry concurrency', kind: 'int', placeholder: '3' },
]
const OUTLIER: readonly FieldSpec[] = [
  { key: 'consecutive5xxErrors', label: 'Consecutive 5xx errors', kind: 'int', placeholder: 'off', hint: 'eject a host after this many 5xx in a row' },
  { key: 'consecutiveGatewayErrors', label: 'Consecutive gateway errors', kind: 'int', placeholder: 'off' },
  { key: 'interval', label: 'Interval', kind: 'duration', placeholder: '10s' },
  { key: 'baseEjectionTime', label: 'Base ejection time', kind: 'duration', placeholder: '30s' },
  { key: 'maxEjectionTime', label: 'Max ejection time', kind: 'duration', placeholder: '300s' },
  { key: 'maxEjectionPercent', label: 'Max ejection', kind: 'percent', placeholder: '10%' },
  { key: 'minHealthPercent', label: 'Min health', kind: 'percent', placeholder: '0%', hint: 'below this, the balancer ignores health (panic)' },
]
const SUCCESS_RATE: readonly FieldSpec[] = [
  { key: 'minimumHosts', label: 'Success rate: min hosts', kind: 'int', placeholder: '5' },
  { key: 'requestVolume', label: 'Success rate: request volume', kind: 'int', placeholder: '100' },
  { key: 'stdevFactor', label: 'Success rate: stdev factor', kind: 'number', placeholder: '1.9' },
  { key: 'enforcing', label: 'Success rate: enforcing', kind: 'percent', placeholder: '100%' },
]
const FAILURE_PCT: readonly FieldSpec[] = [
  { key: 'threshold', label: 'Failure percentage: threshold', kind: 'percent', placeholder: '85%' },
  { key: 'minimumHosts', label: 'Failure percentage: min hosts', kind: 'int', placeholder: '5' },
  { key: 'requestVolume', label: 'Failure percentage: request volume', kind: 'int', placeholder: '50' },
  { key: 'enforcing', label: 'Failure percentage: enforcing', kind: 'percent', placeholder: '0%' },
]
const SLOW_START: readonly FieldSpec[] = [
  { key: 'window', label: 'Slow-start window', kind: 'duration', placeholder: 'off' },
  { key: 'aggression', label: 'Slow-start aggression', kind: 'number', placeholder: '1' },
  { key: 'minWeightPercent', label: 'Slow-start min weight', kind: 'percent', placeholder: '10%' },
]

type Obj = Readonly<Record<string, unknown>> | undefined

/**
 * The policy fields a destination and each of its version overrides share: balancer,
 * connection pool (circuit breakers), outlier detection, TLS and slow start. `set` writes a
 * value at a path relative to the policy object.
 */
export function PolicyFields({ path, value, set }: {
  readonly path: DocPath
  readonly value: Obj
  readonly set: (rel: DocPath, value: unknown) => boolean
}) {
  const at = (key: string) => value?.[key] as Obj
  const nested = (group: string, sub?: string) => (key: string, v: unknown) => set(sub ? [group, sub, key] : [group, key], v)
  return (
    <>
      <BalancerFields path={[...path, 'loadBalancer']} value={value?.loadBalancer as LoadBalancer | undefined} set={(rel, v) => set(['loadBalancer', ...rel], v)} />
      <fieldset className="fieldset" aria-label="Connection pool">
        <legend>Connection pool (circuit breakers)</legend>
        <SpecFields base={[...path, 'connectionPool']} value={at('connectionPool')} specs={POOL} label="Edit connection pool" onSet={nested('connectionPool')} />
        <SpecFields base={[...path, 'connectionPool', 'retryBudget']} value={at('connectionPool')?.retryBudget as Obj} specs={RETRY_BUDGET} label="Edit retry budget" onSet={nested('connectionPool', 'retryBudget')} />
      </fieldset>
      <fieldset className="fieldset" aria-label="Outlier detection">
        <legend>Outlier detection</legend>
        <SpecFields base={[...path, 'outlierDetection']} value={at('outlierDetection')} specs={OUTLIER} label="Edit outlier detection" onSet={nested('outlierDetection')} />
        <SpecFields base={[...path, 'outlierDetection', 'successRate']} value={at('outlierDetection')?.successRate as Obj} specs={SUCCESS_RATE} label="Edit outlier detection" onSet={nested('outlierDetection', 'successRate')} />
        <SpecFields base={[...path, 'outlierDetection', 'failurePercentage']} value={at('outlierDetection')?.failurePercentage as Obj} specs={FAILURE_PCT} label="Edit outlier detection" onSet={nested('outlierDetection', 'failurePercentage')} />
      </fieldset>
      <fieldset className="fieldset" aria-label="TLS and slow start">
        <legend>TLS and slow start</legend>
        <SelectField
          label="TLS mode"
          path={[...path, 'tls', 'mode']}
          value={(at('tls')?.mode as 'DISABLE' | 'SIMPLE' | 'MUTUAL' | 'ISTIO_MUTUAL' | undefined)}
          options={['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'] as const}
          emptyLabel="default (mesh)"
          onCommit={(mode) => set(['tls'], mode ? { mode } : undefined)}
        />
        <SpecFields base={[...path, 'slowStart']} value={at('slowStart')} specs={SLOW_START} label="Edit slow start" onSet={nested('slowStart')} />
      </fieldset>
    </>
  )
}
