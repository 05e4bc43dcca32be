import { Handle, Position } from '@xyflow/react'
import type { NodeProps } from '@xyflow/react'
import { memo, useMemo } from 'react'
import { useRun } from '../../state/runStore'
import { computeDefaultSplit, selectRoute, selectService } from '../../state/selectors'
import type { ServiceFlowNode } from '../../state/selectors'
import { useTopology } from '../../state/topologyStore'
import { useNodeDetail } from '../detail'
import { computeBigNameFontPx, computeServiceNodeSize } from '../nodeSize'
import { computeCrashedReplicas } from '../replicaState'
import { LiveStatus } from './LiveStatus'
import { VersionRow } from './VersionRow'

/** Schema defaults shown when the file leaves them out (see engine/model/schema/services.ts). */
const DEFAULT_PORT = 8080
const DEFAULT_PROTOCOL = 'http'
const NONE: readonly string[] = []

/**
 * A service: its name, protocol and port, and one row per version with its replicas (as pod
 * dots) and the share of traffic the route's catch-all rule sends it. During a run it shows
 * the live request rate and errors, an open circuit breaker, and crashed or ejected pods.
 * Reads the service from the store by name; the node's `data` carries only the name.
 * Zoomed out it draws less (../detail.ts): a named box, then a bare box, coloured by state.
 */
export const ServiceNode = memo(function ServiceNode({ data, selected }: NodeProps<ServiceFlowNode>) {
  const name = data.serviceName
  const service = useTopology(useMemo(() => selectService(name), [name]))
  const route = useTopology(useMemo(() => selectRoute(name), [name]))
  const faults = useTopology((s) => s.document.scenario?.faults)
  const split = useMemo(() => computeDefaultSplit(route), [route])
  const failing = useRun((s) => (s.services[name]?.errorPct ?? 0) >= 1)
  const health = useRun((s) => s.health[name])
  const crashedKey = useRun((s) => (service && faults ? computeCrashedReplicas(service, faults, s.progress.simulatedSeconds).join(' ') : ''))
  const crashed = useMemo(() => (crashedKey ? crashedKey.split(' ') : NONE), [crashedKey])
  const detail = useNodeDetail()
  if (!service) return null
  // A lone version always gets everything: a "100%" there says nothing.
  const weights = service.versions.length > 1 ? split : undefined
  const breakerOpen = (health?.breakersOpen.length ?? 0) > 0
  const ejected = health?.ejected ?? NONE
  const className = `service-node${selected ? ' service-node--selected' : ''}${failing ? ' service-node--failing' : ''}`

  if (detail !== 'full') {
    const alerts = [breakerOpen && 'breaker open', ejected.length > 0 && `${ejected.length} ejected`, crashed.length > 0 && `${crashed.length} down`].filter(Boolean)
    const summary = [name, ...alerts].join(', ')
    return (
      <div
        className={`${className} service-node--${detail}${alerts.length ? ' service-node--alert' : ''}`}
        data-testid={`service-node-${name}`}
        title={summary}
        aria-label={summary}
      >
        <Handle type="target" position={Position.Left} isConnectableStart={false} />
        {detail === 'name' && (
          <span className="service-node__big-name" aria-hidden="true" style={{ fontSize: computeBigNameFontPx(name, computeServiceNodeSize(service).width) }}>
            {name}
          </span>
        )}
        {detail === 'name' && alerts.length > 0 && <span className="service-node__big-alert" aria-hidden="true">{alerts.join(' · ')}</span>}
        <Handle type="source" position={Position.Right} aria-label={`Connect ${name} to another service`} />
      </div>
    )
  }

  return (
    <div className={className} data-testid={`service-node-${name}`}>
      <Handle type="target" position={Position.Left} isConnectableStart={false} />
      <header className="service-node__header">
        <span className="service-node__icon" aria-hidden="true" />
        <span className="service-node__title">
          <span className="service-node__name" title={name}>{name}</span>
          <LiveStatus name={name}>
            <span className="service-node__meta">
              {service.protocol ?? DEFAULT_PROTOCOL} :{service.port ?? DEFAULT_PORT}
              {service.namespace && service.namespace !== 'default' ? ` · ${service.namespace}` : ''}
            </span>
          </LiveStatus>
        </span>
        {(breakerOpen || ejected.length > 0 || crashed.length > 0) && (
          <span className="service-node__badges" role="status">
            {breakerOpen && <span className="badge badge--breaker" data-testid={`breaker-${name}`}>breaker open</span>}
            {ejected.length > 0 && <span className="badge badge--ejected" data-testid={`ejected-${name}`}>{ejected.length} ejected</span>}
            {crashed.length > 0 && <span className="badge badge--crashed" data-testid={`crashed-${name}`}>{crashed.length} down</span>}
          </span>
        )}
      </header>
      <ul className="service-node__versions" aria-label={`Versions of ${name}`}>
        {service.versions.map((v, i) => (
          <VersionRow key={v.name} service={name} version={v} index={i} weightPct={weights ? weights.get(v.name) ?? 0 : undefined} ejected={ejected} crashed={crashed} />
        ))}
      </ul>
      <Handle type="source" position={Position.Right} aria-label={`Connect ${name} to another service`} />
    </div>
  )
})
