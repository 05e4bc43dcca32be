/**
 * The host the renderer runs in: the Electron desktop app (through the preload bridge,
 * `window.desktop`) or a plain browser page. This is the only module that reads
 * `window.desktop`; a later issue grows it into the typed bridge of electron/contract.ts.
 */
import { browserPlatform } from './browser'

/** What the renderer knows about its host. */
export interface Platform {
  readonly kind: 'desktop' | 'browser'
  /** The desktop app's version; undefined in a browser. */
  readonly appVersion: string | undefined
}

/** What the preload script exposes today (electron/preload/index.ts). */
interface DesktopBridge {
  readonly appVersion: string
}

declare global {
  interface Window {
    readonly desktop?: DesktopBridge
  }
}

/** The desktop bridge when the preload script exposed one, else the browser adapter. */
export function getPlatform(): Platform {
  const bridge = window.desktop
  return bridge ? { kind: 'desktop', appVersion: bridge.appVersion } : browserPlatform
}
