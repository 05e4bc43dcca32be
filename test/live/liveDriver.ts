/**
 * Open-loop load for the live runs: requests at a scenario's constant rate through a proxy
 * on 127.0.0.1, each carrying its number in `x-request-n` (the backends log it, so every
 * try is tied to its request), with timed actions (a backend starts or stops failing) at
 * offsets from the start. Bounded: at most `count` requests, sending stops after
 * `durationMs`, and every request gives up after 3 s.
 */
import { Agent, request } from 'node:http'
import { createServer as createTcpServer } from 'node:net'
import { sleep } from './liveHarness'

/** One client request: when it was sent (ms since the start of the drive) and its status (0 = no answer). */
export interface ClientRecord {
  readonly n: number
  readonly atMs: number
  readonly status: number
}

/** A timed action of a drive. */
export interface DriveAction {
  readonly atMs: number
  run(): void
}

/** What a drive needs. */
export interface DriveOptions {
  readonly port: number
  readonly rps: number
  readonly durationMs: number
  readonly count: number
  readonly actions: readonly DriveAction[]
}

/** The result: the drive's start on the performance clock, and one record per request. */
export interface Drive {
  readonly start: number
  readonly records: ClientRecord[]
}

function send(agent: Agent, port: number, n: number): Promise<number> {
  return new Promise((ok) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent, timeout: 3000, headers: { 'x-request-n': String(n) } }, (res) => {
      res.resume()
      res.on('end', () => ok(res.statusCode ?? 0))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', () => ok(0))
    req.end()
  })
}

/** Sends request n at n / rps seconds (late ones go at once), runs the actions on time, waits for every answer. */
export async function drive(opts: DriveOptions): Promise<Drive> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 })
  const start = performance.now()
  const records: ClientRecord[] = []
  const pending: Promise<void>[] = []
  const actions = [...opts.actions].sort((a, b) => a.atMs - b.atMs)
  let next = 0
  try {
    for (let n = 0; n < opts.count; ) {
      const elapsed = performance.now() - start
      if (elapsed >= opts.durationMs) break
      while (next < actions.length && actions[next]!.atMs <= elapsed) actions[next++]!.run()
      const due = Math.min(opts.count, Math.floor((elapsed * opts.rps) / 1000) + 1)
      for (; n < due; n++) {
        const sentAt = performance.now() - start
        const id = n
        pending.push(send(agent, opts.port, id).then((status) => { records.push({ n: id, atMs: sentAt, status }) }))
      }
      await sleep(1)
    }
    while (next < actions.length) actions[next++]!.run()
    await Promise.all(pending)
  } finally {
    agent.destroy()
  }
  records.sort((a, b) => a.n - b.n)
  return { start, records }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const srv = createTcpServer()
    srv.once('error', () => ok(false))
    srv.listen(port, '127.0.0.1', () => srv.close(() => ok(true)))
  })
}

/**
 * `n` consecutive free ports on 127.0.0.1 below the ephemeral range (so the kernel does not
 * hand them to client sockets meanwhile): the first one. At most 50 tries.
 */
export async function freePortRun(n: number): Promise<number> {
  for (let tries = 0; tries < 50; tries++) {
    const base = 20_000 + Math.floor(Math.random() * 10_000)
    let free = true
    for (let i = 0; i < n && free; i++) free = await canBind(base + i)
    if (free) return base
  }
  throw new Error(`no ${n} consecutive free ports on 127.0.0.1 in 20000–30000`)
}
