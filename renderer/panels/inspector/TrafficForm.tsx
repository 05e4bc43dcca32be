import type { Load, TrafficSource } from '../../../engine/index'
import { useTopology } from '../../state/topologyStore'
import { Field } from '../fields/Field'
import { ListFields } from '../fields/ListFields'
import { SelectField } from '../fields/SelectField'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { MixFields } from './MixFields'
import { Section } from './Section'

type LoadKind = Load['kind']
const STARTERS: Readonly<Record<LoadKind, Load>> = {
  constant: { kind: 'constant', rate: 50 },
  poisson: { kind: 'poisson', rate: 50 },
  ramp: { kind: 'ramp', from: 10, to: 100, over: 30_000 },
  step: { kind: 'step', steps: [{ at: 0, rate: 20 }, { at: 30_000, rate: 80 }] },
  burst: { kind: 'burst', rate: 20, burstRate: 200, every: 20_000, length: 2_000 },
  closed_loop: { kind: 'closed_loop', users: 20, thinkTime: 1_000 },
}
const PARAMS: Readonly<Record<LoadKind, readonly FieldSpec[]>> = {
  constant: [{ key: 'rate', label: 'Rate', kind: 'rate', required: true }],
  poisson: [{ key: 'rate', label: 'Rate', kind: 'rate', required: true, hint: 'mean of Poisson arrivals' }],
  ramp: [
    { key: 'from', label: 'From rate', kind: 'rate', required: true },
    { key: 'to', label: 'To rate', kind: 'rate', required: true },
    { key: 'over', label: 'Over', kind: 'duration', required: true },
  ],
  step: [],
  burst: [
    { key: 'rate', label: 'Base rate', kind: 'rate', required: true },
    { key: 'burstRate', label: 'Burst rate', kind: 'rate', required: true },
    { key: 'every', label: 'Burst every', kind: 'duration', required: true },
    { key: 'length', label: 'Burst length', kind: 'duration', required: true },
  ],
  closed_loop: [
    { key: 'users', label: 'Users', kind: 'int', required: true },
    { key: 'thinkTime', label: 'Think time', kind: 'duration', required: true },
  ],
}
const STEP: readonly FieldSpec[] = [
  { key: 'at', label: 'At', kind: 'duration', required: true, hint: 'from the start of the source' },
  { key: 'rate', label: 'Rate', kind: 'rate', required: true },
]
type Step = Extract<Load, { kind: 'step' }>['steps'][number]
const TIMING: readonly FieldSpec[] = [
  { key: 'from', label: 'From', placeholder: 'ingress', hint: "'ingress', or a service name for an in-mesh client" },
  { key: 'zone', label: 'Zone', placeholder: 'first zone' },
  { key: 'start', label: 'Start', kind: 'duration', placeholder: '0s' },
  { key: 'stop', label: 'Stop', kind: 'duration', placeholder: 'end of run' },
]

/** A traffic source: where it sends, its arrival process, its request mix and when it runs. */
export function TrafficForm({ name }: { readonly name: string }) {
  const index = useTopology((s) => s.document.scenario?.traffic?.findIndex((t) => t.name === name) ?? -1)
  const source = useTopology((s) => s.document.scenario?.traffic?.[index])
  const services = useTopology((s) => s.document.scenario?.services)
  const update = useTopology((s) => s.updateTrafficSource)
  const setField = useTopology((s) => s.setField)
  if (!source || !services) return null
  const path = ['traffic', index] as const
  const set = (patch: Partial<TrafficSource>) => update(name, patch)
  return (
    <div className="inspector__form" data-testid="traffic-form">
      <Section title={`Traffic source ${name}`}>
        <Field label="Source name" path={[...path, 'name']} value={source.name} onCommit={(v) => set({ name: v as string })} />
        <SelectField label="Sends to" path={[...path, 'to']} value={source.to} options={services.map((s) => s.name)} onCommit={(v) => (v ? set({ to: v }) : false)} />
        <SelectField label="Arrivals" path={[...path, 'load', 'kind']} value={source.load.kind} options={Object.keys(STARTERS) as LoadKind[]} onCommit={(k) => (k ? set({ load: STARTERS[k] }) : false)} />
        <SpecFields base={[...path, 'load']} value={source.load as unknown as Record<string, unknown>} specs={PARAMS[source.load.kind]} label="Edit load" />
        {source.load.kind === 'step' && (
          <ListFields<Step>
            path={[...path, 'load', 'steps']}
            items={source.load.steps}
            specs={STEP}
            itemLabel="Step"
            min={1}
            newItem={nextStep(source.load.steps)}
            label="Edit load steps"
            onSet={(steps) => (steps ? setField([...path, 'load', 'steps'], steps, 'Edit load steps') : false)}
          />
        )}
        <SpecFields base={path} value={source as unknown as Record<string, unknown>} specs={TIMING} label="Edit traffic source" />
      </Section>
      <MixFields path={[...path, 'mix']} value={source.mix} onSet={(mix) => setField([...path, 'mix'], mix, 'Edit request mix')} />
    </div>
  )
}

/** A new step 30 s after the last, at its rate. */
function nextStep(steps: readonly Step[]): Step {
  const last = steps[steps.length - 1]
  return { at: (last?.at ?? 0) + 30_000, rate: last?.rate ?? 50 }
}
