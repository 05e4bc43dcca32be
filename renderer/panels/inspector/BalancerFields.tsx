import type { DocPath, LbKind, LoadBalancer } from '../../../engine/index'
import { Field } from '../fields/Field'
import { SelectField } from '../fields/SelectField'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'

/** Every balancer of the model with its label; a Record, so a new kind fails to compile here until it is named. */
export const BALANCERS: Readonly<Record<LbKind, string>> = {
  round_robin: 'Round robin',
  least_request: 'Least request (power of two choices)',
  random: 'Random',
  ring_hash: 'Ring hash (consistent hashing)',
  maglev: 'Maglev (consistent hashing)',
  p2c_ewma: 'Peak EWMA (Linkerd)',
}
const KINDS = Object.keys(BALANCERS) as LbKind[]

const OPTIONS: Readonly<Record<LbKind, readonly FieldSpec[]>> = {
  round_robin: [],
  random: [],
  least_request: [
    { key: 'choiceCount', label: 'Choice count', kind: 'int', placeholder: '2' },
    { key: 'activeRequestBias', label: 'Active request bias', kind: 'number', placeholder: '1' },
  ],
  ring_hash: [
    { key: 'minimumRingSize', label: 'Minimum ring size', kind: 'int', placeholder: '1024' },
    { key: 'maximumRingSize', label: 'Maximum ring size', kind: 'int', placeholder: '8388608' },
    { key: 'hashFunction', label: 'Hash function', kind: 'select', options: ['XX_HASH', 'MURMUR_HASH_2'], emptyLabel: 'default (XX_HASH)' },
  ],
  maglev: [{ key: 'tableSize', label: 'Table size', kind: 'int', placeholder: '65537' }],
  p2c_ewma: [
    { key: 'defaultRtt', label: 'Default RTT', kind: 'duration', placeholder: '30ms' },
    { key: 'decay', label: 'Decay', kind: 'duration', placeholder: '10s' },
  ],
}

const HASH_KEYS = ['header', 'cookie', 'queryParameter', 'sourceIp'] as const
type HashKey = (typeof HASH_KEYS)[number]
type HashOn = Partial<Record<HashKey, string | boolean>>

/** The balancer picker (from the model's balancer kinds) and the chosen kind's options. */
export function BalancerFields({ path, value, set }: {
  readonly path: DocPath
  readonly value: LoadBalancer | undefined
  readonly set: (rel: DocPath, value: unknown) => boolean
}) {
  const kind = value?.kind
  const hashable = kind === 'ring_hash' || kind === 'maglev'
  return (
    <fieldset className="fieldset" aria-label="Load balancer">
      <legend>Load balancer</legend>
      <SelectField
        label="Balancer"
        path={[...path, 'kind']}
        value={kind}
        options={KINDS.map((k) => ({ value: k, label: BALANCERS[k] }))}
        emptyLabel="default (the mesh profile's)"
        onCommit={(k) => set([], k ? { kind: k } : undefined)}
      />
      {kind && <SpecFields base={path} value={value as unknown as Record<string, unknown>} specs={OPTIONS[kind]} label="Edit balancer" onSet={(key, v) => set([key], v)} />}
      {hashable && <HashOnFields path={[...path, 'hashOn']} value={(value as { hashOn?: HashOn }).hashOn} set={(v) => set(['hashOn'], v)} />}
    </fieldset>
  )
}

function HashOnFields({ path, value, set }: { readonly path: DocPath; readonly value: HashOn | undefined; readonly set: (v: unknown) => boolean }) {
  const key = HASH_KEYS.find((k) => value?.[k] !== undefined && value[k] !== false)
  return (
    <>
      <SelectField
        label="Hash on"
        path={path}
        value={key}
        options={HASH_KEYS}
        emptyLabel="nothing (random hash)"
        onCommit={(k) => set(k === undefined ? undefined : k === 'sourceIp' ? { sourceIp: true } : { [k]: k === 'header' ? 'x-user' : 'session' })}
      />
      {key && key !== 'sourceIp' && (
        <Field label={`Hash ${key} name`} path={[...path, key]} value={value?.[key]} onCommit={(v) => set({ [key]: v })} />
      )}
    </>
  )
}
