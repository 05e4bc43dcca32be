import type { DocPath, RouteRule } from '../../../engine/index'
import { setIn } from '../../state/edits/immutable'
import { SERVICE_TIME_KINDS, getDelayKind, setDelayKind } from '../../state/edits/serviceTime'
import type { DelayKind } from '../../state/edits/serviceTime'
import { useTopology } from '../../state/topologyStore'
import { SelectField } from '../fields/SelectField'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { HeaderMatchFields } from './HeaderMatchFields'
import { DistributionParamFields } from './ServiceTimeFields'

type Fault = NonNullable<RouteRule['fault']>

const DELAY_SHARE: readonly FieldSpec[] = [{ key: 'percent', label: 'Delay share', kind: 'percent', required: true }]
const FIXED: readonly FieldSpec[] = [{ key: 'fixed', label: 'Delay', kind: 'duration', required: true }]
const DELAY_KINDS: readonly { value: DelayKind; label: string }[] = [
  { value: 'fixed', label: 'fixed' },
  ...SERVICE_TIME_KINDS.map((k) => ({ value: k, label: `random: ${k}` })),
]
const ABORT: readonly FieldSpec[] = [
  { key: 'percent', label: 'Abort share', kind: 'percent', required: true },
  { key: 'httpStatus', label: 'Abort status', kind: 'int', required: true },
]

/**
 * Fault injection on a rule (Envoy's fault filter): a delay (fixed, or drawn from a
 * distribution) and / or an abort, each for a share of requests, optionally only for
 * requests with given headers.
 */
export function RuleFaultFields({ path, value }: { readonly path: DocPath; readonly value: Fault | undefined }) {
  const setField = useTopology((s) => s.setField)
  const set = (next: Fault | undefined) => setField(path, next && (next.delay || next.abort) ? next : undefined, 'Set fault injection')
  const delay = value?.delay
  const setDelay = (k: string, v: unknown) => set(setIn(value, ['delay', k], v))
  return (
    <fieldset className="fieldset" aria-label="Fault injection">
      <legend>Fault injection</legend>
      {delay ? (
        <>
          <SpecFields base={[...path, 'delay']} value={delay} specs={DELAY_SHARE} label="Set fault injection" onSet={setDelay} />
          <SelectField<DelayKind>
            label="Delay kind"
            path={[...path, 'delay']}
            value={getDelayKind(delay)}
            options={DELAY_KINDS}
            hint="a random delay is simulated as drawn; exported as its median"
            onCommit={(k) => (k ? set({ ...value, delay: setDelayKind(delay, k) }) : false)}
          />
          {delay.distribution ? (
            <DistributionParamFields
              path={[...path, 'delay', 'distribution']}
              value={delay.distribution}
              noun="delay"
              label="Set fault injection"
              onSet={(k, v) => set(setIn(value, ['delay', 'distribution', k], v))}
            />
          ) : (
            <SpecFields base={[...path, 'delay']} value={delay} specs={FIXED} label="Set fault injection" onSet={setDelay} />
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
      {value && (
        <HeaderMatchFields path={[...path, 'headers']} value={value.headers} labelPrefix="Faulted" onSet={(h) => set(setIn(value, ['headers'], h))} />
      )}
    </fieldset>
  )
}
