import type { DocPath, ServiceTime } from '../../../engine/index'
import { MODEL_DEFAULTS } from '../../../engine/index'
import { useTopology } from '../../state/topologyStore'
import { SelectField } from '../fields/SelectField'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'

const KINDS = ['constant', 'exponential', 'lognormal', 'empirical'] as const
type Kind = (typeof KINDS)[number]

/** What a distribution starts with when its kind is picked (round, realistic numbers). */
const STARTERS: Record<Kind, ServiceTime> = {
  constant: { kind: 'constant', value: 10 },
  exponential: { kind: 'exponential', mean: 10 },
  lognormal: { kind: 'lognormal', p50: 5, p99: 25 },
  empirical: { kind: 'empirical', samples: [5, 10, 20] },
}

const PARAMS: Record<Kind, readonly FieldSpec[]> = {
  constant: [{ key: 'value', label: 'Service time', kind: 'duration', required: true }],
  exponential: [{ key: 'mean', label: 'Mean service time', kind: 'duration', required: true }],
  lognormal: [
    { key: 'p50', label: 'Median service time (p50)', kind: 'duration', required: true },
    { key: 'p99', label: 'p99 service time', kind: 'duration', required: true, hint: 'must be above the median' },
  ],
  empirical: [{ key: 'samples', label: 'Service-time samples', kind: 'durationList', required: true, hint: 'drawn uniformly, e.g. 5ms, 8ms, 40ms' }],
}

const fallback = MODEL_DEFAULTS.serviceTime
const DEFAULT_LABEL = `default (${fallback.kind}${fallback.kind === 'exponential' ? `, mean ${fallback.mean}ms` : ''})`

/** The service-time distribution of a version: its kind, then that kind's parameters. */
export function ServiceTimeFields({ path, value }: { readonly path: DocPath; readonly value: ServiceTime | undefined }) {
  const setField = useTopology((s) => s.setField)
  const kind = value?.kind
  return (
    <fieldset className="fieldset">
      <legend>Service time</legend>
      <SelectField
        label="Service-time distribution"
        path={[...path, 'kind']}
        value={kind}
        options={KINDS}
        emptyLabel={DEFAULT_LABEL}
        onCommit={(k) => setField(path, k ? STARTERS[k] : undefined, 'Set service time')}
      />
      {kind && <SpecFields base={path} value={value as unknown as Record<string, unknown>} specs={PARAMS[kind]} label="Edit service time" />}
    </fieldset>
  )
}
