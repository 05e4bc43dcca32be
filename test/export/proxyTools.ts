/**
 * Running the real HAProxy and nginx (Debian's, at /usr/sbin) on exported configs: config
 * checks in a scratch folder, and the exact apt-get command when a binary is missing — the
 * suites fail then, they do not skip (CI installs both; .ci/run has the same command).
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export const HAPROXY = '/usr/sbin/haproxy'
export const NGINX = '/usr/sbin/nginx'
export const APT_INSTALL = 'apt-get update && apt-get install -y haproxy nginx'

/** Throws (failing the test) with the install command when the binary is missing. */
export function requireBinary(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: install HAProxy and nginx with\n  ${APT_INSTALL}`)
  return path
}

/** A scratch folder nginx can use as its prefix (with tmp/), readable by its workers. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  chmodSync(dir, 0o755) // as root nginx's workers run as nobody and must read it
  mkdirSync(join(dir, 'tmp'), { mode: 0o755 })
  return dir
}

/** `haproxy -c -f cfg`: status and output. */
export function haproxyCheck(config: string): { ok: boolean; output: string } {
  const dir = scratchDir('meshsim-haproxy-')
  try {
    writeFileSync(join(dir, 'haproxy.cfg'), config)
    const r = spawnSync(requireBinary(HAPROXY), ['-c', '-f', join(dir, 'haproxy.cfg')], { encoding: 'utf8', timeout: 10_000 })
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `nginx -t -p DIR/ -c DIR/nginx.conf -e stderr`: status and output. */
export function nginxCheck(config: string): { ok: boolean; output: string } {
  const dir = scratchDir('meshsim-nginx-')
  try {
    writeFileSync(join(dir, 'nginx.conf'), config)
    const r = spawnSync(requireBinary(NGINX), ['-t', '-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', 'stderr'], { encoding: 'utf8', timeout: 10_000 })
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
