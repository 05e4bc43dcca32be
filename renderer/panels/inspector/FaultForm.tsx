import type { FaultEvent } from '../../../engine/index'
import { useTopology } from '../../state/topologyStore'
import { SelectField } from '../fields/SelectField'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { Section } from './Section'

type Kind = FaultEvent['kind']
const AT: FieldSpec = { key: 'at', label: 'Starts at', kind: 'duration', required: true }
const FOR: FieldSpec = { key: 'for', label: 'Lasts', kind: 'duration', required: true }
const VERSION: FieldSpec = { key: 'version', label: 'Version', placeholder: 'any version' }
const ONLY_REPLICA: FieldSpec = { key: 'replica', label: 'Replica', kind: 'int', placeholder: 'every replica', hint: 'only this replica index' }
const FIELDS: Readonly<Record<Kind, readonly FieldSpec[]>> = {
  crash: [AT, VERSION, { key: 'replica', label: 'Replica', kind: 'int', placeholder: '0' }, { key: 'restartAfter', label: 'Restarts after', kind: 'duration', placeholder: 'stays down' }],
  latency: [AT, FOR, VERSION, ONLY_REPLICA, { key: 'add', label: 'Added latency', kind: 'duration', required: true }],
  error_burst: [AT, FOR, VERSION, ONLY_REPLICA, { key: 'rate', label: 'Error rate', kind: 'percent', required: true }, { key: 'status', label: 'Status', kind: 'int', placeholder: '503' }],
  partition: [AT, FOR, { key: 'zones', label: 'Zones cut apart', kind: 'list', required: true, hint: 'exactly two zones' }],
  slow_replica: [AT, FOR, VERSION, { key: 'replica', label: 'Replica', kind: 'int', placeholder: '0' }, { key: 'factor', label: 'Slow-down factor', kind: 'number', required: true }],
  rolling_deploy: [AT, VERSION, { key: 'batch', label: 'Batch size', kind: 'int', placeholder: '1' }, { key: 'restartTime', label: 'Restart time', kind: 'duration', placeholder: '10s' }],
}
export const FAULT_LABELS: Readonly<Record<Kind, string>> = {
  crash: 'Replica crash', latency: 'Added latency', error_burst: 'Error burst', partition: 'Zone partition', slow_replica: 'Slow replica', rolling_deploy: 'Rolling deploy',
}

/** The fault selected on the timeline: its kind, target and timing. */
export function FaultForm({ index }: { readonly index: number }) {
  const fault = useTopology((s) => s.document.scenario?.faults?.[index])
  const services = useTopology((s) => s.document.scenario?.services)
  const updateFault = useTopology((s) => s.updateFault)
  const removeFault = useTopology((s) => s.removeFault)
  const setField = useTopology((s) => s.setField)
  if (!fault || !services) return null
  const path = ['faults', index] as const
  return (
    <div className="inspector__form" data-testid="fault-form">
      <Section title={`Fault ${index + 1}: ${FAULT_LABELS[fault.kind]}`} actions={<button type="button" className="link-button" onClick={() => removeFault(index)}>delete fault</button>}>
        {fault.kind !== 'partition' && (
          <SelectField label="Service" path={[...path, 'service']} value={fault.service} options={services.map((s) => s.name)} onCommit={(v) => (v ? updateFault(index, { ...fault, service: v, version: undefined } as FaultEvent) : false)} />
        )}
        <SpecFields base={path} value={fault as unknown as Record<string, unknown>} specs={FIELDS[fault.kind]} label="Edit fault" onSet={(k, v) => setField([...path, k], v, 'Edit fault')} />
      </Section>
    </div>
  )
}
