import { describe, expect, it } from 'vitest'
import { canonicalize, parseYamlDocuments, sortResources, toYaml, toYamlDocuments } from './yaml'

describe('deterministic YAML', () => {
  it('sorts resources by kind, namespace, name and keys at every depth', () => {
    const out = toYamlDocuments([
      { kind: 'Service', apiVersion: 'v1', metadata: { name: 'b' }, spec: { z: [{ b: 1, a: 2 }], a: undefined } },
      { kind: 'Service', apiVersion: 'v1', metadata: { name: 'a', namespace: 'x' } },
      { kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'z' } },
    ])
    expect(out).toBe(
      '---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: z\n' +
        '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\nspec:\n  z:\n    - a: 2\n      b: 1\n' +
        '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  namespace: x\n',
    )
  })

  it('quotes strings YAML 1.1 readers would turn into booleans or numbers', () => {
    expect(toYaml({ a: 'yes', b: 'on', c: '1.0', d: '10s', e: '*' })).toBe('a: "yes"\nb: "on"\nc: "1.0"\nd: 10s\ne: "*"\n')
  })

  it('round-trips through parseYamlDocuments and reports syntax errors', () => {
    const resources = [{ kind: 'A', metadata: { name: 'x' } }, { kind: 'B', metadata: { name: 'y' } }]
    expect(parseYamlDocuments(toYamlDocuments(resources))).toEqual({ documents: resources.map(canonicalize), problems: [] })
    expect(parseYamlDocuments('a: [\n').problems.length).toBeGreaterThan(0)
  })

  it('does not mutate its input and is stable', () => {
    const list = [{ kind: 'B' }, { kind: 'A' }]
    expect(sortResources(list).map((r) => r.kind)).toEqual(['A', 'B'])
    expect(list.map((r) => r.kind)).toEqual(['B', 'A'])
  })
})
