/**
 * In-app check of a generated haproxy.cfg, for where no haproxy binary runs (the app, the
 * browser). It checks structure, not HAProxy's whole grammar: known section headers, one
 * definition per backend or listen section, every `use_backend` / `default_backend` target
 * defined, bind and server (and server-template) addresses with ports 1–65535, server
 * weights 0–256. The test suite runs the real `haproxy -c` on every export.
 */
import type { FileFinding, OutFile } from '../types'

const SECTION = /^(global|defaults|frontend|backend|resolvers|listen)(\s+(\S+))?\s*$/
const PORT = /:(\d+)$/

function badPort(address: string): string | undefined {
  const m = PORT.exec(address)
  if (!m) return `'${address}' has no :port`
  const port = Number(m[1])
  return port < 1 || port > 65535 ? `port ${port} is outside 1–65535` : undefined
}

/** Structural problems of an HAProxy config. */
export function lintHaproxy(file: OutFile): FileFinding[] {
  const findings: FileFinding[] = []
  const add = (line: number, message: string) => findings.push({ file: file.path, field: `line ${line}`, message })
  const backends = new Map<string, number>()
  const targets: [string, number][] = []
  let section: string | undefined
  file.content.split('\n').forEach((raw, i) => {
    const n = i + 1
    const line = raw.replace(/#.*$/, '').trimEnd()
    if (!line.trim()) return
    if (!/^\s/.test(line)) {
      const m = SECTION.exec(line)
      if (!m) return add(n, `'${line}' is not a section header`)
      section = m[1]
      if ((section === 'backend' || section === 'listen') && m[3]) {
        if (backends.has(m[3])) add(n, `${section} '${m[3]}' is defined twice`)
        backends.set(m[3], n)
      }
      return
    }
    if (!section) return add(n, 'a directive outside any section')
    const words = line.trim().split(/\s+/)
    if (words[0] === 'bind') {
      const problem = badPort(words[1] ?? '')
      if (problem) add(n, `bind: ${problem}`)
    }
    if (words[0] === 'server-template') {
      const problem = badPort(words[3] ?? '')
      if (problem) add(n, `server-template ${words[1] ?? ''}: ${problem}`)
      if (!/^\d+(-\d+)?$/.test(words[2] ?? '')) add(n, `server-template ${words[1] ?? ''}: '${words[2] ?? ''}' is not a server count`)
    }
    if (words[0] === 'server') {
      const problem = badPort(words[2] ?? '')
      if (problem) add(n, `server ${words[1] ?? ''}: ${problem}`)
      const w = words.indexOf('weight')
      const weight = w < 0 ? 1 : Number(words[w + 1])
      if (!Number.isInteger(weight) || weight < 0 || weight > 256) add(n, `server ${words[1] ?? ''}: weight must be 0–256`)
    }
    if (words[0] === 'use_backend' || words[0] === 'default_backend') targets.push([words[1] ?? '', n])
  })
  for (const [name, n] of targets) if (!backends.has(name)) add(n, `no backend named '${name}'`)
  return findings
}
