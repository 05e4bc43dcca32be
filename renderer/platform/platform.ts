/**
 * The host the renderer runs in: the Electron desktop app (through the preload bridge) or
 * a plain browser page (through the browser adapter). Both implement the same `DesktopApi`
 * of electron/contract.ts, so the rest of the renderer never asks which one it has.
 */
import type { DesktopApi } from '../../electron/contract'
import { createBrowserApi } from './browser'
import { getDesktopApi } from './desktop'

/** The contract types the renderer uses, re-exported so it imports them from one place. */
export type {
  AutosaveDraft,
  DesktopApi,
  DocumentStatus,
  ExportRequest,
  ExportWritten,
  ExternalChange,
  ExternalChangeChoice,
  ExternalChangeResolution,
  MenuCommand,
  RecentFile,
  Result,
  SavedFile,
  SaveAsRequest,
  SaveRequest,
  ScenarioFile,
} from '../../electron/contract'

/** What the renderer knows about its host, plus the API to reach it. */
export interface Platform {
  readonly kind: 'desktop' | 'browser'
  /** The desktop app's version; undefined in a browser. */
  readonly appVersion: string | undefined
  /** Open, save, recent files, export, autosave, menu commands. */
  readonly api: DesktopApi
}

let current: Platform | undefined

/**
 * The desktop bridge when the preload exposed one, else the browser adapter. Memoised: the
 * browser adapter holds file handles and pending autosaves, so there must be only one.
 */
export function getPlatform(): Platform {
  if (!current) {
    const api = getDesktopApi() ?? createBrowserApi()
    current = { kind: api.host.kind, appVersion: api.host.appVersion, api }
  }
  return current
}
