/**
 * Event kinds of the mesh simulation. An event is `(time, kind, a, b)`: `a` is the id of
 * the record it concerns and `b` that record's generation when it was scheduled, so an
 * event about a record that has since finished (a timeout that no longer matters) is
 * recognised and dropped. Cancelling is therefore free: nothing is removed from the queue.
 */

/** Event kind codes. */
export const EV = {
  /** a = source, b = closed-loop user (−1 for open-loop sources). */
  arrival: 1,
  /** An attempt reaches its upstream replica. a = attempt, b = gen. */
  tryArrive: 2,
  /** A replica finishes a request's own work. a = attempt, b = gen. */
  serviceDone: 3,
  /** An attempt's response (or local failure) reaches the client sidecar. a = attempt, b = gen. */
  tryResponse: 4,
  /** The head of a timer FIFO expires (timers.ts). a = timer queue. */
  timer: 5,
  /** A request resumes after a fault delay or a retry back-off. a = request, b = gen. */
  callResume: 7,
  /** a = cluster state. */
  outlierTick: 8,
  /** a = fault index, b = phase. */
  fault: 9,
  /** The per-second metrics boundary. */
  metricsTick: 10,
  /** a = rollout index, b = step. */
  rollout: 11,
  /** An endpoint joins (b = 1) or leaves (b = 0) the endpoint set. a = replica. */
  endpoints: 12,
  /** The warm-up ends: gauges are snapshotted. */
  warmupEnd: 13,
} as const

/** An event kind code. */
export type EventKind = (typeof EV)[keyof typeof EV]
