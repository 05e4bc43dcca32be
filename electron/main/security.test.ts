import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from './appProtocol'
import { isWebUrl, lockDownContents, secureSession, withCspHeader } from './security'

type Handler = (...args: any[]) => unknown

describe('window lock-down', () => {
  function fakeContents() {
    const on = new Map<string, Handler>()
    let openHandler: Handler | undefined
    const contents = { on: (e: string, fn: Handler) => (on.set(e, fn), contents), setWindowOpenHandler: (fn: Handler) => void (openHandler = fn) }
    return { contents, on, open: (url: string) => openHandler!({ url }) }
  }

  it('refuses navigation, redirects and webviews', () => {
    const { contents, on } = fakeContents()
    lockDownContents(contents as never, () => {})
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      let prevented = false
      on.get(event)!({ preventDefault: () => (prevented = true) })
      expect(prevented, event).toBe(true)
    }
  })

  it('opens no windows; http(s) links go to the system browser, nothing else does', () => {
    const { contents, open } = fakeContents()
    const external: string[] = []
    lockDownContents(contents as never, (url) => external.push(url))
    for (const url of ['https://istio.io/', 'http://localhost:9090/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://meshsim/x']) {
      expect(open(url)).toEqual({ action: 'deny' })
    }
    expect(external).toEqual(['https://istio.io/', 'http://localhost:9090/'])
    expect(isWebUrl('not a url')).toBe(false)
  })
})

describe('session', () => {
  it('denies every permission and puts the CSP header on every response but the dev server\'s', () => {
    let request: Handler = () => {}
    let check: Handler = () => {}
    let headers: Handler = () => {}
    secureSession({ setPermissionRequestHandler: (fn: Handler) => (request = fn), setPermissionCheckHandler: (fn: Handler) => (check = fn), webRequest: { onHeadersReceived: (fn: Handler) => (headers = fn) } } as never, (url) => url.startsWith('http://127.0.0.1:5173'))
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal']) {
      let granted: boolean | undefined
      request({}, permission, (g: boolean) => (granted = g))
      expect(granted, permission).toBe(false)
      expect(check({}, permission)).toBe(false)
    }
    let out: unknown
    headers({ url: 'app://meshsim/index.html', responseHeaders: { 'content-security-policy': ['default-src *'], 'X-A': ['1'] } }, (r: unknown) => (out = r))
    expect(out).toEqual({ responseHeaders: { 'X-A': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
    headers({ url: 'http://127.0.0.1:5173/', responseHeaders: {} }, (r: unknown) => (out = r))
    expect(out).toEqual({})
    expect(withCspHeader(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] })
  })
})
