import { memo } from 'react'
import type { ReactNode } from 'react'
import { useRun } from '../../state/runStore'
import { round2 } from '../edges/trafficStyle'

const rpsFormat = new Intl.NumberFormat('en', { maximumFractionDigits: 1 })

/**
 * A service's live request rate and error share during a run, in place of the node's second
 * header line (`children`, shown otherwise). Its own component selecting a rounded string,
 * so a telemetry batch re-renders this line only, and only when what it shows changes.
 * Mounted only at full detail (see ../detail.ts): zoomed out, the numbers are too small to read.
 */
export const LiveStatus = memo(function LiveStatus({ name, children }: { readonly name: string; readonly children: ReactNode }) {
  const key = useRun((s) => {
    const live = s.services[name]
    return live ? `${round2(live.rps)}|${live.errorPct.toFixed(1)}` : ''
  })
  if (!key) return children
  const [rps, errorPct] = key.split('|').map(Number) as [number, number]
  return (
    <span className="service-node__live" data-testid={`live-${name}`} aria-label={`${rpsFormat.format(rps)} requests per second, ${errorPct.toFixed(1)}% errors`}>
      {rpsFormat.format(rps)}/s{errorPct > 0 && <span className="service-node__errors"> · {errorPct.toFixed(1)}% err</span>}
    </span>
  )
})
