import { describe, expect, it } from 'vitest'
import { acceptFileDrops } from './fileDrop'

describe('acceptFileDrops', () => {
  it('takes the first dropped file, stops the browser opening it, and ignores drags without files', () => {
    const listeners = new Map<string, (e: unknown) => void>()
    const target = { addEventListener: (t: string, fn: (e: unknown) => void) => listeners.set(t, fn), removeEventListener: (t: string) => listeners.delete(t) }
    const got: File[] = []
    const stop = acceptFileDrops(target as never, (f) => got.push(f))
    const file = new File(['x'], 'a.scenario.yaml')
    const event = (types: string[]) => ({ prevented: false, preventDefault() { this.prevented = true }, dataTransfer: { types, files: [file], dropEffect: 'none' } })
    const over = event(['Files'])
    listeners.get('dragover')!(over)
    expect(over.prevented && over.dataTransfer.dropEffect).toBe('copy')
    const text = event(['text/plain'])
    listeners.get('drop')!(text)
    expect(text.prevented).toBe(false)
    const drop = event(['Files'])
    listeners.get('drop')!(drop)
    expect(drop.prevented).toBe(true)
    expect(got).toEqual([file])
    stop()
    expect(listeners.size).toBe(0)
  })
})
