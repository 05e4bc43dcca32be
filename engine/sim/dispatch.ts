/**
 * The simulation's single event handler: one exhaustive `switch` over the event kinds.
 * Events about records carry the record's generation; a mismatch means the record has
 * been recycled since, and the event is dropped.
 */
import { onCallResume, onTryResponse } from './client'
import { onOutlierTick } from './clusters'
import { EV } from './events'
import type { EventKind } from './events'
import { onEndpointsEvent, onFault } from './faults'
import { onRollout } from './rollouts'
import { onServiceDone, onTryArrive } from './server'
import { onArrival } from './sources'
import { onMetricsTick, onWarmupEnd } from './tick'
import type { World } from './world'

/** Handles one event of world `w`. */
export function dispatch(w: World, kind: number, a: number, b: number): void {
  const k = kind as EventKind
  switch (k) {
    case EV.arrival:
      return onArrival(w, a, b)
    case EV.tryArrive: {
      const t = w.tries.items[a]!
      if (t.gen === b) onTryArrive(w, t)
      return
    }
    case EV.serviceDone: {
      const t = w.tries.items[a]!
      if (t.gen === b) onServiceDone(w, t)
      return
    }
    case EV.tryResponse: {
      const t = w.tries.items[a]!
      if (t.gen === b) onTryResponse(w, t)
      return
    }
    case EV.timer:
      return w.timers[a]!.fire(w)
    case EV.callResume: {
      const c = w.calls.items[a]!
      if (c.gen === b) onCallResume(w, c)
      return
    }
    case EV.outlierTick:
      return onOutlierTick(w, a)
    case EV.fault:
      return onFault(w, a, b)
    case EV.metricsTick:
      return onMetricsTick(w)
    case EV.rollout:
      return onRollout(w, a, b)
    case EV.endpoints:
      return onEndpointsEvent(w, a, b)
    case EV.warmupEnd:
      return onWarmupEnd(w)
    default:
      return assertNever(k)
  }
}

function assertNever(kind: never): never {
  throw new Error(`unknown event kind ${String(kind)}`)
}
