import type { DocPath, ServiceTime } from '../../../engine/index'
import { MODEL_DEFAULTS } from '../../../engine/index'
import { SERVICE_TIME_KINDS, SERVICE_TIME_STARTERS } from '../../state/edits/serviceTime'
import type { ServiceTimeKind } from '../../state/edits/serviceTime'
import { useTopology } from '../../state/topologyStore'
import { SelectField } from '../fields/SelectField'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'

/** The parameters of a distribution of `noun` (`service time`, `delay`), labelled after it. */
function paramSpecs(kind: ServiceTimeKind, noun: string): readonly FieldSpec[] {
  const Noun = noun.charAt(0).toUpperCase() + noun.slice(1)
  switch (kind) {
    case 'constant':
      return [{ key: 'value', label: Noun, kind: 'duration', required: true }]
    case 'exponential':
      return [{ key: 'mean', label: `Mean ${noun}`, kind: 'duration', required: true }]
    case 'lognormal':
      return [
        { key: 'p50', label: `Median ${noun} (p50)`, kind: 'duration', required: true },
        { key: 'p99', label: `p99 ${noun}`, kind: 'duration', required: true, hint: 'must be above the median' },
      ]
    case 'empirical':
      return [{ key: 'samples', label: `${Noun.replace(/ /g, '-')} samples`, kind: 'durationList', required: true, hint: 'drawn uniformly, e.g. 5ms, 8ms, 40ms' }]
  }
}

/** The parameter fields of a distribution at `path` (its kind is picked elsewhere). */
export function DistributionParamFields({ path, value, noun, label, onSet }: {
  readonly path: DocPath
  readonly value: ServiceTime
  readonly noun: string
  readonly label: string
  readonly onSet?: (key: string, value: unknown) => boolean
}) {
  return <SpecFields base={path} value={value as unknown as Record<string, unknown>} specs={paramSpecs(value.kind, noun)} label={label} onSet={onSet} />
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
        options={SERVICE_TIME_KINDS}
        emptyLabel={DEFAULT_LABEL}
        onCommit={(k) => setField(path, k ? SERVICE_TIME_STARTERS[k] : undefined, 'Set service time')}
      />
      {value && <DistributionParamFields path={path} value={value} noun="service time" label="Edit service time" />}
    </fieldset>
  )
}
