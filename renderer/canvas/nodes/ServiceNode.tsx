import { Handle, Position } from '@xyflow/react'
import type { NodeProps } from '@xyflow/react'
import { memo, useMemo } from 'react'
import type { Version } from '../../../engine/index'
import { computeDefaultSplit, selectRoute, selectService } from '../../state/selectors'
import type { ServiceFlowNode } from '../../state/selectors'
import { useTopology } from '../../state/topologyStore'

/** Pod dots drawn per version before the rest is summarised as "+n". */
const MAX_POD_DOTS = 5
/** Schema defaults shown when the file leaves them out (see engine/model/schema/services.ts). */
const DEFAULT_PORT = 8080
const DEFAULT_PROTOCOL = 'http'

/**
 * A service: its name, protocol and port, and one row per version with its replicas (as pod
 * dots and a count) and the share of traffic the route's catch-all rule sends it.
 * Reads the service from the store by name; the node's `data` carries only the name.
 */
export const ServiceNode = memo(function ServiceNode({ data }: NodeProps<ServiceFlowNode>) {
  const name = data.serviceName
  const service = useTopology(useMemo(() => selectService(name), [name]))
  const route = useTopology(useMemo(() => selectRoute(name), [name]))
  const split = useMemo(() => computeDefaultSplit(route), [route])
  if (!service) return null
  // A lone version always gets everything: a "100%" there says nothing.
  const weights = service.versions.length > 1 ? split : undefined

  return (
    <div className="service-node" data-testid={`service-node-${name}`}>
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <header className="service-node__header">
        <span className="service-node__icon" aria-hidden="true" />
        <span className="service-node__title">
          <span className="service-node__name" title={name}>{name}</span>
          <span className="service-node__meta">
            {service.protocol ?? DEFAULT_PROTOCOL} :{service.port ?? DEFAULT_PORT}
            {service.namespace && service.namespace !== 'default' ? ` · ${service.namespace}` : ''}
          </span>
        </span>
      </header>
      <ul className="service-node__versions" aria-label={`Versions of ${name}`}>
        {service.versions.map((v, i) => (
          <VersionRow key={v.name} service={name} version={v} index={i} weightPct={weights ? weights.get(v.name) ?? 0 : undefined} />
        ))}
      </ul>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  )
})

interface VersionRowProps {
  readonly service: string
  readonly version: Version
  readonly index: number
  /** Share of the service's traffic under its route; undefined when no route splits it. */
  readonly weightPct: number | undefined
}

function VersionRow({ service, version, index, weightPct }: VersionRowProps) {
  const replicas = version.replicas ?? 1
  const dots = Math.min(replicas, MAX_POD_DOTS)
  const label = `${version.name}: ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}${weightPct === undefined ? '' : `, ${weightPct}% of traffic`}`
  return (
    <li className="version-row" data-testid={`version-${service}-${version.name}`} aria-label={label}>
      <span className={`version-row__chip version-row__chip--${index % 6}`}>{version.name}</span>
      <span className="version-row__pods" aria-hidden="true">
        {Array.from({ length: dots }, (_, i) => <span key={i} className="version-row__pod" />)}
        {replicas > MAX_POD_DOTS && <span className="version-row__more">+{replicas - MAX_POD_DOTS}</span>}
      </span>
      <span className="version-row__replicas" aria-hidden="true">×{replicas}</span>
      {weightPct !== undefined && (
        <span className={`version-row__weight${weightPct === 0 ? ' version-row__weight--idle' : ''}`} aria-hidden="true">
          {weightPct}%
        </span>
      )}
    </li>
  )
}
