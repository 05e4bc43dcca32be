/** Fresh, schema-valid names (DNS labels) for things the designer creates. */

const DNS_LABEL_MAX = 63

/** Lower-cases and strips `text` into a DNS label, or `fallback` when nothing is left. */
export function toDnsLabel(text: string, fallback: string): string {
  const label = text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, DNS_LABEL_MAX)
    .replace(/-+$/, '')
  return label || fallback
}

/** `base` if free, else `base-2`, `base-3`, … (kept within 63 characters). */
export function computeUniqueName(base: string, taken: ReadonlySet<string> | readonly string[]): string {
  const used = taken instanceof Set ? taken : new Set(taken as readonly string[])
  if (!used.has(base)) return base
  for (let i = 2; ; i++) {
    const suffix = `-${i}`
    const name = `${base.slice(0, DNS_LABEL_MAX - suffix.length).replace(/-+$/, '')}${suffix}`
    if (!used.has(name)) return name
  }
}

/** The next `v<n>` version name not used in `taken`. */
export function computeNextVersionName(taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) {
    if (!taken.includes(`v${n}`)) return `v${n}`
  }
}
