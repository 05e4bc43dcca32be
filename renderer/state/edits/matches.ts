/**
 * Header-match edits: a route rule's `headers` (and a fault's) map a header name to an Istio
 * StringMatch, exactly one of exact, prefix or regex. Edits keep the headers' order.
 */
import { computeUniqueName } from './names'

export const MATCH_KINDS = ['exact', 'prefix', 'regex'] as const
export type MatchKind = (typeof MATCH_KINDS)[number]
export type StringMatch = { exact?: string; prefix?: string; regex?: string }
export type HeaderMatches = Record<string, StringMatch>

/** Which of exact, prefix or regex a match uses (exact when none is set). */
export function getMatchKind(m: StringMatch | undefined): MatchKind {
  return MATCH_KINDS.find((k) => m?.[k] !== undefined) ?? 'exact'
}

/** The text a match compares with, whichever kind it is. */
export function getMatchText(m: StringMatch | undefined): string {
  return m?.[getMatchKind(m)] ?? ''
}

/** Adds a header match (a fresh name, exact empty value). */
export function addHeaderMatch(headers: HeaderMatches | undefined, base = 'x-header'): HeaderMatches {
  const name = computeUniqueName(base, Object.keys(headers ?? {}))
  return { ...headers, [name]: { exact: '' } }
}

/** Removes a header match; no headers left is undefined (the field is omitted). */
export function removeHeaderMatch(headers: HeaderMatches | undefined, name: string): HeaderMatches | undefined {
  if (!headers || !(name in headers)) return headers
  const next = Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name))
  return Object.keys(next).length ? next : undefined
}

/** Renames a header in place (same position); unchanged when `to` is empty or taken. */
export function renameHeaderMatch(headers: HeaderMatches, from: string, to: string): HeaderMatches {
  if (!to || from === to || to in headers || !(from in headers)) return headers
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k === from ? to : k, v]))
}

/** Sets the kind and / or text of one header's match (keeping the text when only the kind changes). */
export function setHeaderMatch(headers: HeaderMatches, name: string, kind: MatchKind, text?: string): HeaderMatches {
  if (!(name in headers)) return headers
  return { ...headers, [name]: { [kind]: text ?? getMatchText(headers[name]) } }
}
