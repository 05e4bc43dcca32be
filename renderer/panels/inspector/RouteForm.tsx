import { useTopology } from '../../state/topologyStore'
import { RuleForm } from './RuleForm'
import { Section } from './Section'

/** The route of calls to `service` (an Istio VirtualService): its rules, first match wins. */
export function RouteForm({ service }: { readonly service: string }) {
  const index = useTopology((s) => s.document.scenario?.routes?.findIndex((r) => r.service === service) ?? -1)
  const route = useTopology((s) => (index >= 0 ? s.document.scenario?.routes?.[index] : undefined))
  const versions = useTopology((s) => s.document.scenario?.services.find((x) => x.name === service)?.versions)
  const addRoute = useTopology((s) => s.addRoute)
  const addRule = useTopology((s) => s.addRule)
  const removeRoute = useTopology((s) => s.removeRoute)
  if (!versions) return null
  if (!route) {
    return (
      <Section title={`Route to ${service}`} testId="route-form">
        <p className="inspector__note">No route: requests spread over every version by replica count, with the mesh profile&apos;s timeout and retries.</p>
        <button type="button" className="small-button" onClick={() => addRoute(service)}>+ route (split, timeout, retries)</button>
      </Section>
    )
  }
  return (
    <Section
      title={`Route to ${service}`}
      testId="route-form"
      actions={
        <>
          <button type="button" className="small-button" onClick={() => addRule(service)} aria-label={`Add a path rule to the route of ${service}`}>+ rule</button>
          <button type="button" className="link-button" onClick={() => removeRoute(service)} aria-label={`Remove the route of ${service}`}>remove</button>
        </>
      }
    >
      {route.rules.map((rule, i) => (
        <RuleForm key={i} service={service} ruleIndex={i} rule={rule} path={['routes', index, 'rules', i]} versions={versions.map((v) => v.name)} />
      ))}
    </Section>
  )
}
