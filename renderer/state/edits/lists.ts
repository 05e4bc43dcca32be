/**
 * List edits for the inspector's repeated rows (load steps, canary steps, a version's own
 * calls): append and remove keep the other items' identity; a list that must not be empty
 * refuses to lose its last item, and an optional one becomes undefined (omitted) instead.
 */

/** `list` with `item` appended (a new list; an absent list starts empty). */
export function appendItem<T>(list: readonly T[] | undefined, item: T): T[] {
  return [...(list ?? []), item]
}

/**
 * `list` without item `index`. With `min` items or fewer it is returned unchanged (a required
 * list keeps its last row); an optional list (`min` 0) that becomes empty becomes undefined.
 */
export function removeItem<T>(list: readonly T[] | undefined, index: number, min = 0): T[] | undefined {
  if (!list || index < 0 || index >= list.length || list.length <= min) return list as T[] | undefined
  const next = list.filter((_, i) => i !== index)
  return next.length ? next : undefined
}
