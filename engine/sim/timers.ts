/**
 * Timeout timers without a heap entry each: one FIFO per (rule, kind of timeout). All the
 * timers of a FIFO have the same duration, so their deadlines are already in order and
 * only the FIFO's head needs an event in the kernel's heap. When that event fires, every
 * expired timer fires, timers whose request has finished since (the vast majority: a
 * timeout rarely fires) are dropped without an event, and the next live head is armed.
 * This keeps the heap as small as the work actually in flight (a 2 s route timeout at
 * 1 000 rps would otherwise park 2 000 dead events in it).
 * Complexity: O(1) amortised per timer; one heap event per live head.
 */
import { onCallTimeout, onPerTryTimeout } from './client'
import { EV } from './events'
import { CALL, TRY } from './records'
import type { World } from './world'

/** Route (whole-request) timeouts: ids are requests. */
export const ROUTE_TIMER = 0
/** Per-try timeouts: ids are attempts. */
export const PER_TRY_TIMER = 1

/** A FIFO of same-duration timers. */
export class TimerQueue {
  private ids = new Int32Array(64)
  private gens = new Int32Array(64)
  private deadlines = new Float64Array(64)
  private head = 0
  size = 0
  private firing = false

  constructor(
    readonly index: number,
    readonly kind: number,
    readonly durationUs: number,
  ) {}

  /** Starts a timer for record `id` at generation `gen`, expiring `durationUs` from now. */
  add(w: World, id: number, gen: number): void {
    if (this.size === this.ids.length) this.grow()
    const at = (this.head + this.size) & (this.ids.length - 1)
    const deadline = w.sim.now + this.durationUs
    this.ids[at] = id
    this.gens[at] = gen
    this.deadlines[at] = deadline
    this.size++
    if (this.size === 1 && !this.firing) w.sim.schedule(deadline, EV.timer, this.index, 0)
  }

  /** The head's event: fire what expired, drop what is dead, arm the next live head. */
  fire(w: World): void {
    const now = w.sim.now
    const mask = this.ids.length - 1
    this.firing = true
    while (this.size > 0) {
      const i = this.head
      const id = this.ids[i]!
      const gen = this.gens[i]!
      const expired = this.deadlines[i]! <= now
      if (!expired && this.isLive(w, id, gen)) break
      this.head = (i + 1) & mask
      this.size--
      if (expired) this.expire(w, id, gen)
    }
    this.firing = false
    if (this.size > 0) w.sim.schedule(this.deadlines[this.head]!, EV.timer, this.index, 0)
  }

  private isLive(w: World, id: number, gen: number): boolean {
    if (this.kind === ROUTE_TIMER) {
      const c = w.calls.items[id]!
      return c.gen === gen && c.phase !== CALL.done
    }
    const t = w.tries.items[id]!
    return t.gen === gen && !t.clientDone && t.phase !== TRY.free
  }

  private expire(w: World, id: number, gen: number): void {
    if (this.kind === ROUTE_TIMER) {
      const c = w.calls.items[id]!
      if (c.gen === gen) onCallTimeout(w, c)
      return
    }
    const t = w.tries.items[id]!
    if (t.gen === gen) onPerTryTimeout(w, t)
  }

  private grow(): void {
    const n = this.ids.length
    const ids = new Int32Array(n * 2)
    const gens = new Int32Array(n * 2)
    const deadlines = new Float64Array(n * 2)
    for (let k = 0; k < this.size; k++) {
      const i = (this.head + k) & (n - 1)
      ids[k] = this.ids[i]!
      gens[k] = this.gens[i]!
      deadlines[k] = this.deadlines[i]!
    }
    this.ids = ids
    this.gens = gens
    this.deadlines = deadlines
    this.head = 0
  }
}
