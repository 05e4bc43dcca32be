/**
 * Maps a path in the decoded document back to a line and column in the YAML/JSON text,
 * using the `yaml` library's node ranges. A path that does not exist in the text (a
 * missing required field) resolves to its nearest existing ancestor.
 */
import { isMap, isPair, isScalar, isSeq } from 'yaml'
import type { Document, LineCounter, Node } from 'yaml'
import type { DocPath } from './diagnostics'

/** Line and column (1-based) of `path` in `doc`; `key` targets the key of a mapping entry. */
export function locate(doc: Document, lines: LineCounter, path: DocPath, key?: string): { line: number; column: number } | undefined {
  let node: unknown = doc.contents
  let keyNode: unknown
  const parts = key === undefined ? path : [...path, key]
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!
    let next: unknown
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part))
      if (pair) {
        keyNode = pair.key
        next = pair.value
      }
    } else if (isSeq(node) && typeof part === 'number') {
      next = node.items[part]
      keyNode = undefined
    }
    if (next === undefined || next === null) {
      // An unknown key is reported at the key itself; a missing one at its parent.
      if (key !== undefined && i === parts.length - 1 && keyNode) return at(keyNode as Node, lines)
      break
    }
    node = next
    if (key !== undefined && i === parts.length - 1) return at((keyNode ?? node) as Node, lines)
  }
  return at(node as Node, lines)
}

function at(node: Node | undefined, lines: LineCounter): { line: number; column: number } | undefined {
  const start = node?.range?.[0]
  if (start === undefined) return undefined
  const pos = lines.linePos(start)
  return { line: pos.line, column: pos.col }
}
