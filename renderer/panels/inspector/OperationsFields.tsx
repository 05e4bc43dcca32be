import type { Rollout, Slo } from '../../../engine/index'
import { setIn } from '../../state/edits/immutable'
import { useTopology } from '../../state/topologyStore'
import { ListFields } from '../fields/ListFields'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { Section } from './Section'

const SLO_FIELDS: Readonly<Record<Slo['kind'], readonly FieldSpec[]>> = {
  latency: [
    { key: 'name', label: 'SLO name', required: true },
    { key: 'service', label: 'Service', required: true },
    { key: 'percentile', label: 'Percentile', kind: 'number', required: true },
    { key: 'threshold', label: 'Threshold', kind: 'duration', required: true },
    { key: 'window', label: 'Window', kind: 'duration', placeholder: 'whole run' },
  ],
  success_rate: [
    { key: 'name', label: 'SLO name', required: true },
    { key: 'service', label: 'Service', required: true },
    { key: 'objective', label: 'Objective', kind: 'percent', required: true },
    { key: 'window', label: 'Window', kind: 'duration', placeholder: 'whole run' },
  ],
}
const ROLLOUT_FIELDS: Readonly<Record<Rollout['kind'], readonly FieldSpec[]>> = {
  canary: [
    { key: 'service', label: 'Service', required: true },
    { key: 'from', label: 'From version', required: true },
    { key: 'to', label: 'To version', required: true },
    { key: 'start', label: 'Start', kind: 'duration', placeholder: '0s' },
  ],
  blue_green: [
    { key: 'service', label: 'Service', required: true },
    { key: 'from', label: 'From version', required: true },
    { key: 'to', label: 'To version', required: true },
    { key: 'switchAt', label: 'Switch at', kind: 'duration', required: true },
  ],
}
const CANARY_STEP: readonly FieldSpec[] = [
  { key: 'weight', label: 'Weight', kind: 'int', required: true, hint: 'percent of traffic to the new version' },
  { key: 'hold', label: 'Hold', kind: 'duration', required: true, hint: 'how long the weight holds before the next step' },
]
type CanaryStep = Extract<Rollout, { kind: 'canary' }>['steps'][number]
const GATES: readonly FieldSpec[] = [
  { key: 'maxErrorRate', label: 'Gate: max error rate', kind: 'percent', placeholder: 'none' },
  { key: 'maxLatencyP99', label: 'Gate: max p99', kind: 'duration', placeholder: 'none' },
]

/** SLOs (what a run is judged against) and rollouts (progressive delivery), as editable lists. */
export function OperationsFields() {
  const slos = useTopology((s) => s.document.scenario?.slos) ?? []
  const rollouts = useTopology((s) => s.document.scenario?.rollouts) ?? []
  const first = useTopology((s) => s.document.scenario?.services[0])
  // A rollout moves traffic between two versions: offer it on the first service that has two.
  const rolling = useTopology((s) => s.document.scenario?.services.find((x) => x.versions.length > 1))
  const setField = useTopology((s) => s.setField)
  const setSlos = (next: Slo[]) => setField(['slos'], next.length ? next : undefined, 'Edit SLOs')
  const setRollouts = (next: Rollout[]) => setField(['rollouts'], next.length ? next : undefined, 'Edit rollouts')
  const service = first?.name ?? 'service'
  return (
    <>
      <Section title={`SLOs (${slos.length})`} open={slos.length > 0} testId="slos-form">
        {slos.map((slo, i) => (
          <fieldset key={i} className="fieldset" aria-label={`SLO ${slo.name}`}>
            <legend>{slo.kind === 'latency' ? 'Latency' : 'Success rate'} SLO <button type="button" className="link-button" onClick={() => setSlos(slos.filter((_, j) => j !== i))}>remove</button></legend>
            <SpecFields base={['slos', i]} value={slo as unknown as Record<string, unknown>} specs={SLO_FIELDS[slo.kind]} label="Edit SLOs" onSet={(k, v) => setSlos(setIn(slos, [i, k], v))} />
          </fieldset>
        ))}
        <button type="button" className="small-button" onClick={() => setSlos([...slos, { kind: 'latency', name: `${service} p99 under 100ms`, service, percentile: 99, threshold: 100 }])}>+ latency SLO</button>
        <button type="button" className="small-button" onClick={() => setSlos([...slos, { kind: 'success_rate', name: `${service} 99.9% success`, service, objective: 99.9 }])}>+ success-rate SLO</button>
      </Section>
      <Section title={`Rollouts (${rollouts.length})`} open={false}>
        {rollouts.map((r, i) => (
          <fieldset key={i} className="fieldset" aria-label={`Rollout ${i + 1}`}>
            <legend>{r.kind === 'canary' ? 'Canary' : 'Blue/green'} rollout <button type="button" className="link-button" onClick={() => setRollouts(rollouts.filter((_, j) => j !== i))}>remove</button></legend>
            <SpecFields base={['rollouts', i]} value={r as unknown as Record<string, unknown>} specs={ROLLOUT_FIELDS[r.kind]} label="Edit rollouts" onSet={(k, v) => setRollouts(setIn(rollouts, [i, k], v))} />
            <SpecFields base={['rollouts', i, 'gates']} value={r.gates} specs={GATES} label="Edit rollouts" onSet={(k, v) => setRollouts(setIn(rollouts, [i, 'gates', k], v))} />
            {r.kind === 'canary' && (
              <ListFields<CanaryStep>
                path={['rollouts', i, 'steps']}
                items={r.steps}
                specs={CANARY_STEP}
                itemLabel={`Rollout ${i + 1} step`}
                min={1}
                newItem={{ weight: 100, hold: r.steps[r.steps.length - 1]?.hold ?? 10_000 }}
                label="Edit rollouts"
                onSet={(steps) => (steps ? setRollouts(setIn(rollouts, [i, 'steps'], steps)) : false)}
              />
            )}
          </fieldset>
        ))}
        {rolling ? (
          <>
            <button type="button" className="small-button" onClick={() => setRollouts([...rollouts, { kind: 'canary', service: rolling.name, from: rolling.versions[0]!.name, to: rolling.versions[1]!.name, steps: [{ weight: 10, hold: 10_000 }, { weight: 50, hold: 10_000 }, { weight: 100, hold: 10_000 }] }])}>+ canary rollout of {rolling.name}</button>
            <button type="button" className="small-button" onClick={() => setRollouts([...rollouts, { kind: 'blue_green', service: rolling.name, from: rolling.versions[0]!.name, to: rolling.versions[1]!.name, switchAt: 30_000 }])}>+ blue/green rollout of {rolling.name}</button>
          </>
        ) : (
          <p className="section__note">A rollout moves traffic from one version of a service to another: give a service a second version first.</p>
        )}
      </Section>
    </>
  )
}
