/**
 * The upstream test vectors (Envoy's and Linkerd's unit tests) in ../shared/vectors, beside
 * the repository. The JSON is not validated: `T` states the shape the caller relies on.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The parsed JSON of ../shared/vectors/<file>; throws naming the path when it is missing. */
export function loadVectors<T>(file: string): T {
  const path = fileURLToPath(new URL(`../../../shared/vectors/${file}`, import.meta.url))
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (cause) {
    throw new Error(`test vectors not found: ${path}`, { cause })
  }
  return JSON.parse(text) as T
}

/** The `vectors` array of ../shared/vectors/<file>. */
export function vectorList<T>(file: string): T[] {
  const { vectors } = loadVectors<{ vectors?: unknown }>(file)
  if (!Array.isArray(vectors)) throw new Error(`${file} has no "vectors" array`)
  return vectors as T[]
}

/**
 * A lookup of `list` by vector name — the exact name, or with `'prefix'` the first name that
 * starts with it — that throws naming the vector when there is none.
 */
export function vectorLookup<T>(list: readonly T[], match: 'exact' | 'prefix' = 'exact'): (name: string) => T {
  const nameOf = (v: T): string => String((v as { readonly name?: unknown }).name)
  return (name) => {
    const found = list.find((v) => (match === 'exact' ? nameOf(v) === name : nameOf(v).startsWith(name)))
    if (found === undefined) throw new Error(`no vector ${match === 'exact' ? 'named' : 'starting with'} ${name}`)
    return found
  }
}
