import type { DocPath } from '../../../engine/index'
import { MATCH_KINDS, addHeaderMatch, getMatchKind, getMatchText, removeHeaderMatch, renameHeaderMatch, setHeaderMatch } from '../../state/edits/matches'
import type { HeaderMatches } from '../../state/edits/matches'
import { useTopology } from '../../state/topologyStore'
import { Field } from '../fields/Field'
import { SelectField } from '../fields/SelectField'

/**
 * Header conditions (Istio StringMatch per header): each header's name, whether its value is
 * matched exactly, by prefix or by regex, and the value. `labelPrefix` names the owner
 * (`Match 1`), so every control's accessible name is distinct.
 */
export function HeaderMatchFields({ path, value, labelPrefix, onSet }: {
  readonly path: DocPath
  readonly value: Readonly<HeaderMatches> | undefined
  readonly labelPrefix: string
  readonly onSet: (headers: HeaderMatches | undefined) => boolean
}) {
  const setNotice = useTopology((s) => s.setNotice)
  const headers = (value ?? {}) as HeaderMatches
  const rename = (from: string, to: string) => {
    if (to !== from && to in headers) {
      setNotice(`Header ${to} is already matched here.`)
      return false
    }
    return onSet(renameHeaderMatch(headers, from, to))
  }
  return (
    <>
      {Object.entries(headers).map(([name, m], j) => {
        const row = `${labelPrefix} header ${j + 1}`
        const kind = getMatchKind(m)
        return (
          <fieldset key={j} className="fieldset" aria-label={row}>
            <legend>
              {row}
              <button type="button" className="link-button" aria-label={`Remove ${row.toLowerCase()}`} onClick={() => onSet(removeHeaderMatch(headers, name))}>remove</button>
            </legend>
            <Field label={`${row} name`} path={[...path, name]} value={name} onCommit={(v) => rename(name, v as string)} />
            <SelectField label={`${row} match`} path={[...path, name]} value={kind} options={MATCH_KINDS} onCommit={(k) => (k ? onSet(setHeaderMatch(headers, name, k)) : false)} />
            <Field label={`${row} value`} path={[...path, name, kind]} value={getMatchText(m)} placeholder={kind === 'regex' ? 'e.g. ^beta-.*' : ''} onCommit={(v) => onSet(setHeaderMatch(headers, name, kind, v as string))} />
          </fieldset>
        )
      })}
      <button type="button" className="link-button" aria-label={`Add a header condition to ${labelPrefix.toLowerCase()}`} onClick={() => onSet(addHeaderMatch(headers))}>
        + header
      </button>
    </>
  )
}
