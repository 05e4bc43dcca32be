/**
 * Pooled request records. A `CallRec` is one logical request through a client sidecar
 * (route, retries, timeouts); a `TryRec` is one attempt of it, which becomes the request's
 * job on the upstream replica (queue, worker, downstream calls) and carries the response
 * back. Records are recycled through free lists, so the hot path does not allocate; each
 * release bumps `gen`, which invalidates events still queued for the old use.
 */
import type { BackOff } from '../mesh/retry/backoff'
import type { ClusterState } from '../mesh/pipeline/clusterState'
import type { RuleRt } from '../mesh/pipeline/types'
import type { Span } from '../metrics/traces'
import type { CallSite } from './world'

/** Phases of a request. */
export const CALL = { routing: 0, delayed: 1, inTry: 2, backoff: 3, done: 4 } as const
/** Phases of an attempt. */
export const TRY = { free: 0, pending: 1, inFlight: 2, queued: 3, inService: 4, calling: 5, responding: 6 } as const

/** One logical request through a client sidecar. */
export class CallRec {
  gen = 0
  phase = 0
  parent = -1
  parentGen = 0
  source = -1
  user = -1
  site: CallSite | null = null
  sidecar = 0
  callerZone = 0
  rule: RuleRt | null = null
  cs: ClusterState | null = null
  startUs = 0
  attempts = 0
  retriesLeft = 0
  retryHeld = false
  tryId = -1
  readonly prevHosts = new Int32Array(4)
  prevCount = 0
  backoff: BackOff | null = null
  shadow = false
  counted = false
  span: Span | null = null

  constructor(readonly id: number) {}
}

/** One attempt, and its job on the upstream replica. */
export class TryRec {
  gen = 0
  phase = 0
  call = -1
  callGen = 0
  cs: ClusterState | null = null
  member = -1
  replica = -1
  callerZone = 0
  clientActive = false
  clientDone = false
  denied = false
  sentUs = 0
  arriveUs = 0
  reason = 0
  status = 0
  fate = 0
  hasWorker = false
  inSystem = false
  counted = false
  group = 0
  pending = 0
  failStatus = 0
  failFate = 0
  qNext = -1
  aPrev = -1
  aNext = -1
  pPrev = -1
  pNext = -1
  span: Span | null = null
  serverSpan: Span | null = null

  constructor(readonly id: number) {}
}

/** A free-list pool of records indexed by id. */
export class Pool<T extends { readonly id: number; gen: number }> {
  readonly items: T[] = []
  private readonly free: number[] = []

  constructor(private readonly make: (id: number) => T) {}

  /** A record not in use (its fields hold whatever its last use left). */
  alloc(): T {
    const id = this.free.pop()
    if (id !== undefined) return this.items[id]!
    const item = this.make(this.items.length)
    this.items.push(item)
    return item
  }

  /** Returns a record; events still queued for it become stale. */
  release(item: T): void {
    item.gen = (item.gen + 1) | 0
    this.free.push(item.id)
  }

  /** Records in use. */
  get live(): number {
    return this.items.length - this.free.length
  }
}
