import type { DocPath, RouteRule } from '../../../engine/index'
import { setIn } from '../../state/edits/immutable'
import { useTopology } from '../../state/topologyStore'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'

type Fault = NonNullable<RouteRule['fault']>

const DELAY: readonly FieldSpec[] = [
  { key: 'percent', label: 'Delay share', kind: 'percent', required: true },
  { key: 'fixed', label: 'Delay', kind: 'duration', required: true },
]
const ABORT: readonly FieldSpec[] = [
  { key: 'percent', label: 'Abort share', kind: 'percent', required: true },
  { key: 'httpStatus', label: 'Abort status', kind: 'int', required: true },
]

/** Fault injection on a rule (Envoy's fault filter): a fixed delay and / or an abort, each for a share of requests. */
export function RuleFaultFields({ path, value }: { readonly path: DocPath; readonly value: Fault | undefined }) {
  const setField = useTopology((s) => s.setField)
  const set = (next: Fault | undefined) => setField(path, next && (next.delay || next.abort) ? next : undefined, 'Set fault injection')
  return (
    <fieldset className="fieldset" aria-label="Fault injection">
      <legend>Fault injection</legend>
      {value?.delay ? (
        <>
          {value.delay.distribution ? (
            <p className="inspector__note">A random delay distribution is set; edit it in the YAML.</p>
          ) : (
            <SpecFields base={[...path, 'delay']} value={value.delay} specs={DELAY} label="Set fault injection" onSet={(k, v) => set(setIn(value, ['delay', k], v))} />
          )}
          <button type="button" className="link-button" onClick={() => set({ ...value, delay: undefined })}>remove delay</button>
        </>
      ) : (
        <button type="button" className="small-button" onClick={() => set({ ...value, delay: { percent: 10, fixed: 100 } })}>+ delay</button>
      )}
      {value?.abort ? (
        <>
          <SpecFields base={[...path, 'abort']} value={value.abort} specs={ABORT} label="Set fault injection" onSet={(k, v) => set(setIn(value, ['abort', k], v))} />
          <button type="button" className="link-button" onClick={() => set({ ...value, abort: undefined })}>remove abort</button>
        </>
      ) : (
        <button type="button" className="small-button" onClick={() => set({ ...value, abort: { percent: 10, httpStatus: 503 } })}>+ abort</button>
      )}
    </fieldset>
  )
}
