/**
 * Breaker-open and ejection intervals grouped into timeline lanes: one lane per upstream
 * cluster for breakers (every client sidecar's breaker to it merged), one per ejected host
 * for ejections. Intervals still open end at the run's current time.
 */
import type { Interval } from '../../engine/index'

export interface Lane {
  readonly key: string
  readonly label: string
  readonly kind: 'breaker' | 'ejection'
  readonly spans: readonly { readonly start: number; readonly end: number; readonly open: boolean; readonly by: string }[]
}

/** At most `limit` lanes, breakers first, each lane's spans in start order. */
export function computeLanes(breakers: readonly Interval[], ejections: readonly Interval[], nowSeconds: number, limit = 8): { lanes: Lane[]; hidden: number } {
  const lanes = new Map<string, { key: string; label: string; kind: Lane['kind']; spans: Lane['spans'][number][] }>()
  const add = (kind: Lane['kind'], id: string, label: string, i: Interval) => {
    const key = `${kind}:${id}`
    let lane = lanes.get(key)
    if (!lane) lanes.set(key, (lane = { key, label, kind, spans: [] }))
    lane.spans.push({ start: i.startSeconds, end: i.endSeconds ?? nowSeconds, open: i.endSeconds === null, by: i.sidecar })
  }
  for (const b of breakers) add('breaker', b.cluster, `breaker open · ${b.cluster}`, b)
  for (const e of ejections) add('ejection', e.host ?? e.cluster, `ejected · ${e.host ?? e.cluster}`, e)
  const all = [...lanes.values()].map((l) => ({ ...l, spans: l.spans.sort((a, b) => a.start - b.start) }))
  return { lanes: all.slice(0, limit), hidden: Math.max(0, all.length - limit) }
}
