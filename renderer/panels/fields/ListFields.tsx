import type { DocPath } from '../../../engine/index'
import { setIn } from '../../state/edits/immutable'
import { appendItem, removeItem } from '../../state/edits/lists'
import { SpecFields } from './SpecFields'
import type { FieldSpec } from './SpecFields'

export interface ListFieldsProps<T> {
  /** Model path of the list, for the rows' inline problems. */
  readonly path: DocPath
  readonly items: readonly T[] | undefined
  readonly specs: readonly FieldSpec[]
  /** What one row is called (`Step`): rows are `Step 1`, `Step 2`, …, their fields `Step 1 rate`. */
  readonly itemLabel: string
  /** The row the add button appends (undefined: nothing can be added, no button). */
  readonly newItem: T | undefined
  /** Rows the list must keep (a required list refuses to lose its last row). */
  readonly min?: number
  /** Undo label of the edits. */
  readonly label: string
  readonly onSet: (items: T[] | undefined) => boolean
  /** What a row's fields show, when it differs from the row (defaults shown as values). */
  readonly view?: (item: T) => Readonly<Record<string, unknown>>
}

/**
 * An editable list of model objects: one group per row with its fields (each named after its
 * row, so every control has a distinct accessible name), a remove button per row and an add
 * button. The model's problems show at each row's fields, as everywhere in the inspector.
 */
export function ListFields<T>({ path, items, specs, itemLabel, newItem, min = 0, label, onSet, view }: ListFieldsProps<T>) {
  const list = items ?? []
  return (
    <>
      {list.map((item, i) => {
        const name = `${itemLabel} ${i + 1}`
        const rowSpecs = specs.map((s) => ({ ...s, label: `${name} ${s.label.toLowerCase()}` }))
        return (
          <fieldset key={i} className="fieldset" aria-label={name}>
            <legend>
              {name}
              {list.length > min && (
                <button type="button" className="link-button" aria-label={`Remove ${name.toLowerCase()}`} onClick={() => onSet(removeItem(list, i, min))}>
                  remove
                </button>
              )}
            </legend>
            <SpecFields base={[...path, i]} value={view ? view(item) : (item as unknown as Record<string, unknown>)} specs={rowSpecs} label={label} onSet={(k, v) => onSet(setIn(list as T[], [i, k], v))} />
          </fieldset>
        )
      })}
      {newItem !== undefined && (
        <button type="button" className="small-button" onClick={() => onSet(appendItem(list, newItem))}>
          + {itemLabel.toLowerCase()}
        </button>
      )}
    </>
  )
}
