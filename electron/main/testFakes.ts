/**
 * Test doubles for the main process's injected dependencies: an `ipcMain` that invokes
 * handlers as a given frame would, and a file system that fails (or stops) at a chosen step.
 * Used by the colocated *.test.ts files; nothing in the app imports this.
 */
import type { IpcMainInvokeEvent } from 'electron'
import * as fsp from 'node:fs/promises'
import type { Result } from '../contract'
import type { FileSystem, WritableHandle } from './atomicWrite'
import type { IpcMainLike } from './ipc'

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>

/** An ipcMain that records handlers and invokes them as a frame at `url` would (null: destroyed frame). */
export interface FakeIpcMain extends IpcMainLike {
  invoke(channel: string, url: string | null, ...args: unknown[]): Promise<Result<unknown>>
  channels(): string[]
}

/** Creates a fake ipcMain. */
export function createFakeIpcMain(): FakeIpcMain {
  const handlers = new Map<string, Listener>()
  return {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    },
    removeHandler: (channel) => void handlers.delete(channel),
    channels: () => [...handlers.keys()],
    async invoke(channel, url, ...args) {
      const listener = handlers.get(channel)
      if (!listener) throw new Error(`no handler for ${channel}`)
      const event = { senderFrame: url === null ? null : { url } } as unknown as IpcMainInvokeEvent
      return (await listener(event, ...args)) as Result<unknown>
    },
  }
}

/** The steps of a write that a faulty file system can fail at. */
export type FsStep = 'open' | 'write' | 'sync' | 'close' | 'copyFile' | 'rename'

/**
 * The real file system, except that `failAt` throws an EIO error at that step (a write
 * fails after half the data reached the file, as a dying disk or process would leave it).
 * `onStep` sees every step first, e.g. to stop a child process there.
 */
export function createFaultyFs(failAt: FsStep | undefined, onStep: (step: FsStep, path: string) => Promise<void> | void = () => {}): FileSystem {
  const fail = (step: FsStep, path: string): never => {
    throw Object.assign(new Error(`EIO: injected failure at ${step} of ${path}`), { code: 'EIO' })
  }
  const step = async (name: FsStep, path: string): Promise<void> => {
    await onStep(name, path)
    if (failAt === name) fail(name, path)
  }
  return {
    ...fsp,
    async open(path, flags, mode) {
      await step('open', path)
      const handle = await fsp.open(path, flags, mode)
      // Folder syncs are not a step of interest: only the temporary file's handle is faulty.
      if (flags === 'r') return handle
      const faulty: WritableHandle = {
        // Half the data, then the step, then the rest: a failure or stop here is truly mid-write.
        async writeFile(data) {
          const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data
          await handle.writeFile(bytes.subarray(0, bytes.length >> 1))
          await step('write', path)
          await handle.writeFile(bytes.subarray(bytes.length >> 1))
        },
        sync: async () => {
          await step('sync', path)
          await handle.sync()
        },
        close: async () => {
          await handle.close()
          await step('close', path)
        },
      }
      return faulty
    },
    async copyFile(from, to) {
      await step('copyFile', to)
      await fsp.copyFile(from, to)
    },
    async rename(from, to) {
      await step('rename', to)
      await fsp.rename(from, to)
    },
  }
}
