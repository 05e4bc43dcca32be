/**
 * Small immutable-update helpers for the model edits: replace one element of a list or one
 * key of an object, returning new containers and sharing everything unchanged, so React
 * components that read an untouched service keep the same object and do not re-render.
 */
import type { DocPath } from '../../../engine/index'

/** `list` with the elements for which `match` holds replaced by `update(element)`. */
export function updateWhere<T>(list: readonly T[], match: (item: T) => boolean, update: (item: T) => T): T[] {
  let changed = false
  const out = list.map((item) => {
    if (!match(item)) return item
    const next = update(item)
    if (next !== item) changed = true
    return next
  })
  return changed ? out : (list as T[])
}

/**
 * Maps `list` through `fn`, dropping items for which it returns undefined; returns `list`
 * itself when nothing changed (so unchanged parents keep their identity), and undefined
 * when `list` is undefined.
 */
export function mapKeep<T>(list: readonly T[] | undefined, fn: (item: T) => T | undefined): T[] | undefined {
  if (list === undefined) return undefined
  let changed = false
  const out: T[] = []
  for (const item of list) {
    const next = fn(item)
    if (next !== item) changed = true
    if (next !== undefined) out.push(next)
  }
  return changed ? out : (list as T[])
}

/** `obj` with `patch` applied, or `obj` itself when every patched value is already there. */
export function patchKeep<T extends object>(obj: T, patch: Partial<NoInfer<T>>): T {
  const changed = Object.entries(patch).some(([k, v]) => (obj as Record<string, unknown>)[k] !== v)
  return changed ? withoutUndefined({ ...obj, ...patch }) : obj
}

/** `obj` without the keys whose value is undefined (optional fields are omitted, not null). */
export function withoutUndefined<T extends object>(obj: T): T {
  const out = {} as Record<string, unknown>
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v
  return out as T
}

/** Reads the value at `path` in `root` (undefined when any step is missing). */
export function getIn(root: unknown, path: DocPath): unknown {
  let v = root
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string | number, unknown>)[key]
  }
  return v
}

/**
 * `root` with the value at `path` set to `value` (deleted when undefined). Missing objects on
 * the way are created; array indices must exist (or equal the length, to append).
 */
export function setIn<T>(root: T, path: DocPath, value: unknown): T {
  if (path.length === 0) return value as T
  const [key, ...rest] = path as [string | number, ...(string | number)[]]
  const container = (root ?? (typeof key === 'number' ? [] : {})) as Record<string | number, unknown> | unknown[]
  const child = (container as Record<string | number, unknown>)[key]
  const next = setIn(child, rest, value)
  if (next === child && !(next === undefined && rest.length === 0 && key in container)) return root
  if (Array.isArray(container)) {
    const copy = [...container]
    if (next === undefined) copy.splice(key as number, 1)
    else copy[key as number] = next
    return copy as T
  }
  const copy = { ...container } as Record<string | number, unknown>
  if (next === undefined) delete copy[key]
  else copy[key] = next
  return copy as T
}
