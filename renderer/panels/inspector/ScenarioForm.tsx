import { MESH_PROFILES } from '../../../engine/index'
import { useTopology } from '../../state/topologyStore'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { OperationsFields } from './OperationsFields'
import { Section } from './Section'
import { SecurityFields } from './SecurityFields'

const SCENARIO: readonly FieldSpec[] = [
  { key: 'name', label: 'Scenario name', required: true },
  { key: 'description', label: 'Description', placeholder: 'what this topology shows' },
  { key: 'mesh', label: 'Mesh profile', kind: 'select', options: MESH_PROFILES, required: true, hint: 'whose defaults and behaviour are simulated and exported' },
  { key: 'seed', label: 'Seed', kind: 'int', placeholder: '1' },
  { key: 'duration', label: 'Duration', kind: 'duration', required: true, hint: 'simulated time' },
  { key: 'warmup', label: 'Warm-up', kind: 'duration', placeholder: '0s', hint: 'excluded from results' },
  { key: 'zones', label: 'Zones', kind: 'list', placeholder: 'one zone', hint: 'e.g. zone-a, zone-b' },
]
const NETWORK: readonly FieldSpec[] = [
  { key: 'sameZone', label: 'Same-zone latency', kind: 'duration', placeholder: '0.2ms' },
  { key: 'crossZone', label: 'Cross-zone latency', kind: 'duration', placeholder: '1ms' },
  { key: 'sidecar', label: 'Sidecar cost per hop', kind: 'duration', placeholder: '0.1ms' },
]

/** The scenario itself (nothing selected): name, mesh, seed, duration, zones, network, SLOs, security, rollouts. */
export function ScenarioForm() {
  const scenario = useTopology((s) => s.document.scenario)
  if (!scenario) return <p className="inspector__note">Fix the YAML to edit the scenario here.</p>
  const obj = scenario as unknown as Record<string, unknown>
  return (
    <div className="inspector__form" data-testid="scenario-form">
      <Section title="Scenario">
        <SpecFields base={[]} value={obj} specs={SCENARIO} label="Edit scenario" />
      </Section>
      <Section title="Network" open={false}>
        <SpecFields base={['network']} value={scenario.network} specs={NETWORK} label="Edit network" />
      </Section>
      <OperationsFields />
      <SecurityFields />
    </div>
  )
}
