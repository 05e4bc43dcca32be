import { useId } from 'react'
import { useTopology } from '../state/topologyStore'
import { DRAWABLE } from './faultDraft'
import type { DrawableFault } from './faultDraft'

export interface FaultChoice {
  readonly kind: DrawableFault
  /** undefined: the selected service (or the first one). */
  readonly service: string | undefined
  readonly version: string | undefined
}

/** What a drag on the fault timeline adds: the kind of fault and its target. */
export function FaultToolbar({ choice, onChange, fallbackService }: {
  readonly choice: FaultChoice
  readonly onChange: (choice: FaultChoice) => void
  readonly fallbackService: string | undefined
}) {
  const id = useId()
  const services = useTopology((s) => s.document.scenario?.services)
  const service = choice.service ?? fallbackService ?? services?.[0]?.name
  const versions = services?.find((s) => s.name === service)?.versions ?? []
  return (
    <figcaption className="chart__title fault-toolbar">
      <span>Faults</span>
      <label htmlFor={`${id}-kind`}>Add</label>
      <select id={`${id}-kind`} className="field__input fault-toolbar__select" value={choice.kind} onChange={(e) => onChange({ ...choice, kind: e.target.value as DrawableFault })}>
        {(Object.keys(DRAWABLE) as DrawableFault[]).map((k) => <option key={k} value={k}>{DRAWABLE[k]}</option>)}
      </select>
      {choice.kind !== 'partition' && (
        <>
          <label htmlFor={`${id}-service`}>on</label>
          <select id={`${id}-service`} className="field__input fault-toolbar__select" value={service ?? ''} onChange={(e) => onChange({ ...choice, service: e.target.value, version: undefined })}>
            {services?.map((s) => <option key={s.name} value={s.name}>{s.name}</option>)}
          </select>
          <label htmlFor={`${id}-version`} className="visually-hidden">Fault version</label>
          <select id={`${id}-version`} className="field__input fault-toolbar__select" value={choice.version ?? ''} onChange={(e) => onChange({ ...choice, service, version: e.target.value || undefined })}>
            <option value="">any version</option>
            {versions.map((v) => <option key={v.name} value={v.name}>{v.name}</option>)}
          </select>
        </>
      )}
      <span className="fault-toolbar__hint">then drag on the timeline below</span>
    </figcaption>
  )
}
