import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler, resolveAppPath } from './appProtocol'

describe('app:// protocol', () => {
  const base = mkdtempSync(join(tmpdir(), 'meshsim-renderer-'))
  const root = join(base, 'renderer')
  mkdirSync(join(root, 'assets'), { recursive: true })
  writeFileSync(join(root, 'index.html'), '<!doctype html>')
  writeFileSync(join(root, 'assets', 'main.js'), 'export {}')
  writeFileSync(join(base, 'secret.txt'), 'nope')
  const handler = createAppProtocolHandler({ root, readFile: (p) => fsp.readFile(p) })

  it('serves the app with its MIME type and the CSP header', async () => {
    const page = await handler(new Request('app://meshsim/'))
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    const script = await handler(new Request('app://meshsim/assets/main.js'))
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await script.text()).toBe('export {}')
  })

  it('serves nothing outside its folder, from another host, or that does not exist', async () => {
    for (const url of ['app://meshsim/../secret.txt', 'app://meshsim/%2e%2e/secret.txt', 'app://meshsim/assets/..%2f..%2fsecret.txt', 'app://other/index.html', 'app://meshsim/missing.js', 'app://meshsim/%00']) {
      expect((await handler(new Request(url))).status, url).toBe(404)
    }
    expect(resolveAppPath(root, 'file:///etc/passwd')).toBeUndefined()
    expect((await handler(new Request('app://meshsim/index.html', { method: 'POST', body: 'x' }))).status).toBe(405)
  })

  it('sends the same policy as the page\'s meta tag', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../renderer/index.html'), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1]
    expect(meta).toBe(CONTENT_SECURITY_POLICY)
  })
})
