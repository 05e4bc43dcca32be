/**
 * ObjectMeta checks the API server makes before any schema: names are DNS-1123 subdomains
 * (or DNS-1035 labels where the kind requires it, e.g. Service), namespaces DNS-1123 labels,
 * label and annotation keys qualified names, label values at most 63 characters of
 * `[A-Za-z0-9_.-]` starting and ending alphanumeric; unknown metadata fields are rejected.
 *
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */
import type { RuleFinding } from './celRules'

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

/** Metadata fields a client may send (server-set ones like uid are not expected in an export). */
const KNOWN = new Set(['name', 'generateName', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences'])

/** Tests a DNS-1123 label (at most 63 characters). */
export function isDns1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s)
}

/** Tests a DNS-1123 subdomain (at most 253 characters). */
export function isDns1123Subdomain(s: string): boolean {
  return s.length <= 253 && DNS1123_SUBDOMAIN.test(s)
}

/** Tests a qualified name (`prefix/name`), as label and annotation keys must be. */
export function isQualifiedName(key: string): boolean {
  const parts = key.split('/')
  if (parts.length > 2) return false
  const name = parts[parts.length - 1]!
  if (name.length > 63 || !QUALIFIED_NAME.test(name)) return false
  return parts.length === 1 || isDns1123Subdomain(parts[0]!)
}

/** Which rule a kind's names follow. */
export type NameRule = 'subdomain' | 'dns1035'

function checkMap(map: unknown, path: string, values: (v: string) => string | undefined): RuleFinding[] {
  if (map === undefined) return []
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return [{ field: path, message: 'must be a map of strings' }]
  const found: RuleFinding[] = []
  for (const [k, v] of Object.entries(map)) {
    if (!isQualifiedName(k)) found.push({ field: `${path}.${k}`, message: `invalid key '${k}': a qualified name ([prefix/]name, name at most 63 characters)` })
    if (typeof v !== 'string') found.push({ field: `${path}.${k}`, message: 'value must be a string' })
    else {
      const problem = values(v)
      if (problem) found.push({ field: `${path}.${k}`, message: problem })
    }
  }
  return found
}

/** Checks `metadata` of a namespaced resource. */
export function checkObjectMeta(meta: unknown, nameRule: NameRule = 'subdomain'): RuleFinding[] {
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return [{ field: 'metadata', message: 'metadata is required' }]
  const m = meta as Record<string, unknown>
  const found: RuleFinding[] = []
  for (const k of Object.keys(m)) if (!KNOWN.has(k)) found.push({ field: `metadata.${k}`, message: `unknown field "${k}"` })
  const name = m.name
  if (typeof name !== 'string' || name === '') found.push({ field: 'metadata.name', message: 'name is required' })
  else if (nameRule === 'dns1035' ? !(name.length <= 63 && DNS1035_LABEL.test(name)) : !isDns1123Subdomain(name)) {
    found.push({
      field: 'metadata.name',
      message: nameRule === 'dns1035'
        ? `'${name}' is not a DNS-1035 label (lowercase letters, digits and '-', starting with a letter, at most 63 characters)`
        : `'${name}' is not a DNS-1123 subdomain (lowercase letters, digits, '-' and '.', at most 253 characters)`,
    })
  }
  if (m.namespace !== undefined && (typeof m.namespace !== 'string' || !isDns1123Label(m.namespace))) {
    found.push({ field: 'metadata.namespace', message: `'${String(m.namespace)}' is not a DNS-1123 label` })
  }
  found.push(...checkMap(m.labels, 'metadata.labels', (v) => (v.length <= 63 && LABEL_VALUE.test(v) ? undefined : `invalid label value '${v}'`)))
  found.push(...checkMap(m.annotations, 'metadata.annotations', () => undefined))
  return found
}
