/**
 * A small syntax highlighter for exported files (YAML, JSON, HAProxy, nginx): splits each
 * line into tokens with a kind, which the preview renders as spans (never as HTML, so
 * nothing in a file can inject markup). Line-based: good enough to read configs by, not a
 * full grammar.
 */
export type TokenKind = 'key' | 'string' | 'number' | 'literal' | 'comment' | 'punct' | 'directive' | 'text'

export interface Token {
  readonly kind: TokenKind
  readonly text: string
}

export type Language = 'yaml' | 'json' | 'haproxy' | 'nginx'

const YAML_KEY = /^(\s*(?:-\s+)*)([^\s#'"][^:#]*?|"[^"]*"|'[^']*')(:)(?=\s|$)/
const VALUE = /("(?:[^"\\]|\\.)*"|'[^']*')|(-?\b\d+(?:\.\d+)?\b)|\b(true|false|null)\b|(#.*$)/g

/** The tokens of each line of `text`. */
export function highlight(text: string, language: Language): Token[][] {
  return text.split('\n').map((line) => (language === 'yaml' || language === 'json' ? highlightData(line) : highlightDirectives(line)))
}

function highlightData(line: string): Token[] {
  const out: Token[] = []
  let rest = line
  const key = YAML_KEY.exec(rest) ?? /^(\s*)("(?:[^"\\]|\\.)*")(\s*:)/.exec(rest)
  if (key) {
    if (key[1]) out.push({ kind: 'punct', text: key[1] })
    out.push({ kind: 'key', text: key[2]! }, { kind: 'punct', text: key[3]! })
    rest = rest.slice(key[0].length)
  }
  return [...out, ...scanValues(rest)]
}

function highlightDirectives(line: string): Token[] {
  const m = /^(\s*)([A-Za-z_][\w.-]*)(.*)$/.exec(line)
  if (!m || line.trimStart().startsWith('#')) return scanValues(line)
  return [{ kind: 'punct', text: m[1]! }, { kind: 'directive', text: m[2]! }, ...scanValues(m[3]!)]
}

function scanValues(text: string): Token[] {
  const out: Token[] = []
  let last = 0
  for (const m of text.matchAll(VALUE)) {
    if (m.index > last) out.push({ kind: 'text', text: text.slice(last, m.index) })
    const kind: TokenKind = m[1] ? 'string' : m[2] ? 'number' : m[3] ? 'literal' : 'comment'
    out.push({ kind, text: m[0] })
    last = m.index + m[0].length
  }
  if (last < text.length) out.push({ kind: 'text', text: text.slice(last) })
  return out
}
