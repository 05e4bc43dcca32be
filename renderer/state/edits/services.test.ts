/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import bookinfoText from '../../../scenarios/bookinfo.scenario.yaml?raw'
import { checkReferences, parseScenario } from '../../../engine/index'
import type { Scenario } from '../../../engine/index'
import { addCall, computeNextCallTarget, computeVersionCallsStart, hasCall, removeCall, setVersionCalls } from './calls'
import { computeUniqueName, toDnsLabel } from './names'
import { addVersion, moveServices, removeServices, removeVersion, renameVersion } from './services'

const bookinfo = parseScenario(bookinfoText).scenario!
const withFaults: Scenario = {
  ...bookinfo,
  faults: [{ kind: 'crash', at: 1000, service: 'reviews', version: 'v3' }, { kind: 'crash', at: 2000, service: 'details' }],
  rollouts: [{ kind: 'blue_green', service: 'reviews', from: 'v1', to: 'v3', switchAt: 5000 }],
}

describe('version edits', () => {
  it('removing a version drops it from splits, faults and rollouts', () => {
    const s = removeVersion(withFaults, 'reviews', 'v3')
    expect(s.routes![0]!.rules[0]!.split).toEqual([{ version: 'v1', weight: 90 }])
    expect(s.faults).toEqual([{ kind: 'crash', at: 2000, service: 'details' }])
    expect(s.rollouts).toBeUndefined()
    expect(checkReferences(s)).toEqual([])
  })

  it('never removes the last version', () => {
    expect(removeVersion(bookinfo, 'details', 'v1')).toBe(bookinfo)
  })

  it('renaming a version follows it into splits and faults', () => {
    const s = renameVersion(withFaults, 'reviews', 'v3', 'red')
    expect(s.routes![0]!.rules[0]!.split[1]).toEqual({ version: 'red', weight: 10 })
    expect(s.faults![0]).toMatchObject({ version: 'red' })
    expect(checkReferences(s).filter((d) => d.severity === 'error')).toEqual([])
  })

  it('a new version copies the capacity of the last one but not its calls', () => {
    const s = addVersion(bookinfo, 'reviews')
    const v4 = s.services[2]!.versions[3]!
    expect(v4).toEqual({ name: 'v4', replicas: 1, serviceTime: { kind: 'lognormal', p50: 6, p99: 30 }, zones: ['zone-b'] })
  })
})

describe('structural sharing', () => {
  it('an edit of one service keeps every other service object', () => {
    const s = moveServices(bookinfo, new Map([['details', { x: 1, y: 2 }]]))
    expect(s.services[0]).toBe(bookinfo.services[0])
    expect(s.services[2]).toBe(bookinfo.services[2])
    expect(s.services[1]).not.toBe(bookinfo.services[1])
  })

  it('removing a service leaves services that never referred to it untouched', () => {
    const s = removeServices(bookinfo, ['details'])
    expect(s.services.find((x) => x.name === 'ratings')).toBe(bookinfo.services[3])
  })
})

describe('calls', () => {
  it('a call added to a service with per-version overrides reaches every version', () => {
    const s = addCall(bookinfo, 'reviews', 'details')
    for (const v of s.services[2]!.versions) expect((v.calls ?? s.services[2]!.calls)!.some((c) => c.to === 'details')).toBe(true)
    const back = removeCall(s, 'reviews', 'details')
    expect(back.services[2]!.versions[1]!.calls).toEqual(bookinfo.services[2]!.versions[1]!.calls)
  })
})

describe('version calls', () => {
  it('a version gets its own calls and gives them back', () => {
    const start = computeVersionCallsStart(bookinfo, 'productpage')
    expect(start).toEqual(bookinfo.services.find((x) => x.name === 'productpage')!.calls)
    const own = setVersionCalls(bookinfo, 'productpage', 'v1', [{ to: 'details' }])
    const pp = own.services.find((x) => x.name === 'productpage')!
    expect(pp.versions[0]!.calls).toEqual([{ to: 'details' }])
    expect(hasCall(own, 'productpage', 'details')).toBe(true)
    const back = setVersionCalls(own, 'productpage', 'v1', undefined)
    expect(back.services.find((x) => x.name === 'productpage')!.versions[0]).not.toHaveProperty('calls')
    expect(checkReferences(own).filter((d) => d.severity === 'error')).toEqual([])
  })

  it('offers a target the list does not call yet, never the service itself', () => {
    const names = bookinfo.services.map((x) => x.name).filter((n) => n !== 'productpage')
    expect(computeNextCallTarget(bookinfo, 'productpage', [])).toBe(names[0])
    expect(computeNextCallTarget(bookinfo, 'productpage', names.map((to) => ({ to })))).toBeUndefined()
  })
})

describe('names', () => {
  it('makes DNS labels and unique names', () => {
    expect(toDnsLabel('  My Service!! ', 'x')).toBe('my-service')
    expect(toDnsLabel('***', 'x')).toBe('x')
    expect(computeUniqueName('a', ['a', 'a-2'])).toBe('a-3')
  })
})
