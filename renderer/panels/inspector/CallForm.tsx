import { useMemo } from 'react'
import type { DocPath } from '../../../engine/index'
import { findCall } from '../../state/edits/calls'
import { useTopology } from '../../state/topologyStore'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { DestinationForm } from './DestinationForm'
import { RouteForm } from './RouteForm'
import { Section } from './Section'

/** The fields of a call other than its target (shared with a version's own calls). */
export const CALL_FIELDS: readonly FieldSpec[] = [
  { key: 'probability', label: 'Probability', kind: 'percent', placeholder: '100%', hint: 'chance the call is made per request' },
  { key: 'parallel', label: 'Parallel group', placeholder: 'none (sequential)', hint: 'calls sharing a group name run concurrently' },
  { key: 'required', label: 'Required (a failure fails the caller)', kind: 'check' },
  { key: 'path', label: 'Request path', placeholder: '/' },
  { key: 'method', label: 'Method', placeholder: 'GET' },
  { key: 'headers', label: 'Request headers', kind: 'map', placeholder: 'name=value, …' },
  { key: 'requestSize', label: 'Request size', kind: 'size', placeholder: 'none' },
]

/**
 * A call edge: the call's own fields (every version of the caller that makes it is edited
 * alike), then the route and destination policy that govern traffic to the callee.
 */
export function CallForm({ from, to }: { readonly from: string; readonly to: string }) {
  const call = useTopology((s) => (s.document.scenario ? findCall(s.document.scenario, from, to) : undefined))
  const services = useTopology((s) => s.document.scenario?.services)
  const path = useMemo(() => computeCallPath(services, from, to), [services, from, to])
  const updateCall = useTopology((s) => s.updateCall)
  const removeCall = useTopology((s) => s.removeCall)
  if (!call) return null
  const value = { ...call, required: call.required ?? true }
  return (
    <div className="inspector__form" data-testid="call-form">
      <Section title={`Call ${from} → ${to}`} actions={<button type="button" className="link-button" onClick={() => removeCall(from, to)}>delete call</button>}>
        <SpecFields base={path} value={value as unknown as Record<string, unknown>} specs={CALL_FIELDS} label="Edit call" onSet={(k, v) => updateCall(from, to, { [k]: v })} />
      </Section>
      <RouteForm service={to} />
      <DestinationForm service={to} />
    </div>
  )
}

/** Model path of the first `from → to` call (service-level first), for its inline problems. */
function computeCallPath(services: readonly { name: string; calls?: { to: string }[]; versions: { calls?: { to: string }[] }[] }[] | undefined, from: string, to: string): DocPath {
  const i = services?.findIndex((x) => x.name === from) ?? -1
  const svc = services?.[i]
  const k = svc?.calls?.findIndex((c) => c.to === to) ?? -1
  if (k >= 0) return ['services', i, 'calls', k]
  const j = svc?.versions.findIndex((v) => v.calls?.some((c) => c.to === to)) ?? -1
  return ['services', i, 'versions', j, 'calls', svc?.versions[j]?.calls?.findIndex((c) => c.to === to) ?? 0]
}
