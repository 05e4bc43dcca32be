/**
 * In-app check of a generated nginx.conf, for where no nginx binary runs: balanced braces,
 * directives ending in `;`, `server` addresses with ports 1–65535, positive weights, and
 * every `proxy_pass http://NAME` naming a defined upstream. The test suite runs the real
 * `nginx -t` on every export.
 */
import type { FileFinding, OutFile } from '../types'

/** Structural problems of an nginx config. */
export function lintNginx(file: OutFile): FileFinding[] {
  const findings: FileFinding[] = []
  const add = (line: number, message: string) => findings.push({ file: file.path, field: `line ${line}`, message })
  const upstreams = new Set<string>()
  const passes: [string, number][] = []
  let depth = 0
  file.content.split('\n').forEach((raw, i) => {
    const n = i + 1
    const line = raw.replace(/#.*$/, '').trim()
    if (!line) return
    if (line.endsWith('{')) {
      depth++
      const up = /^upstream\s+(\S+)\s*\{$/.exec(line)
      if (up) upstreams.add(up[1]!)
      return
    }
    if (line === '}') {
      if (--depth < 0) add(n, 'unbalanced }')
      return
    }
    if (!line.endsWith(';')) return add(n, `'${line}' does not end with ;`)
    const words = line.slice(0, -1).trim().split(/\s+/)
    if (words[0] === 'server' && depth === 2) {
      const port = Number(/:(\d+)$/.exec(words[1] ?? '')?.[1] ?? NaN)
      if (!(port >= 1 && port <= 65535)) add(n, `server ${words[1] ?? ''}: needs a port 1–65535`)
      const weight = words.find((w) => w.startsWith('weight='))
      if (weight && !(Number(weight.slice(7)) >= 1)) add(n, `server ${words[1] ?? ''}: weight must be at least 1`)
    }
    const pass = /^proxy_pass\s+http:\/\/([^/;\s]+)/.exec(line)
    if (pass) passes.push([pass[1]!, n])
  })
  if (depth !== 0) add(file.content.split('\n').length, 'unbalanced {')
  for (const [name, n] of passes) if (!upstreams.has(name)) add(n, `no upstream named '${name}'`)
  return findings
}
