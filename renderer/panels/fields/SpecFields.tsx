import type { DocPath } from '../../../engine/index'
import { useTopology } from '../../state/topologyStore'
import type { FieldKind } from './codecs'
import { Field } from './Field'
import { CheckField, SelectField } from './SelectField'

/** One plain field of a model object: its key, label, kind and default. */
export type FieldSpec =
  | { readonly key: string; readonly label: string; readonly kind?: FieldKind; readonly placeholder?: string; readonly hint?: string; readonly required?: boolean }
  | { readonly key: string; readonly label: string; readonly kind: 'select'; readonly options: readonly string[]; readonly emptyLabel?: string; readonly required?: boolean; readonly hint?: string }
  | { readonly key: string; readonly label: string; readonly kind: 'check'; readonly hint?: string }

export interface SpecFieldsProps {
  /** Model path of the object the fields belong to. */
  readonly base: DocPath
  /** The object (undefined when absent: the first edit creates it). */
  readonly value: Readonly<Record<string, unknown>> | undefined
  readonly specs: readonly FieldSpec[]
  /** Undo label of the edits, e.g. `Edit connection pool`. */
  readonly label: string
  /** Applies one field (default: `setField` at `base` + key), for objects that need an owner created first. */
  readonly onSet?: (key: string, value: unknown) => boolean
}

/**
 * Plain fields of one model object, each committed with `setField` at its own path. Used
 * where a form is a list of independent optional values (limits, thresholds, options).
 */
export function SpecFields({ base, value, specs, label, onSet }: SpecFieldsProps) {
  const setField = useTopology((s) => s.setField)
  return (
    <>
      {specs.map((spec) => {
        const path = [...base, spec.key]
        const current = value?.[spec.key]
        const commit = (v: unknown) => (onSet ? onSet(spec.key, v) : setField(path, v, label))
        if (spec.kind === 'select') {
          return <SelectField key={spec.key} label={spec.label} path={path} value={current as string | undefined} options={spec.options} emptyLabel={spec.required ? undefined : spec.emptyLabel ?? 'default'} hint={spec.hint} onCommit={commit} />
        }
        if (spec.kind === 'check') {
          return <CheckField key={spec.key} label={spec.label} path={path} value={current as boolean | undefined} hint={spec.hint} onCommit={commit} />
        }
        return (
          <Field key={spec.key} label={spec.label} path={path} value={current} kind={spec.kind} optional={!spec.required} placeholder={spec.placeholder} hint={spec.hint} onCommit={commit} />
        )
      })}
    </>
  )
}
