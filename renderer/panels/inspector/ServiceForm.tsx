import { useTopology } from '../../state/topologyStore'
import { Field } from '../fields/Field'
import { SpecFields } from '../fields/SpecFields'
import type { FieldSpec } from '../fields/SpecFields'
import { DestinationForm } from './DestinationForm'
import { RouteForm } from './RouteForm'
import { Section } from './Section'
import { VersionForm } from './VersionForm'

const SERVICE_FIELDS: readonly FieldSpec[] = [
  { key: 'namespace', label: 'Namespace', placeholder: 'default' },
  { key: 'port', label: 'Port', kind: 'int', placeholder: '8080' },
  { key: 'protocol', label: 'Protocol', kind: 'select', options: ['http', 'http2', 'grpc', 'tcp'], emptyLabel: 'default (http)' },
]

/** Everything about one service: its own fields, its versions, its route and its destination policy. */
export function ServiceForm({ name }: { readonly name: string }) {
  const index = useTopology((s) => s.document.scenario?.services.findIndex((x) => x.name === name) ?? -1)
  const service = useTopology((s) => s.document.scenario?.services[index])
  const renameService = useTopology((s) => s.renameService)
  const addVersion = useTopology((s) => s.addVersion)
  const addTrafficSource = useTopology((s) => s.addTrafficSource)
  if (!service) return null
  const path = ['services', index] as const
  return (
    <div className="inspector__form" data-testid="service-form">
      <Section title={`Service ${name}`} actions={<button type="button" className="link-button" onClick={() => addTrafficSource(name)}>add traffic source</button>}>
        <Field label="Service name" path={[...path, 'name']} value={service.name} onCommit={(v) => renameService(name, v as string)} hint="a DNS label: lowercase letters, digits and -" />
        <SpecFields base={path} value={service as unknown as Record<string, unknown>} specs={SERVICE_FIELDS} label="Edit service" />
      </Section>
      <Section
        title={`Versions (${service.versions.length})`}
        actions={<button type="button" className="small-button" onClick={() => addVersion(name)} aria-label={`Add a version to ${name}`}>+ version</button>}
      >
        {service.versions.map((v, i) => (
          <VersionForm key={v.name} service={name} version={v} path={[...path, 'versions', i]} canRemove={service.versions.length > 1} />
        ))}
      </Section>
      <RouteForm service={name} />
      <DestinationForm service={name} />
    </div>
  )
}
