import type { Scenario } from '../../../engine/index'
import { setIn } from '../../state/edits/immutable'
import { useTopology } from '../../state/topologyStore'
import { SelectField } from '../fields/SelectField'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { Section } from './Section'

type Security = NonNullable<Scenario['security']>
type Rule = NonNullable<Security['authorization']>[number]
const MODES = ['STRICT', 'PERMISSIVE', 'DISABLE'] as const
const RULE: readonly FieldSpec[] = [
  { key: 'name', label: 'Rule name', placeholder: 'optional' },
  { key: 'service', label: 'Protected service', required: true },
  { key: 'action', label: 'Action', kind: 'select', options: ['ALLOW', 'DENY'] },
  { key: 'from', label: 'Callers', kind: 'list', required: true, hint: "service names, 'ingress' or '*'" },
  { key: 'paths', label: 'Paths', kind: 'list', placeholder: 'any' },
  { key: 'methods', label: 'Methods', kind: 'list', placeholder: 'any' },
]

/** mTLS (mesh-wide mode and per-service overrides) and authorization rules. */
export function SecurityFields() {
  const security = useTopology((s) => s.document.scenario?.security)
  const setField = useTopology((s) => s.setField)
  const set = (next: Security) => setField(['security'], next.mtls || next.authorization ? next : undefined, 'Edit security')
  const sec = security ?? {}
  const rules = sec.authorization ?? []
  return (
    <Section title="Security" open={false}>
      <SelectField
        label="mTLS mode"
        path={['security', 'mtls', 'mode']}
        value={sec.mtls?.mode}
        options={MODES}
        emptyLabel="not set (mesh default)"
        onCommit={(mode) => set({ ...sec, mtls: mode ? { ...sec.mtls, mode } : undefined })}
      />
      {sec.mtls && (
        <SpecFields
          base={['security', 'mtls']}
          value={{ services: sec.mtls.services && Object.fromEntries(Object.entries(sec.mtls.services)) }}
          specs={[{ key: 'services', label: 'Per-service modes', kind: 'map', placeholder: 'service=PERMISSIVE, …' }]}
          label="Edit security"
          onSet={(_, v) => set({ ...sec, mtls: { ...sec.mtls!, services: v as Record<string, (typeof MODES)[number]> | undefined } })}
        />
      )}
      {rules.map((rule, i) => (
        <fieldset key={i} className="fieldset" aria-label={`Authorization rule ${i + 1}`}>
          <legend>Authorization rule {i + 1} <button type="button" className="link-button" onClick={() => set({ ...sec, authorization: rules.length > 1 ? rules.filter((_, j) => j !== i) : undefined })}>remove</button></legend>
          <SpecFields base={['security', 'authorization', i]} value={rule as unknown as Record<string, unknown>} specs={RULE} label="Edit security" onSet={(k, v) => set({ ...sec, authorization: setIn(rules, [i, k], v) as Rule[] })} />
        </fieldset>
      ))}
      <button type="button" className="small-button" onClick={() => set({ ...sec, authorization: [...rules, { service: 'service', action: 'ALLOW', from: ['*'] }] })}>+ authorization rule</button>
    </Section>
  )
}
