import type { Destination, DocPath } from '../../../engine/index'
import { setIn } from '../../state/edits/immutable'
import { useTopology } from '../../state/topologyStore'
import { SelectField } from '../fields/SelectField'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { PolicyFields } from './PolicyFields'
import { Section } from './Section'

const ACCRUAL: readonly FieldSpec[] = [
  { key: 'maxFailures', label: 'Failure accrual: max failures', kind: 'int', placeholder: 'off (Linkerd)' },
  { key: 'minPenalty', label: 'Failure accrual: min penalty', kind: 'duration', placeholder: '1s' },
  { key: 'maxPenalty', label: 'Failure accrual: max penalty', kind: 'duration', placeholder: '1m' },
  { key: 'jitterRatio', label: 'Failure accrual: jitter ratio', kind: 'number', placeholder: '0.5' },
]
const BUDGET: readonly FieldSpec[] = [
  { key: 'retryRatio', label: 'Retry ratio', kind: 'number', required: true },
  { key: 'minRetriesPerSecond', label: 'Min retries per second', kind: 'int', required: true },
  { key: 'ttl', label: 'Budget TTL', kind: 'duration', required: true },
]
const NEW_BUDGET = { retryRatio: 0.2, minRetriesPerSecond: 10, ttl: 10_000 }

/**
 * The destination policy of calls to `service` (an Istio DestinationRule, an Envoy
 * cluster): balancer, circuit breakers, outlier detection, TLS, slow start, Linkerd's
 * failure accrual and retry budget, and per-version overrides. Created on the first edit.
 */
export function DestinationForm({ service }: { readonly service: string }) {
  const index = useTopology((s) => s.document.scenario?.destinations?.findIndex((d) => d.service === service) ?? -1)
  const dest = useTopology((s) => (index >= 0 ? s.document.scenario?.destinations?.[index] : undefined))
  const versions = useTopology((s) => s.document.scenario?.services.find((x) => x.name === service)?.versions)
  const updateDestination = useTopology((s) => s.updateDestination)
  const count = useTopology((s) => s.document.scenario?.destinations?.length ?? 0)
  const path: DocPath = ['destinations', index >= 0 ? index : count]
  const set = (rel: DocPath, value: unknown) => {
    const [top, ...rest] = rel as [string, ...(string | number)[]]
    const current = dest?.[top as keyof Destination]
    return updateDestination(service, { [top]: rest.length ? setIn(current, rest, value) : value })
  }
  const overrides = dest?.versions ?? []
  const free = (versions ?? []).map((v) => v.name).filter((n) => !overrides.some((o) => o.name === n))
  return (
    <Section title={`Destination policy for ${service}`} testId="destination-form">
      <PolicyFields path={path} value={dest as Record<string, unknown> | undefined} set={set} />
      <fieldset className="fieldset" aria-label="Linkerd">
        <legend>Linkerd: failure accrual and retry budget</legend>
        <SpecFields base={[...path, 'failureAccrual']} value={dest?.failureAccrual} specs={ACCRUAL} label="Edit failure accrual" onSet={(k, v) => set(['failureAccrual', k], v)} />
        {dest?.retryBudget ? (
          <>
            <SpecFields base={[...path, 'retryBudget']} value={dest.retryBudget} specs={BUDGET} label="Edit retry budget" onSet={(k, v) => set(['retryBudget', k], v)} />
            <button type="button" className="link-button" onClick={() => set(['retryBudget'], undefined)}>remove retry budget</button>
          </>
        ) : (
          <button type="button" className="small-button" onClick={() => set(['retryBudget'], NEW_BUDGET)}>+ retry budget</button>
        )}
      </fieldset>
      {overrides.map((o, i) => (
        <fieldset key={o.name} className="fieldset" aria-label={`Policy for version ${o.name}`}>
          <legend>
            Version {o.name} override
            <button type="button" className="link-button" onClick={() => set(['versions'], overrides.length > 1 ? overrides.filter((x) => x !== o) : undefined)}>remove</button>
          </legend>
          <PolicyFields
            path={[...path, 'versions', i]}
            value={o as Record<string, unknown>}
            set={(rel, v) => set(['versions'], setIn(overrides, [i, ...rel], v))}
          />
        </fieldset>
      ))}
      {free.length > 0 && (
        <SelectField
          label="Add an override for a version"
          path={[...path, 'versions']}
          value={undefined}
          options={free}
          emptyLabel="choose a version…"
          onCommit={(name) => (name ? set(['versions'], [...overrides, { name }]) : false)}
        />
      )}
    </Section>
  )
}

