import type { DocPath, RouteRule } from '../../../engine/index'
import { setIn } from '../../state/edits/immutable'
import { useTopology } from '../../state/topologyStore'
import { Field } from '../fields/Field'
import { SelectField } from '../fields/SelectField'
import { HeaderMatchFields } from './HeaderMatchFields'

type Match = NonNullable<RouteRule['match']>[number]
type StringMatch = NonNullable<Match['path']>
const MATCH_TYPES = ['prefix', 'exact', 'regex'] as const
type MatchType = (typeof MATCH_TYPES)[number]

/** The rule's request matches (any one selects the rule): path, method and headers (exact, prefix or regex). */
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
        return (
          <fieldset key={i} className="fieldset" aria-label={`Match ${i + 1}`}>
            <legend>
              Match {i + 1}
              <button type="button" className="link-button" onClick={() => set(value.filter((_, j) => j !== i))}>remove</button>
            </legend>
            <SelectField label="Path match" path={[...path, i, 'path']} value={type} options={MATCH_TYPES} onCommit={(t) => set(setIn(value, [i, 'path'], { [t ?? 'prefix']: m.path?.[type] ?? '/' } as StringMatch))} />
            <Field label="Path" path={[...path, i, 'path', type]} value={m.path?.[type]} optional onCommit={(v) => set(setIn(value, [i, 'path'], v === undefined ? undefined : { [type]: v }))} />
            <Field label="Method" path={[...path, i, 'method']} value={m.method} optional placeholder="any" onCommit={(v) => set(setIn(value, [i, 'method'], v))} />
            <HeaderMatchFields path={[...path, i, 'headers']} value={m.headers} labelPrefix={`Match ${i + 1}`} onSet={(h) => set(setIn(value, [i, 'headers'], h))} />
          </fieldset>
        )
      })}
      <button type="button" className="link-button" onClick={() => set([...value, { path: { prefix: '/' } }])}>+ another match</button>
    </>
  )
}
