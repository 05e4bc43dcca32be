import type { DocPath, Version } from '../../../engine/index'
import { MODEL_DEFAULTS } from '../../../engine/index'
import { useTopology } from '../../state/topologyStore'
import { Field } from '../fields/Field'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { ServiceTimeFields } from './ServiceTimeFields'
import { VersionCallsFields } from './VersionCallsFields'

const CAPACITY: readonly FieldSpec[] = [
  { key: 'replicas', label: 'Replicas', kind: 'int', placeholder: `${MODEL_DEFAULTS.replicas}`, hint: 'pods of this version' },
  { key: 'concurrency', label: 'Concurrency', kind: 'int', placeholder: `${MODEL_DEFAULTS.concurrency}`, hint: 'requests one replica serves at once' },
  { key: 'queue', label: 'Queue', kind: 'int', placeholder: `${MODEL_DEFAULTS.queue}`, hint: 'requests that may wait per replica; overflow fails' },
]
const ERRORS: readonly FieldSpec[] = [
  { key: 'errorRate', label: 'Error rate', kind: 'percent', placeholder: '0%', hint: 'chance a request fails on its own' },
  { key: 'errorStatus', label: 'Error status', kind: 'int', placeholder: `${MODEL_DEFAULTS.errorStatus}` },
  { key: 'zones', label: 'Zones', kind: 'list', placeholder: 'the scenario\'s zones', hint: 'replicas are spread over these, in order' },
  { key: 'labels', label: 'Labels', kind: 'map', placeholder: 'key=value, …' },
]

/** One version (subset) of a service: its name, capacity, service time, errors, placement and its own calls. */
export function VersionForm({ service, version, path, canRemove }: {
  readonly service: string
  readonly version: Version
  readonly path: DocPath
  readonly canRemove: boolean
}) {
  const renameVersion = useTopology((s) => s.renameVersion)
  const removeVersion = useTopology((s) => s.removeVersion)
  const obj = version as unknown as Record<string, unknown>
  return (
    <fieldset className="fieldset fieldset--version" aria-label={`Version ${version.name}`} data-testid={`version-form-${version.name}`}>
      <legend>
        Version {version.name}
        {canRemove && (
          <button type="button" className="link-button" onClick={() => removeVersion(service, version.name)} aria-label={`Remove version ${version.name}`}>
            remove
          </button>
        )}
      </legend>
      <Field label="Version name" path={[...path, 'name']} value={version.name} onCommit={(v) => renameVersion(service, version.name, v as string)} />
      <SpecFields base={path} value={obj} specs={CAPACITY} label="Edit version" />
      <ServiceTimeFields path={[...path, 'serviceTime']} value={version.serviceTime} />
      <SpecFields base={path} value={obj} specs={ERRORS} label="Edit version" />
      <VersionCallsFields service={service} version={version} path={path} />
    </fieldset>
  )
}
