/**
 * The window-level locks of the Electron security checklist, applied to every webContents
 * as it is created: no navigation away from the app, no new windows (http(s) links go to the
 * system browser instead), no webviews, no permissions, and the CSP header on responses.
 * Electron objects are parameters, typed structurally, so the rules are tested under Node.
 */
import type { Session, WebContents } from 'electron'
import { CONTENT_SECURITY_POLICY } from './appProtocol'

/** Only web pages may be handed to the system browser: never file:, javascript:, smb: or custom schemes. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url)
    return protocol === 'https:' || protocol === 'http:'
  } catch {
    return false
  }
}

type LockableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>

/**
 * The app is one page: navigating, redirecting, opening windows or attaching webviews is a
 * bug or an attack, so all are refused. `openExternal` is shell.openExternal.
 */
export function lockDownContents(contents: LockableContents, openExternal: (url: string) => void): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebUrl(url)) openExternal(url)
    return { action: 'deny' }
  })
}

type HeaderMap = Record<string, string | string[]>

/** Response headers with our CSP in place of any other (header names are case-insensitive). */
export function withCspHeader(headers: HeaderMap | undefined): HeaderMap {
  const kept = Object.fromEntries(Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'))
  return { ...kept, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }
}

type SecurableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  readonly webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>
}

/**
 * Session-wide rules: every permission (camera, notifications, geolocation, …) is refused,
 * since the app needs none, and every response gets the CSP header. `exemptUrl` names
 * responses to leave alone (the Vite dev server, whose own relaxed policy the page needs).
 */
export function secureSession(session: SecurableSession, exemptUrl: (url: string) => boolean = () => false): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.webRequest.onHeadersReceived((details, callback) => {
    if (exemptUrl(details.url)) callback({})
    else callback({ responseHeaders: withCspHeader(details.responseHeaders) })
  })
}
