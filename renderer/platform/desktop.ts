/**
 * The desktop bridge: the only module that reads `window.desktop`, the one global the
 * preload script (electron/preload/index.ts) exposes. Everything else asks `platform.ts`.
 */
import type { DesktopApi } from '../../electron/contract'

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    readonly desktop?: DesktopApi
  }
}

/** The desktop bridge when running in the Electron app, else undefined. */
export function getDesktopApi(): DesktopApi | undefined {
  return typeof window === 'undefined' ? undefined : window.desktop
}
