import { Handle, Position } from '@xyflow/react'
import type { NodeProps } from '@xyflow/react'
import { memo, useMemo } from 'react'
import { selectTrafficSource } from '../../state/selectors'
import type { SourceFlowNode } from '../../state/selectors'
import { useTopology } from '../../state/topologyStore'
import { describeLoad, describeOrigin } from '../trafficText'

/** A traffic source: where requests enter the mesh, with a one-line summary of its load. */
export const SourceNode = memo(function SourceNode({ data }: NodeProps<SourceFlowNode>) {
  const name = data.sourceName
  const source = useTopology(useMemo(() => selectTrafficSource(name), [name]))
  if (!source) return null
  return (
    <div className="source-node" data-testid={`source-node-${name}`}>
      <span className="source-node__icon" aria-hidden="true" />
      <div className="source-node__text">
        <span className="source-node__kind">{describeOrigin(source)}</span>
        <span className="source-node__name" title={name}>{name}</span>
        <span className="source-node__load">{describeLoad(source.load)}</span>
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  )
})
