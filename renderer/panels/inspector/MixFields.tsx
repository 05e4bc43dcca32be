import type { DocPath, TrafficSource } from '../../../engine/index'
import { setIn } from '../../state/edits/immutable'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { Section } from './Section'

type Mix = NonNullable<TrafficSource['mix']>
const ENTRY: readonly FieldSpec[] = [
  { key: 'path', label: 'Path', placeholder: '/' },
  { key: 'method', label: 'Method', placeholder: 'GET' },
  { key: 'headers', label: 'Headers', kind: 'map', placeholder: 'name=value, …' },
  { key: 'weight', label: 'Weight', kind: 'int', required: true },
]

/** A source's request mix: kinds of request (path, method, headers) with relative weights. */
export function MixFields({ path, value, onSet }: { readonly path: DocPath; readonly value: Mix | undefined; readonly onSet: (mix: Mix | undefined) => boolean }) {
  const mix = value ?? []
  return (
    <Section title={`Request mix (${mix.length || 'all to /'})`} open={mix.length > 0}>
      {mix.map((entry, i) => (
        <fieldset key={i} className="fieldset" aria-label={`Request kind ${i + 1}`}>
          <legend>
            Request kind {i + 1}
            <button type="button" className="link-button" onClick={() => onSet(mix.length > 1 ? mix.filter((_, j) => j !== i) : undefined)}>remove</button>
          </legend>
          <SpecFields base={[...path, i]} value={entry as unknown as Record<string, unknown>} specs={ENTRY} label="Edit request mix" onSet={(k, v) => onSet(setIn(mix, [i, k], v))} />
        </fieldset>
      ))}
      <button type="button" className="small-button" onClick={() => onSet([...mix, { path: '/', weight: 100 }])}>+ request kind</button>
    </Section>
  )
}
