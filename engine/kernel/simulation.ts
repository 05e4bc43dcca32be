/**
 * The discrete-event kernel: a clock, the event queue and one dispatch function.
 *
 * Loop: pop the earliest (time, seq) event, advance `now` to its time, fold it into the
 * trace hash, hand `(kind, a, b)` to the handler. The handler schedules further events; it
 * never sleeps. `runUntil(t)` processes every event with time ≤ t, then sets `now = t`, so
 * a run can be advanced in slices (a Web Worker yields between slices) and gives the same
 * trace however it is sliced.
 *
 * Trace hash: two 32-bit FNV-1a/Murmur-style lanes over (time, kind, a, b) of every event,
 * so two runs are the same run iff (with overwhelming probability) their hashes match.
 * Complexity: O(log n) per event (the heap); no allocation per event.
 */
import { EventQueue } from './queue'

/** Handles one event; `kind` is the event's code and `a`, `b` its int32 payload. */
export type EventHandler = (kind: number, a: number, b: number) => void

/** Why `runUntil` returned. */
export type RunStop = 'time' | 'paused' | 'budget' | 'empty'

/** Progress report passed to `onProgress`: simulated time now (µs) and events so far. */
export interface KernelProgress {
  readonly nowUs: number
  readonly events: number
}

/** Kernel options: `onProgress` is called every `progressEveryEvents` events (default 65 536). */
export interface SimulationOptions {
  readonly onProgress?: (progress: KernelProgress) => void
  readonly progressEveryEvents?: number
}

/** A discrete-event simulation kernel. Time is integer microseconds. */
export class Simulation {
  /** Simulated time of the event being handled (or the last `runUntil` limit), µs. */
  now = 0
  /** Events processed. */
  events = 0
  private readonly queue = new EventQueue()
  private paused = false
  private h1 = 0x811c9dc5
  private h2 = 0x01000193
  private readonly progressEvery: number
  private sinceProgress = 0

  constructor(
    private readonly handler: EventHandler,
    private readonly opts: SimulationOptions = {},
  ) {
    this.progressEvery = opts.progressEveryEvents ?? 65_536
  }

  /** Schedules an event at absolute time `atUs` (integer µs, not before `now`). */
  schedule(atUs: number, kind: number, a: number, b: number): void {
    if (!(atUs >= this.now)) throw new RangeError(`cannot schedule at ${atUs} µs, before now (${this.now} µs)`)
    this.queue.push(atUs, kind, a, b)
  }

  /** Schedules an event `delayUs` (integer ≥ 0) after now. */
  scheduleIn(delayUs: number, kind: number, a: number, b: number): void {
    this.queue.push(this.now + (delayUs > 0 ? delayUs : 0), kind, a, b)
  }

  /** Time of the next event, or +Infinity. */
  peek(): number {
    return this.queue.peekTime()
  }

  /** Number of queued events. */
  get pending(): number {
    return this.queue.size
  }

  /** Processes exactly one event; false when the queue is empty. */
  step(): boolean {
    if (!this.queue.pop()) return false
    this.dispatch()
    return true
  }

  /**
   * Processes events with time ≤ `limitUs`, at most `maxEvents` of them, until paused.
   * When it stops for time (or an empty queue), `now` becomes `limitUs`.
   */
  runUntil(limitUs: number, maxEvents = Number.POSITIVE_INFINITY): RunStop {
    this.paused = false
    const queue = this.queue
    let budget = maxEvents
    while (budget > 0) {
      if (this.paused) return 'paused'
      if (queue.size === 0) {
        if (limitUs > this.now && Number.isFinite(limitUs)) this.now = limitUs
        return 'empty'
      }
      if (queue.peekTime() > limitUs) {
        if (limitUs > this.now) this.now = limitUs
        return 'time'
      }
      queue.pop()
      this.dispatch()
      budget--
    }
    return 'budget'
  }

  /** Stops `runUntil` after the event being handled (callable from a handler). */
  pause(): void {
    this.paused = true
  }

  /** Clears a pause (the next `runUntil` also clears it). */
  resume(): void {
    this.paused = false
  }

  /** True after `pause()` until `resume()` or the next `runUntil`. */
  get isPaused(): boolean {
    return this.paused
  }

  /** Hash of every event processed so far: 16 hex digits. */
  get traceHash(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0')
  }

  private dispatch(): void {
    const q = this.queue
    const t = q.time
    this.now = t
    this.events++
    const lo = t | 0
    const hi = (t / 4294967296) | 0
    let h1 = this.h1
    h1 = Math.imul(h1 ^ lo, 0x01000193)
    h1 = Math.imul(h1 ^ hi, 0x01000193)
    h1 = Math.imul(h1 ^ q.kind, 0x01000193)
    h1 = Math.imul(h1 ^ q.a, 0x01000193)
    this.h1 = Math.imul(h1 ^ q.b, 0x01000193)
    this.h2 = Math.imul((this.h2 ^ this.h1) + 0x6b43a9b5, 0x5bd1e995) ^ (this.h2 >>> 15)
    this.handler(q.kind, q.a, q.b)
    if (++this.sinceProgress >= this.progressEvery && this.opts.onProgress) {
      this.sinceProgress = 0
      this.opts.onProgress({ nowUs: this.now, events: this.events })
    }
  }
}
