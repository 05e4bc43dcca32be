import { useId, useState } from 'react'
import type { DocPath, RouteRule } from '../../../engine/index'
import { formatPath } from '../../../engine/index'
import { computeEvenSplit } from '../../state/edits/routes'
import { useTopology } from '../../state/topologyStore'
import { FieldMessage } from '../fields/FieldMessage'
import { useFieldIssue } from '../fields/useFieldIssue'

/**
 * The weighted split of a rule: one weight per version of the service (percent, whole
 * numbers). Weights are edited as a draft and applied together on Enter or when focus
 * leaves the editor; the total is shown live, and the model's own check (weights sum to 100)
 * appears under the editor.
 */
export function SplitEditor({ service, ruleIndex, split, versions, path }: {
  readonly service: string
  readonly ruleIndex: number
  readonly split: RouteRule['split']
  readonly versions: readonly string[]
  readonly path: DocPath
}) {
  const id = useId()
  const setSplit = useTopology((s) => s.setSplit)
  const issue = useFieldIssue(formatPath(path))
  const current = new Map(split.map((w) => [w.version, w.weight]))
  const [draft, setDraft] = useState<ReadonlyMap<string, string> | undefined>(undefined)
  const text = (v: string) => draft?.get(v) ?? String(current.get(v) ?? 0)
  const weights = versions.map((v) => ({ version: v, weight: Number(text(v)) }))
  const total = weights.reduce((sum, w) => sum + (Number.isFinite(w.weight) ? w.weight : 0), 0)
  const isValid = weights.every((w) => Number.isInteger(w.weight) && w.weight >= 0 && w.weight <= 100)

  const apply = (next = weights) => {
    if (!isValid) return
    // Keep versions the rule named (even at 0) and any given a share; leave the rest out.
    const kept = next.filter((w) => w.weight > 0 || current.has(w.version))
    if (kept.length > 0 && setSplit(service, ruleIndex, kept)) setDraft(undefined)
  }
  return (
    <fieldset
      className={`fieldset split${issue?.severity === 'error' ? ' field--invalid' : ''}`}
      aria-label="Traffic split"
      aria-describedby={`${id}-msg`}
      onBlur={(e) => { if (draft && !e.currentTarget.contains(e.relatedTarget as Node | null)) apply() }}
    >
      <legend>Traffic split <span className={`split__total${total === 100 ? '' : ' split__total--off'}`} data-testid="split-total">total {total}%</span></legend>
      {versions.map((v) => (
        <div className="split__row" key={v}>
          <label htmlFor={`${id}-${v}`} className="split__label">Weight of {v}</label>
          <input
            id={`${id}-${v}`}
            className="field__input split__input"
            type="number"
            min={0}
            max={100}
            step={1}
            value={text(v)}
            onChange={(e) => setDraft(new Map(draft ?? []).set(v, e.target.value))}
            onKeyDown={(e) => { if (e.key === 'Enter') apply() }}
          />
          <span className="split__bar" aria-hidden="true"><span style={{ width: `${Math.min(100, Math.max(0, Number(text(v)) || 0))}%` }} /></span>
        </div>
      ))}
      <div className="split__actions">
        <button type="button" className="link-button" onClick={() => apply(computeEvenSplit(versions))}>split evenly</button>
        {draft && <button type="button" className="small-button" onClick={() => apply()}>apply</button>}
      </div>
      <FieldMessage id={`${id}-msg`} issue={!isValid ? { severity: 'error', message: 'weights are whole numbers from 0 to 100' } : issue} />
    </fieldset>
  )
}
