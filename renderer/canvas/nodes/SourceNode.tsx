import { Handle, Position } from '@xyflow/react'
import type { NodeProps } from '@xyflow/react'
import { memo, useMemo } from 'react'
import { selectTrafficSource } from '../../state/selectors'
import type { SourceFlowNode } from '../../state/selectors'
import { useTopology } from '../../state/topologyStore'
import { useNodeDetail } from '../detail'
import { computeBigNameFontPx, computeSourceNodeSize } from '../nodeSize'
import { describeLoad, describeOrigin } from '../trafficText'

/** A traffic source: where requests enter the mesh, with a one-line summary of its load (zoomed out, less: ../detail.ts). */
export const SourceNode = memo(function SourceNode({ data }: NodeProps<SourceFlowNode>) {
  const name = data.sourceName
  const source = useTopology(useMemo(() => selectTrafficSource(name), [name]))
  const detail = useNodeDetail()
  if (!source) return null
  if (detail !== 'full') {
    const summary = `${name}: ${describeOrigin(source)}, ${describeLoad(source.load)}`
    return (
      <div className={`source-node source-node--${detail}`} data-testid={`source-node-${name}`} title={summary} aria-label={summary}>
        {detail === 'name' && (
          <span className="source-node__big-name" aria-hidden="true" style={{ fontSize: Math.min(22, computeBigNameFontPx(name, computeSourceNodeSize(source, describeLoad(source.load)).width)) }}>
            {name}
          </span>
        )}
        <Handle type="source" position={Position.Right} isConnectable={false} />
      </div>
    )
  }
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
