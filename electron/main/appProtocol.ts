/**
 * The renderer is served from `app://meshsim/`, a custom protocol, rather than `file://`
 * (Electron security checklist item 18): the page gets a real origin that CSP `'self'` and
 * the IPC sender check can name, and it can read nothing outside dist/renderer. Every
 * response carries the Content-Security-Policy header as well as the page's meta tag.
 */
import { extname, resolve, sep } from 'node:path'

/** The scheme the renderer is served from. */
export const APP_SCHEME = 'app'
/** The one host the scheme serves. */
export const APP_HOST = 'meshsim'
/** The origin IPC accepts calls from (compared by ipc.isAppUrl). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
/** The page the window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * The page's policy, the same as renderer/index.html's meta tag (a test keeps them equal):
 * only the app's own scripts, styles, workers and images; no eval, no inline script, no network.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'"

/** Headers every app response carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
}

/** Where the files come from; `readFile` is injected for tests. */
export interface AppProtocolOptions {
  /** dist/renderer. */
  readonly root: string
  readonly readFile: (path: string) => Promise<Uint8Array>
}

/** The file under `root` an app URL names, or undefined for anything else (other hosts, escapes). */
export function resolveAppPath(root: string, url: string): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return undefined
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return undefined
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return undefined
  }
  if (pathname.includes('\0')) return undefined
  const base = resolve(root)
  const file = resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`)
  return file.startsWith(base + sep) ? file : undefined
}

function respond(status: number, body: Uint8Array | string, type: string): Response {
  return new Response(status === 200 ? (body as BodyInit) : String(body), { status, headers: { ...SECURITY_HEADERS, 'Content-Type': type } })
}

/** The handler for `protocol.handle('app', …)`: static files from `root`, GET only. */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, 'method not allowed', 'text/plain')
    const file = resolveAppPath(options.root, request.url)
    if (!file) return respond(404, 'not found', 'text/plain')
    try {
      const body = await options.readFile(file)
      return respond(200, body, MIME[extname(file).toLowerCase()] ?? 'application/octet-stream')
    } catch {
      return respond(404, 'not found', 'text/plain')
    }
  }
}
