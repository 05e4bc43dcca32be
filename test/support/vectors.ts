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
