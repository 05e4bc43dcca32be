import type { DocPath, RouteRule } from '../../../engine/index'
import { useTopology } from '../../state/topologyStore'
import { Field } from '../fields/Field'
import { SelectField } from '../fields/SelectField'
import { MatchFields } from './MatchFields'
import { RetriesFields } from './RetriesFields'
import { RuleFaultFields } from './RuleFaultFields'
import { SplitEditor } from './SplitEditor'

/** One route rule: its name and matches, the weighted split, timeout, retries, fault injection and mirroring. */
export function RuleForm({ service, ruleIndex, rule, path, versions }: {
  readonly service: string
  readonly ruleIndex: number
  readonly rule: RouteRule
  readonly path: DocPath
  readonly versions: readonly string[]
}) {
  const setField = useTopology((s) => s.setField)
  const setRouteTimeout = useTopology((s) => s.setRouteTimeout)
  const removeRule = useTopology((s) => s.removeRule)
  const title = rule.name ?? (rule.match ? 'Path rule' : 'All requests')
  return (
    <fieldset className="fieldset fieldset--rule" aria-label={`Rule ${ruleIndex + 1}: ${title}`} data-testid={`rule-${ruleIndex}`}>
      <legend>
        Rule {ruleIndex + 1}: {title}
        <button type="button" className="link-button" onClick={() => removeRule(service, ruleIndex)} aria-label={`Remove rule ${ruleIndex + 1}`}>remove</button>
      </legend>
      <Field label="Rule name" path={[...path, 'name']} value={rule.name} optional onCommit={(v) => setField([...path, 'name'], v, 'Rename rule')} />
      <MatchFields path={[...path, 'match']} value={rule.match} />
      <SplitEditor service={service} ruleIndex={ruleIndex} split={rule.split} versions={versions} path={[...path, 'split']} />
      <Field
        label="Timeout"
        path={[...path, 'timeout']}
        value={rule.timeout}
        kind="duration"
        optional
        placeholder="profile default"
        hint="whole request, retries included"
        onCommit={(v) => setRouteTimeout(service, ruleIndex, v as number | undefined)}
      />
      <RetriesFields service={service} ruleIndex={ruleIndex} path={[...path, 'retries']} value={rule.retries} />
      <RuleFaultFields path={[...path, 'fault']} value={rule.fault} />
      <SelectField
        label="Mirror to version"
        path={[...path, 'mirror', 'version']}
        value={rule.mirror?.version}
        options={versions}
        emptyLabel="no mirroring"
        onCommit={(v) => setField([...path, 'mirror'], v ? { ...rule.mirror, version: v } : undefined, 'Set mirror')}
      />
      {rule.mirror && (
        <Field label="Mirror share" path={[...path, 'mirror', 'percent']} value={rule.mirror.percent} kind="percent" optional placeholder="100%" onCommit={(v) => setField([...path, 'mirror', 'percent'], v, 'Set mirror')} />
      )}
    </fieldset>
  )
}
