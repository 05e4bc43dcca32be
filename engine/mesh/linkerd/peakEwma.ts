/**
 * Peak-EWMA load of one endpoint, as tower's `PeakEwma` computes it for Linkerd's P2C balancer.
 *
 * Algorithm (tower `load/peak_ewma.rs`, derived from Finagle):
 *   cost = rtt_estimate × (pending + 1)                       (nanoseconds)
 * On each completion with rtt = recv − sent (saturating at 0):
 *   if rtt > estimate:  estimate = rtt                        (peak: jump up at once)
 *   else:               w = exp(−(now − last_update) / decay)
 *                       estimate = estimate·w + rtt·(1 − w)   (decay toward the sample)
 *   last_update = now
 * Reading the load first applies the same update with rtt = 0 at `now`, so an idle estimate
 * (including the default-RTT seed) decays toward 0. Times are converted to whole nanoseconds
 * as tokio `Instant`s are; arithmetic is f64 as in Rust. No tie-breaking applies (the P2C
 * caller compares costs). O(1) per call.
 *
 * NOTE(model): Linkerd completes a request at its first response body frame (or end of
 * stream); the caller decides which simulated instant that is. Linkerd's 1 ms floor on the
 * default RTT belongs to its config layer and is not applied here.
 *
 * @see https://github.com/tower-rs/tower/blob/master/tower/src/load/peak_ewma.rs
 * @see https://github.com/linkerd/linkerd2-proxy/blob/main/linkerd/proxy/balance/src/lib.rs
 */

/** The conformance surface: start a request, read the cost. */
export interface PeakEwma {
  /** A request starts at `nowMs`; call the returned function once, with the time it completes. */
  start(nowMs: number): (doneMs: number) => void
  /** Cost in nanoseconds at `nowMs` (decays the estimate, like tower's `load()`). */
  load(nowMs: number): number
}

/** `PeakEwma` plus allocation-free request tracking and read-only views for a simulator. */
export interface InspectablePeakEwma extends PeakEwma {
  /** A request starts (pending + 1); pair with `complete(sentMs, doneMs)`. */
  begin(): void
  /** A request sent at `sentMs` completes at `doneMs` (pending − 1, then the RTT update).
   *  @throws RangeError when no request is pending. */
  complete(sentMs: number, doneMs: number): void
  /** Requests started and not yet completed. */
  pending(): number
  /** The stored RTT estimate in nanoseconds, without decaying it. */
  rttEstimateNs(): number
}

const NANOS_PER_MILLI = 1_000_000

/** Milliseconds to whole nanoseconds, as a tokio `Instant` / `Duration` would hold them. */
function toNanos(ms: number): number {
  return Math.round(ms * NANOS_PER_MILLI)
}

/**
 * Creates the Peak-EWMA load tracker of one endpoint.
 *
 * @param opts.defaultRttMs seed estimate before any response (Linkerd default 30 ms); > 0.
 * @param opts.decayMs decay time constant (Linkerd default 10 s); > 0.
 * @param opts.nowMs creation time, default 0.
 * @example
 * const ewma = createPeakEwma({ defaultRttMs: 10, decayMs: 1000 })
 * ewma.load(0)   // 10_000_000 (10 ms in ns)
 * ewma.load(100) // 10 ms × e^−0.1 ≈ 9_048_374
 * @throws RangeError when defaultRttMs or decayMs is not a positive finite number.
 */
export function createPeakEwma(opts: { defaultRttMs: number; decayMs: number; nowMs?: number }): InspectablePeakEwma {
  const { defaultRttMs, decayMs } = opts
  if (!(defaultRttMs > 0 && Number.isFinite(defaultRttMs))) throw new RangeError(`defaultRttMs must be > 0, got ${defaultRttMs}`)
  if (!(decayMs > 0 && Number.isFinite(decayMs))) throw new RangeError(`decayMs must be > 0, got ${decayMs}`)
  const decayNs = decayMs * NANOS_PER_MILLI
  let rttNs = toNanos(defaultRttMs)
  let updateAtNs = toNanos(opts.nowMs ?? 0)
  let inFlight = 0

  // `RttEstimate::update`: sent/recv/now in whole nanoseconds.
  const update = (sentNs: number, recvNs: number, nowNs: number): number => {
    const rtt = Math.max(recvNs - sentNs, 0)
    if (rttNs < rtt) {
      rttNs = rtt
    } else {
      const elapsed = Math.max(nowNs - updateAtNs, 0)
      const decay = Math.exp(-elapsed / decayNs)
      rttNs = rttNs * decay + rtt * (1 - decay)
    }
    updateAtNs = nowNs
    return rttNs
  }

  const complete = (sentMs: number, doneMs: number): void => {
    if (inFlight === 0) throw new RangeError('PeakEwma.complete() without a pending request')
    const doneNs = toNanos(doneMs)
    update(toNanos(sentMs), doneNs, doneNs)
    inFlight--
  }

  return {
    start(nowMs) {
      inFlight++
      let done = false
      return (doneMs) => {
        if (done) return // a tower Handle is dropped exactly once
        done = true
        complete(nowMs, doneMs)
      }
    },
    load(nowMs) {
      const nowNs = toNanos(nowMs)
      return update(nowNs, nowNs, nowNs) * (inFlight + 1)
    },
    begin() {
      inFlight++
    },
    complete,
    pending: () => inFlight,
    rttEstimateNs: () => rttNs,
  }
}
