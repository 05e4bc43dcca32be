import { useTopology } from '../../state/topologyStore'
import { getCallEnds, getServiceName, getSourceName } from '../../state/selection'
import { CallForm } from './CallForm'
import { FaultForm } from './FaultForm'
import { ScenarioForm } from './ScenarioForm'
import { ServiceForm } from './ServiceForm'
import { TrafficForm } from './TrafficForm'

/**
 * The inspector: forms for whatever is selected — a service (with its versions, route and
 * destination policy), a call (with the callee's route and policy), a traffic source, a
 * fault of the timeline — or the scenario itself when nothing is. Every field shows the
 * model's own validation at the field.
 */
export function Inspector() {
  const nodes = useTopology((s) => s.selection.nodes)
  const edges = useTopology((s) => s.selection.edges)
  const fault = useTopology((s) => s.selection.fault)
  const removeSelection = useTopology((s) => s.removeSelection)
  const count = nodes.length + edges.length
  return (
    <aside className="inspector" aria-label="Inspector">
      <h2 className="panel-title">Inspector</h2>
      <div className="inspector__scroll">
        {fault !== undefined ? (
          <FaultForm key={`fault-${fault}`} index={fault} />
        ) : count > 1 ? (
          <div className="inspector__form">
            <p className="inspector__note">{count} items selected.</p>
            <button type="button" className="small-button" onClick={() => removeSelection()}>Delete {count} items</button>
          </div>
        ) : count === 1 ? (
          <SelectedItem node={nodes[0]} edge={edges[0]} />
        ) : (
          <ScenarioForm />
        )}
      </div>
    </aside>
  )
}

function SelectedItem({ node, edge }: { readonly node: string | undefined; readonly edge: string | undefined }) {
  const service = node ? getServiceName(node) : undefined
  if (service !== undefined) return <ServiceForm key={service} name={service} />
  const source = node ? getSourceName(node) : undefined
  if (source !== undefined) return <TrafficForm key={source} name={source} />
  const call = edge ? getCallEnds(edge) : undefined
  if (call) return <CallForm key={edge} from={call.from} to={call.to} />
  const trafficSource = edge?.startsWith('traffic:') ? edge.slice('traffic:'.length).split('->')[0] : undefined
  return trafficSource ? <TrafficForm key={trafficSource} name={trafficSource} /> : null
}
