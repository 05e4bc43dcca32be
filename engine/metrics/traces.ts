/**
 * Sampled traces: a few whole requests kept as span trees (request → attempts → the
 * upstream's server span → its own downstream requests …), like a tracing backend.
 *
 * Head sampling: one user request in `stride` (after the warm-up) records spans; the
 * stride is chosen from the expected number of requests so samples spread over the run.
 * At most `max` finished traces are kept, a third of the slots reserved for failed
 * requests so that failures show up even when they are rare. Only sampled requests
 * allocate spans. Memory: O(max × spans per request).
 */
import type { Fate } from './fates'

/** One span. Times are simulated milliseconds since the start of the run. */
export interface Span {
  readonly kind: 'request' | 'attempt' | 'server'
  /** `caller → service` for requests, the replica for attempts and server spans. */
  readonly name: string
  readonly startMs: number
  endMs: number
  status: number
  fate?: Fate
  readonly children: Span[]
}

/** A finished sampled user request. */
export interface Trace {
  readonly traceId: number
  readonly source: string
  readonly fate: Fate
  readonly startMs: number
  readonly durationMs: number
  readonly root: Span
}

/** Head sampler plus the bounded store of finished traces. */
export class TraceSampler {
  private seen = 0
  private nextId = 1
  private okKept = 0
  private readonly okLimit: number
  readonly traces: Trace[] = []

  constructor(
    private readonly max: number,
    private readonly stride: number,
  ) {
    this.okLimit = Math.ceil((max * 2) / 3)
  }

  /** Counts one user request; true when it should record spans. */
  shouldSample(): boolean {
    if (this.max === 0 || this.traces.length >= this.max) return false
    return this.seen++ % this.stride === 0
  }

  /** Keeps a finished sampled request if there is room for its kind. */
  finish(source: string, root: Span, fate: Fate): void {
    const ok = fate === 'success' || fate === 'success_after_retry'
    if (this.traces.length >= this.max || (ok && this.okKept >= this.okLimit)) return
    if (ok) this.okKept++
    this.traces.push({ traceId: this.nextId++, source, fate, startMs: root.startMs, durationMs: round(root.endMs - root.startMs), root })
  }
}

/** Starts a span (as a child of `parent` when given). */
export function openSpan(parent: Span | null, kind: Span['kind'], name: string, nowUs: number): Span {
  const span: Span = { kind, name, startMs: nowUs / 1000, endMs: nowUs / 1000, status: 0, children: [] }
  parent?.children.push(span)
  return span
}

/** Ends a span. */
export function closeSpan(span: Span, nowUs: number, status: number, fate?: Fate): void {
  span.endMs = nowUs / 1000
  span.status = status
  if (fate !== undefined) span.fate = fate
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000
}
