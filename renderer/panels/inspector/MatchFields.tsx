import type { DocPath, RouteRule } from '../../../engine/index'
import { setIn } from '../../state/edits/immutable'
import { useTopology } from '../../state/topologyStore'
import { Field } from '../fields/Field'
import { SelectField } from '../fields/SelectField'

type Match = NonNullable<RouteRule['match']>[number]
type StringMatch = NonNullable<Match['path']>
const MATCH_TYPES = ['prefix', 'exact', 'regex'] as const
type MatchType = (typeof MATCH_TYPES)[number]

/** The rule's request matches (any one selects the rule): path, method and exact header values. */
export function MatchFields({ path, value }: { readonly path: DocPath; readonly value: readonly Match[] | undefined }) {
  const setField = useTopology((s) => s.setField)
  const set = (next: readonly Match[] | undefined) => setField(path, next && next.length ? next : undefined, 'Set match')
  if (!value) {
    return (
      <div className="inspector__row">
        <span className="inspector__note">Matches every request.</span>
        <button type="button" className="link-button" onClick={() => set([{ path: { prefix: '/' } }])}>+ match</button>
      </div>
    )
  }
  return (
    <>
      {value.map((m, i) => {
        const type = (MATCH_TYPES.find((t) => m.path?.[t] !== undefined) ?? 'prefix') as MatchType
        const headers = m.headers && Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, v.exact ?? v.prefix ?? v.regex ?? '']))
        return (
          <fieldset key={i} className="fieldset" aria-label={`Match ${i + 1}`}>
            <legend>
              Match {i + 1}
              <button type="button" className="link-button" onClick={() => set(value.filter((_, j) => j !== i))}>remove</button>
            </legend>
            <SelectField label="Path match" path={[...path, i, 'path']} value={type} options={MATCH_TYPES} onCommit={(t) => set(setIn(value, [i, 'path'], { [t ?? 'prefix']: m.path?.[type] ?? '/' } as StringMatch))} />
            <Field label="Path" path={[...path, i, 'path', type]} value={m.path?.[type]} optional onCommit={(v) => set(setIn(value, [i, 'path'], v === undefined ? undefined : { [type]: v }))} />
            <Field label="Method" path={[...path, i, 'method']} value={m.method} optional placeholder="any" onCommit={(v) => set(setIn(value, [i, 'method'], v))} />
            <Field
              label="Headers (exact)"
              path={[...path, i, 'headers']}
              value={headers}
              kind="map"
              optional
              placeholder="name=value, …"
              onCommit={(v) => set(setIn(value, [i, 'headers'], v && Object.fromEntries(Object.entries(v as Record<string, string>).map(([k, x]) => [k, { exact: x }]))))}
            />
          </fieldset>
        )
      })}
      <button type="button" className="link-button" onClick={() => set([...value, { path: { prefix: '/' } }])}>+ another match</button>
    </>
  )
}
