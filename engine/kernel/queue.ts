/**
 * The event queue: a binary min-heap on parallel typed arrays.
 *
 * Algorithm: classic array heap (children of i at 2i+1, 2i+2) ordered by (time, seq), where
 * `seq` is a counter incremented on every push, so events at the same microsecond leave in
 * the order they were scheduled (SimPy's `eid`, Envoy's EDF `order_offset_`). Sifting moves a
 * "hole" instead of swapping, so each level costs one copy of five slots.
 * Complexity: O(log n) push and pop, O(1) peek; no allocation except doubling the arrays.
 *
 * Events are plain data (a kind code and two int32 payload slots), never closures: the
 * simulation dispatches them with one `switch`.
 */

const INITIAL_CAPACITY = 1024

/** A min-heap of `(time, kind, a, b)` events ordered by `(time, seq)`. */
export class EventQueue {
  private times: Float64Array = new Float64Array(INITIAL_CAPACITY)
  private seqs: Float64Array = new Float64Array(INITIAL_CAPACITY)
  private kinds: Int32Array = new Int32Array(INITIAL_CAPACITY)
  private as: Int32Array = new Int32Array(INITIAL_CAPACITY)
  private bs: Int32Array = new Int32Array(INITIAL_CAPACITY)
  private nextSeq = 0
  /** Number of queued events. */
  size = 0
  /** Fields of the event most recently removed by `pop()`. */
  time = 0
  kind = 0
  a = 0
  b = 0

  /** Queues an event; `time` is an integer µs. Events pushed for the same time pop in push order. */
  push(time: number, kind: number, a: number, b: number): void {
    if (this.size === this.times.length) this.grow()
    const times = this.times
    const seqs = this.seqs
    const seq = this.nextSeq++
    let i = this.size++
    // The new seq is the largest in the heap, so a parent with an equal time stays above it.
    while (i > 0) {
      const p = (i - 1) >> 1
      if (times[p]! <= time) break
      this.move(p, i)
      i = p
    }
    times[i] = time
    seqs[i] = seq
    this.kinds[i] = kind
    this.as[i] = a
    this.bs[i] = b
  }

  /** Time of the earliest event, or +Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.times[0]! : Number.POSITIVE_INFINITY
  }

  /** Removes the earliest event into `time`, `kind`, `a`, `b`; false when empty. */
  pop(): boolean {
    if (this.size === 0) return false
    const times = this.times
    const seqs = this.seqs
    this.time = times[0]!
    this.kind = this.kinds[0]!
    this.a = this.as[0]!
    this.b = this.bs[0]!
    const n = --this.size
    if (n === 0) return true
    const lt = times[n]!
    const ls = seqs[n]!
    let i = 0
    for (;;) {
      let c = 2 * i + 1
      if (c >= n) break
      const r = c + 1
      if (r < n && (times[r]! < times[c]! || (times[r] === times[c] && seqs[r]! < seqs[c]!))) c = r
      if (lt < times[c]! || (lt === times[c] && ls < seqs[c]!)) break
      this.move(c, i)
      i = c
    }
    times[i] = lt
    seqs[i] = ls
    this.kinds[i] = this.kinds[n]!
    this.as[i] = this.as[n]!
    this.bs[i] = this.bs[n]!
    return true
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from]!
    this.seqs[to] = this.seqs[from]!
    this.kinds[to] = this.kinds[from]!
    this.as[to] = this.as[from]!
    this.bs[to] = this.bs[from]!
  }

  private grow(): void {
    const cap = this.times.length * 2
    const f64 = (old: Float64Array): Float64Array => { const a = new Float64Array(cap); a.set(old); return a }
    const i32 = (old: Int32Array): Int32Array => { const a = new Int32Array(cap); a.set(old); return a }
    this.times = f64(this.times)
    this.seqs = f64(this.seqs)
    this.kinds = i32(this.kinds)
    this.as = i32(this.as)
    this.bs = i32(this.bs)
  }
}
