/**
 * The figures the live-vs-simulation test compares, computed the same way from the
 * simulation's traces and from a live run's logs: every request with its tries (which
 * endpoint, when, failed or not).
 *
 * - split: the failing version's share of the requests sent before the fault (by the
 *   endpoint of each request's first try);
 * - success during the failure: successful requests among those sent while the fault lasts,
 *   overall and among those routed to the failing version (their first try went to one of
 *   its endpoints, or nothing was tried: only the failing version ever has no endpoint in
 *   rotation here);
 * - retries per failed try: tries beyond each request's first, over the failed tries, for
 *   the requests sent while the fault lasts;
 * - ejected after: from the fault's start until the failing version's last endpoint is out,
 *   i.e. its last failed try before a gap of at least `gapS` in its tries (while in
 *   rotation an endpoint sees a try every few tens of ms);
 * - ejections: every such gap after a failed try (from the try to the endpoint's next one),
 *   for all the version's endpoints, in time order: how long each ejection lasted;
 * - back after: from the fault's end until every endpoint of the version has served a try
 *   successfully again.
 */
import type { RunResult, Span } from '../../engine/index'

/** One try of a request. Times are seconds since the start of the run. */
export interface TryRecord {
  readonly host: string
  readonly atS: number
  readonly failed: boolean
}

/** One request and its tries, in order. */
export interface RequestRecord {
  readonly atS: number
  readonly ok: boolean
  readonly tries: readonly TryRecord[]
}

/** The fault being compared and the endpoints of the version it hits. */
export interface FaultWindow {
  readonly startS: number
  readonly endS: number
  readonly badHosts: readonly string[]
  /** Shortest gap in an endpoint's tries that counts as its ejection, s. */
  readonly gapS: number
}

/** The compared figures (NaN: did not happen within the run). */
export interface Figures {
  readonly splitPct: number
  readonly splitRequests: number
  readonly successDuringPct: number
  readonly duringRequests: number
  readonly badRoutedSuccessPct: number
  readonly badRoutedRequests: number
  readonly retriesPerFailedTry: number
  readonly ejectedAfterS: number
  /** Ejections as [start s, length s], in start order. */
  readonly ejections: readonly (readonly [number, number])[]
  readonly backAfterS: number
}

/** The endpoint's ejections after the fault's start: [start, length] of each gap after a failed try. */
function ejectionsOf(tries: readonly TryRecord[], w: FaultWindow, runEndS: number): [number, number][] {
  const after = tries.filter((t) => t.atS >= w.startS)
  const out: [number, number][] = []
  after.forEach((t, i) => {
    const nextAt = after[i + 1]?.atS ?? runEndS
    if (t.failed && nextAt - t.atS >= w.gapS) out.push([t.atS, nextAt - t.atS])
  })
  return out
}

/** Computes the figures from request records of a run that lasted `runEndS` seconds. */
export function figuresOf(requests: readonly RequestRecord[], w: FaultWindow, runEndS: number): Figures {
  const bad = new Set(w.badHosts)
  const before = requests.filter((r) => r.atS < w.startS && r.tries.length > 0)
  const during = requests.filter((r) => r.atS >= w.startS && r.atS < w.endS)
  const retries = during.reduce((n, r) => n + Math.max(0, r.tries.length - 1), 0)
  const failedTries = during.reduce((n, r) => n + r.tries.filter((t) => t.failed).length, 0)
  const byHost = new Map<string, TryRecord[]>(w.badHosts.map((h) => [h, []]))
  for (const r of requests) for (const t of r.tries) byHost.get(t.host)?.push(t)
  for (const list of byHost.values()) list.sort((a, b) => a.atS - b.atS)
  const per = [...byHost.values()]
  const ejections = per.map((tries) => ejectionsOf(tries, w, runEndS))
  const back = per.map((tries) => (tries.find((t) => t.atS >= w.endS && !t.failed)?.atS ?? Number.NaN) - w.endS)
  const badRouted = during.filter((r) => r.tries.length === 0 || bad.has(r.tries[0]!.host))
  return {
    splitPct: (100 * before.filter((r) => bad.has(r.tries[0]!.host)).length) / before.length,
    splitRequests: before.length,
    successDuringPct: (100 * during.filter((r) => r.ok).length) / during.length,
    duringRequests: during.length,
    badRoutedSuccessPct: (100 * badRouted.filter((r) => r.ok).length) / badRouted.length,
    badRoutedRequests: badRouted.length,
    retriesPerFailedTry: retries / failedTries,
    ejectedAfterS: Math.max(...ejections.map((e) => (e[0]?.[0] ?? Number.NaN) - w.startS)),
    ejections: ejections.flat().sort((a, b) => a[0] - b[0]),
    backAfterS: Math.max(...back),
  }
}

/** Request records from a run's traces (run with `maxTraces` above the number of requests). */
export function simRequests(result: RunResult): RequestRecord[] {
  if (result.traces.length !== result.requests) throw new Error(`only ${result.traces.length} of ${result.requests} requests traced: raise maxTraces`)
  return result.traces.map((t) => ({
    atS: t.startMs / 1000,
    ok: t.fate === 'success' || t.fate === 'success_after_retry',
    tries: t.root.children.filter((s: Span) => s.kind === 'attempt').map((s) => ({ host: s.name, atS: s.startMs / 1000, failed: s.status === 0 || s.status >= 500 })),
  }))
}

/**
 * The simulation's own ejection record for `hosts` (as seen by `sidecar`): the first
 * ejection starting at or after the fault, and the end of the one covering the fault's end.
 */
export function simEjections(result: RunResult, sidecar: string, w: FaultWindow): { ejectedAfterS: number; backAfterS: number } {
  const of = (host: string) => result.ejections.intervals.filter((i) => i.sidecar === sidecar && i.host === host)
  const ejected = w.badHosts.map((h) => (of(h).find((i) => i.startSeconds >= w.startS)?.startSeconds ?? Number.NaN) - w.startS)
  const back = w.badHosts.map((h) => {
    const covering = of(h).find((i) => i.startSeconds <= w.endS && (i.endSeconds === null || i.endSeconds > w.endS))
    if (!covering) return 0
    return (covering.endSeconds ?? Number.NaN) - w.endS
  })
  return { ejectedAfterS: Math.max(...ejected), backAfterS: Math.max(...back) }
}
