import { describe, expect, it } from 'vitest'
import { highlight } from './highlight'

describe('highlight', () => {
  it('marks YAML keys, strings, numbers, literals and comments', () => {
    const [line] = highlight('  - name: "reviews" # the canary', 'yaml')
    expect(line!.filter((t) => t.kind !== 'text' && t.kind !== 'punct')).toEqual([
      { kind: 'key', text: 'name' }, { kind: 'string', text: '"reviews"' }, { kind: 'comment', text: '# the canary' },
    ])
    expect(highlight('weight: 90', 'yaml')[0]!.map((t) => t.kind)).toEqual(['key', 'punct', 'text', 'number'])
    expect(highlight('enabled: true', 'yaml')[0]!.at(-1)).toEqual({ kind: 'literal', text: 'true' })
  })

  it('marks JSON keys and nginx directives; the text is kept whole', () => {
    expect(highlight('  "cluster": "a",', 'json')[0]!.filter((t) => t.kind === 'key')).toEqual([{ kind: 'key', text: '"cluster"' }])
    const line = '    proxy_pass http://reviews;'
    const tokens = highlight(line, 'nginx')[0]!
    expect(tokens.find((t) => t.kind === 'directive')!.text).toBe('proxy_pass')
    expect(tokens.map((t) => t.text).join('')).toBe(line)
  })
})
