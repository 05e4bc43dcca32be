import type { Call, DocPath, Version } from '../../../engine/index'
import { computeNextCallTarget, computeVersionCallsStart } from '../../state/edits/calls'
import { useTopology } from '../../state/topologyStore'
import { ListFields } from '../fields/ListFields'
import type { FieldSpec } from '../fields/SpecFields'
import { CALL_FIELDS } from './CallForm'

/**
 * A version's calls: by default the service's; a version may instead make its own list
 * (`calls` on the version), edited here call by call, or go back to the service's.
 */
export function VersionCallsFields({ service, version, path }: { readonly service: string; readonly version: Version; readonly path: DocPath }) {
  const scenario = useTopology((s) => s.document.scenario)
  const setVersionCalls = useTopology((s) => s.setVersionCalls)
  if (!scenario) return null
  const own = version.calls
  const inherited = scenario.services.find((x) => x.name === service)?.calls ?? []
  if (!own) {
    return (
      <div className="inspector__row">
        <span className="inspector__note">Makes the service&apos;s calls ({inherited.map((c) => c.to).join(', ') || 'none'}).</span>
        <button type="button" className="link-button" aria-label={`Give version ${version.name} its own calls`} onClick={() => setVersionCalls(service, version.name, computeVersionCallsStart(scenario, service))}>
          + own calls
        </button>
      </div>
    )
  }
  const targets = scenario.services.map((x) => x.name).filter((n) => n !== service)
  const specs: readonly FieldSpec[] = [{ key: 'to', label: 'To service', kind: 'select', options: targets, required: true }, ...CALL_FIELDS]
  const next = computeNextCallTarget(scenario, service, own)
  return (
    <fieldset className="fieldset" aria-label={`Calls of version ${version.name}`}>
      <legend>
        Calls of {version.name} (instead of the service&apos;s)
        <button type="button" className="link-button" aria-label={`Make version ${version.name} use the service's calls`} onClick={() => setVersionCalls(service, version.name, undefined)}>
          use the service&apos;s
        </button>
      </legend>
      {own.length === 0 && <p className="inspector__note">This version makes no calls.</p>}
      <ListFields<Call>
        path={[...path, 'calls']}
        items={own}
        specs={specs}
        itemLabel={`Version ${version.name} call`}
        newItem={next === undefined ? undefined : { to: next }}
        label="Edit version calls"
        view={(c) => ({ ...c, required: c.required ?? true })}
        onSet={(calls) => setVersionCalls(service, version.name, calls ?? [])}
      />
    </fieldset>
  )
}
