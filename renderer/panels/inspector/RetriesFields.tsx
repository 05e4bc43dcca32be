import type { DocPath, RouteRule } from '../../../engine/index'
import { useTopology } from '../../state/topologyStore'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'

type Retries = NonNullable<RouteRule['retries']>
type RetryOn = NonNullable<Retries['retryOn']>[number]

/** Envoy's retry_on conditions, as the model accepts them (a Record: a new condition fails to compile here). */
const RETRY_ON: Readonly<Record<RetryOn, string>> = {
  '5xx': '5xx responses',
  'gateway-error': 'gateway errors (502, 503, 504)',
  reset: 'connection reset',
  'reset-before-request': 'reset before the request was sent',
  'connect-failure': 'connect failure',
  'retriable-4xx': 'retriable 4xx (409)',
  'refused-stream': 'refused stream',
  'retriable-status-codes': 'the status codes listed below',
  'retriable-headers': 'retriable headers',
  'envoy-ratelimited': 'rate limited by Envoy',
  cancelled: 'gRPC cancelled',
  'deadline-exceeded': 'gRPC deadline exceeded',
  'resource-exhausted': 'gRPC resource exhausted',
  unavailable: 'gRPC unavailable',
  internal: 'gRPC internal',
}

const FIELDS: readonly FieldSpec[] = [
  { key: 'attempts', label: 'Retry attempts', kind: 'int', required: true, hint: 'retries after the first try; 0 turns them off' },
  { key: 'perTryTimeout', label: 'Per-try timeout', kind: 'duration', placeholder: 'none' },
  { key: 'retriableStatusCodes', label: 'Retriable status codes', kind: 'intList', placeholder: 'e.g. 503, 429' },
  { key: 'retryIgnorePreviousHosts', label: 'Avoid hosts already tried', kind: 'check' },
]
const BACKOFF: readonly FieldSpec[] = [
  { key: 'base', label: 'Back-off base', kind: 'duration', placeholder: '25ms' },
  { key: 'max', label: 'Back-off max', kind: 'duration', placeholder: '10 × base' },
]
const NEW_RETRIES: Retries = { attempts: 2, retryOn: ['5xx', 'connect-failure'] }

/** A rule's retry policy: attempts, per-try timeout, the conditions that retry, back-off. */
export function RetriesFields({ service, ruleIndex, path, value }: {
  readonly service: string
  readonly ruleIndex: number
  readonly path: DocPath
  readonly value: Retries | undefined
}) {
  const setRetries = useTopology((s) => s.setRetries)
  if (!value) {
    return (
      <fieldset className="fieldset" aria-label="Retries">
        <legend>Retries</legend>
        <p className="inspector__note">The mesh profile&apos;s default retry policy applies.</p>
        <button type="button" className="small-button" onClick={() => setRetries(service, ruleIndex, NEW_RETRIES)}>+ retry policy</button>
      </fieldset>
    )
  }
  const set = (key: string, v: unknown) => setRetries(service, ruleIndex, { ...value, [key]: v } as Retries)
  const on = new Set(value.retryOn ?? [])
  const toggle = (c: RetryOn) => {
    const next = on.has(c) ? [...on].filter((x) => x !== c) : [...on, c]
    return set('retryOn', next.length ? (Object.keys(RETRY_ON) as RetryOn[]).filter((x) => next.includes(x)) : undefined)
  }
  return (
    <fieldset className="fieldset" aria-label="Retries">
      <legend>
        Retries
        <button type="button" className="link-button" onClick={() => setRetries(service, ruleIndex, undefined)}>remove</button>
      </legend>
      <SpecFields base={path} value={value as unknown as Record<string, unknown>} specs={FIELDS} label="Set retries" onSet={set} />
      <fieldset className="checks" aria-label="Retry on">
        <legend>Retry on</legend>
        {(Object.keys(RETRY_ON) as RetryOn[]).map((c) => (
          <label key={c} className="checks__item" title={RETRY_ON[c]}>
            <input type="checkbox" checked={on.has(c)} onChange={() => toggle(c)} />
            {c}
          </label>
        ))}
      </fieldset>
      <SpecFields
        base={[...path, 'backoff']}
        value={value.backoff}
        specs={BACKOFF}
        label="Set retries"
        onSet={(k, v) => {
          const next = { ...value.backoff, [k]: v }
          return set('backoff', next.base === undefined && next.max === undefined ? undefined : next)
        }}
      />
    </fieldset>
  )
}
