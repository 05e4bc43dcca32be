import type { Version } from '../../../engine/index'
import { getReplicaName } from '../replicaState'

/** Pod dots drawn per version before the rest is summarised as "+n". */
const MAX_POD_DOTS = 5

export interface VersionRowProps {
  readonly service: string
  readonly version: Version
  readonly index: number
  /** Share of the service's traffic under its route; undefined when no route splits it. */
  readonly weightPct: number | undefined
  /** Replica names ejected / crashed now (during a run). */
  readonly ejected: readonly string[]
  readonly crashed: readonly string[]
}

/** One version of a service node: its chip, a dot per pod (coloured by state), the replica count and its traffic share. */
export function VersionRow({ service, version, index, weightPct, ejected, crashed }: VersionRowProps) {
  const replicas = version.replicas ?? 1
  const dots = Math.min(replicas, MAX_POD_DOTS)
  const label = `${version.name}: ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}${weightPct === undefined ? '' : `, ${weightPct}% of traffic`}`
  return (
    <li className="version-row" data-testid={`version-${service}-${version.name}`} aria-label={label}>
      <span className={`version-row__chip version-row__chip--${index % 6}`}>{version.name}</span>
      <span className="version-row__pods" aria-hidden="true">
        {Array.from({ length: dots }, (_, i) => {
          const pod = getReplicaName(service, version.name, i)
          const state = crashed.includes(pod) ? ' version-row__pod--crashed' : ejected.includes(pod) ? ' version-row__pod--ejected' : ''
          return <span key={i} className={`version-row__pod${state}`} title={pod} />
        })}
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
