/**
 * The one place IPC channels are registered. Every channel goes through `handle`, which
 * (1) refuses calls from any frame that is not the app's own page, (2) validates each
 * argument with its zod schema and names the argument that is wrong, and (3) turns anything
 * thrown into a failed `Result`, so nothing but data ever crosses the bridge.
 *
 * The Electron `ipcMain` is a parameter (`createIpc`) so the wrapper is tested under plain
 * Node; `loadIpcMain` is the app's only route to the real one.
 */
import type { IpcMainInvokeEvent } from 'electron'
import { z } from 'zod'
import type { EventPayloads, InvokeChannel, PushChannel, Result } from '../contract'
import { failFrom } from './results'

/** The part of Electron's `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void
  removeHandler(channel: string): void
}

/** Named, ordered arguments: `{ request: saveRequestSchema }` is one positional argument. */
export type ArgSpec = Readonly<Record<string, z.ZodType>>

/** The validated arguments a handler receives. */
export type Args<S extends ArgSpec> = { readonly [K in keyof S]: z.output<S[K]> }

/** Registers a channel: sender check, argument validation, Result conversion. */
export type Handle = <S extends ArgSpec, T>(channel: InvokeChannel, spec: S, fn: (args: Args<S>) => Promise<Result<T>>) => void

/** How `createIpc` decides who may call. */
export interface IpcOptions {
  /** Whether a frame URL belongs to the app (see `isAppUrl`). */
  readonly isTrustedUrl: (url: string) => boolean
  /** Told about refused senders and handler bugs. */
  readonly log?: (message: string) => void
}

/** The real `ipcMain`. A dynamic import, so modules that only need the types never load Electron. */
export async function loadIpcMain(): Promise<IpcMainLike> {
  const { ipcMain } = await import('electron')
  return ipcMain
}

/**
 * Whether `url` is one of `origins` (`scheme://host[:port]`). Compared by hand because
 * `URL.origin` is "null" for custom schemes such as the app's `app://meshsim`.
 */
export function isAppUrl(url: string, origins: readonly string[]): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.host === '') return false
  return origins.includes(`${parsed.protocol}//${parsed.host}`)
}

function describeIssue(channel: string, names: readonly string[], issue: z.core.$ZodIssue): string {
  const [index, ...rest] = issue.path
  const name = typeof index === 'string' ? index : String(names[Number(index)] ?? index)
  const where = [name, ...rest.map(String)].join('.')
  return `${channel}: argument "${where}" is invalid: ${issue.message}`
}

/**
 * Checks positional `args` against `spec`: the count must match (nothing extra smuggled in)
 * and each value must satisfy its schema. Returns the validated object or a message.
 */
export function validateArgs<S extends ArgSpec>(channel: string, spec: S, args: readonly unknown[]): { value: Args<S> } | { error: string } {
  const names = Object.keys(spec)
  if (args.length > names.length) {
    return { error: `${channel}: expected ${names.length} argument(s) (${names.join(', ') || 'none'}), got ${args.length}` }
  }
  const input = Object.fromEntries(names.map((n, i) => [n, args[i]]))
  const parsed = z.strictObject(spec).safeParse(input)
  if (parsed.success) return { value: parsed.data as Args<S> }
  return { error: parsed.error.issues.map((issue) => describeIssue(channel, names, issue)).join('; ') }
}

/** Creates the `handle` wrapper over an `ipcMain`. */
export function createIpc(ipcMain: IpcMainLike, options: IpcOptions): { handle: Handle } {
  const log = options.log ?? (() => {})
  const handle: Handle = (channel, spec, fn) => {
    ipcMain.handle(channel, async (event, ...args) => {
      const url = event.senderFrame?.url ?? ''
      if (!options.isTrustedUrl(url)) {
        log(`ipc: refused ${channel} from ${url || 'a destroyed frame'}`)
        return { ok: false, error: { code: 'forbidden_sender', message: `${channel} may only be called by the meshsim window, not ${url || 'an unknown frame'}.` } }
      }
      const checked = validateArgs(channel, spec, args)
      if ('error' in checked) return { ok: false, error: { code: 'invalid_argument', message: checked.error } }
      try {
        return await fn(checked.value)
      } catch (err) {
        log(`ipc: ${channel} threw: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
        return failFrom(err, `${channel} failed`)
      }
    })
  }
  return { handle }
}

/** The part of `WebContents` used to push events. */
export interface EventReceiver {
  isDestroyed(): boolean
  send(channel: string, payload: unknown): void
}

/** Pushes a typed event to the renderer; dropped when the window is gone. */
export function sendEvent<C extends PushChannel>(target: EventReceiver | undefined, channel: C, payload: EventPayloads[C]): void {
  if (target && !target.isDestroyed()) target.send(channel, payload)
}
