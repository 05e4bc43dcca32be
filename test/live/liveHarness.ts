/**
 * Harness for running exported edge proxies for real on 127.0.0.1: small Node HTTP
 * backends whose health can be switched, the proxy as a child process we own (killed by
 * pid, never by name), and bounded request loops. Every loop has a count and a wall-clock
 * cap, so a broken proxy fails the test instead of hanging it.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createServer, request } from 'node:http'
import type { Server } from 'node:http'
import { Agent } from 'node:http'
import { createConnection, createServer as createTcpServer } from 'node:net'

/** One data request a backend answered: when (ms, performance clock), the client's request id, and whether it failed. */
export interface Attempt {
  readonly at: number
  readonly request: number
  readonly failed: boolean
}

/**
 * One fake upstream server: answers its name, or 503 when failing. `/health` fails with it
 * unless `healthOk` (a pod whose application errors leave its health endpoint answering,
 * like fake-service's injected errors).
 */
export interface Backend {
  readonly name: string
  readonly version: string
  readonly port: number
  failing: boolean
  /** Data requests (not /health) served, with their arrival times (ms, performance clock). */
  readonly hits: number[]
  /** Data requests with the `x-request-n` header the client sent. */
  readonly attempts: Attempt[]
  readonly healthChecks: number[]
  close(): Promise<void>
}

/** Starts a backend on 127.0.0.1 at an ephemeral port. */
export async function startBackend(name: string, version: string, opts: { healthOk?: boolean } = {}): Promise<Backend> {
  const backend = { name, version, port: 0, failing: false, hits: [] as number[], attempts: [] as Attempt[], healthChecks: [] as number[], close: async () => {} }
  const server: Server = createServer((req, res) => {
    const now = performance.now()
    const health = req.url === '/health'
    if (health) backend.healthChecks.push(now)
    else {
      backend.hits.push(now)
      backend.attempts.push({ at: now, request: Number(req.headers['x-request-n'] ?? -1), failed: backend.failing })
    }
    res.writeHead(backend.failing && !(health && opts.healthOk) ? 503 : 200, { 'content-type': 'text/plain' })
    res.end(name)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  backend.port = (server.address() as { port: number }).port
  backend.close = () => new Promise<void>((ok) => { server.closeAllConnections(); server.close(() => ok()) })
  return backend
}

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export async function freePort(): Promise<number> {
  const srv = createTcpServer()
  await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok))
  const port = (srv.address() as { port: number }).port
  await new Promise<void>((ok) => srv.close(() => ok()))
  return port
}

/** A started proxy process and its captured output. */
export interface Proxy {
  readonly child: ChildProcess
  output(): string
  stop(): Promise<void>
}

/** Spawns `cmd args`, waits (≤ 5 s) until 127.0.0.1:port accepts connections. */
export async function startProxy(cmd: string, args: readonly string[], port: number): Promise<Proxy> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr!.on('data', (d: Buffer) => { out += d.toString() })
  const proxy: Proxy = {
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>((ok) => child.once('exit', () => ok()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000)
      await exited
      clearTimeout(timer)
    },
  }
  const deadline = performance.now() + 5000
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited with ${child.exitCode}:\n${out}`)
    if (await canConnect(port)) return proxy
    await sleep(50)
  }
  await proxy.stop()
  throw new Error(`${cmd} did not listen on 127.0.0.1:${port} within 5 s:\n${out}`)
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = createConnection({ host: '127.0.0.1', port }, () => { s.destroy(); ok(true) })
    s.on('error', () => ok(false))
  })
}

export function sleep(ms: number): Promise<void> {
  return new Promise((ok) => setTimeout(ok, ms))
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 })

/** One GET through the proxy: status and body (the backend's name), or status 0 on error. */
export function get(port: number, path = '/'): Promise<{ status: number; body: string }> {
  return new Promise((ok) => {
    const req = request({ host: '127.0.0.1', port, path, agent, timeout: 3000 }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => { body += d.toString() })
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }))
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', () => ok({ status: 0, body: '' }))
    req.end()
  })
}

/** Sends up to `count` sequential requests, stopping early after `capMs`; returns the responses. */
export async function sequential(port: number, count: number, capMs: number, pauseMs = 0): Promise<{ status: number; body: string; at: number }[]> {
  const out: { status: number; body: string; at: number }[] = []
  const deadline = performance.now() + capMs
  for (let i = 0; i < count && performance.now() < deadline; i++) {
    const at = performance.now()
    out.push({ ...(await get(port)), at })
    if (pauseMs) await sleep(pauseMs)
  }
  return out
}

/** Frees the client's pooled sockets (call in afterAll). */
export function closeClient(): void {
  agent.destroy()
}
