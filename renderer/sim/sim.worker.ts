/**
 * The simulation worker: runs the engine off the UI thread and streams telemetry back
 * (see protocol.ts and simSession.ts). Only wiring lives here.
 */
import { config as configureZod } from 'zod'
import { createSimSession } from './simSession'
import type { FromWorker, ToWorker } from './protocol'

// The engine validates with zod; under the app's CSP its eval probe must not run (main.tsx).
configureZod({ jitless: true })

/** The worker's global scope, typed narrowly (the renderer's tsconfig has the DOM, not WebWorker, lib). */
const scope = self as unknown as {
  postMessage(message: FromWorker): void
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void
}

const session = createSimSession({
  post: (message) => scope.postMessage(message),
  now: () => performance.now(),
  schedule: (fn, delayMs) => {
    const id = setTimeout(fn, delayMs)
    return () => clearTimeout(id)
  },
})

scope.addEventListener('message', (event) => session.handle(event.data))
