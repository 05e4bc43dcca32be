/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import bookinfoText from '../../scenarios/bookinfo.scenario.yaml?raw'
import { parseScenario } from '../../engine/index'
import { createTopologyStore } from './topologyStore'
import type { TopologyStore } from './topologyStore'

const open = (text = bookinfoText) => createTopologyStore({ text, file: 'bookinfo.scenario.yaml' })
const scenario = (store: TopologyStore) => store.getState().document.scenario!
const service = (store: TopologyStore, name: string) => scenario(store).services.find((s) => s.name === name)

/** The document's text parses back into the document's scenario: model and YAML agree. */
function expectInSync(store: TopologyStore) {
  const { text, scenario: model } = store.getState().document
  const reparsed = parseScenario(text).scenario
  if (model!.services.length > 0) expect(reparsed).toEqual(model)
}

describe('a blank document', () => {
  it('starts with no services and grows into a valid scenario by edits alone', () => {
    const store = createTopologyStore()
    store.getState().newScenario()
    expect(scenario(store).services).toEqual([])
    expect(store.getState().document.text).toContain('services: []')
    expect(store.getState().document.diagnostics.map((d) => d.code)).toEqual(['SCHEMA_003'])

    const a = store.getState().addService({ x: 10, y: 20 })
    const b = store.getState().addService({ x: 300, y: 20 })
    expect([a, b]).toEqual(['service', 'service-2'])
    expect(store.getState().selection.nodes).toEqual(['service:service-2'])
    expect(store.getState().connect(a, b)).toBe(true)
    expect(store.getState().addTrafficSource(a)).toBe(true)
    expect(store.getState().document.diagnostics).toEqual([])
    expect(service(store, a)!.calls).toEqual([{ to: b }])
    expect(service(store, a)!.position).toEqual({ x: 10, y: 20 })
    expectInSync(store)
  })
})

describe('model edits', () => {
  it('keep the comments of the file in the YAML text', () => {
    const store = open()
    store.getState().updateVersion('reviews', 'v1', { replicas: 5 })
    const { text } = store.getState().document
    expect(text).toContain('# Istio\'s Bookinfo sample')
    expect(text).toMatch(/- name: v1 # no stars: does not call ratings\n\s+replicas: 5/)
    expectInSync(store)
  })

  it('refuse a schema-invalid value and report it at the field, leaving the document alone', () => {
    const store = open()
    const before = store.getState().document
    expect(store.getState().updateVersion('reviews', 'v1', { replicas: -1 })).toBe(false)
    expect(store.getState().document).toBe(before)
    expect(store.getState().fieldIssues).toEqual([{ path: 'services[2].versions[0].replicas', message: expect.stringContaining('negative') }])
    store.getState().updateVersion('reviews', 'v1', { replicas: 3 })
    expect(store.getState().fieldIssues).toEqual([])
  })

  it('refuse self-calls and duplicate calls with a notice', () => {
    const store = open()
    expect(store.getState().connect('reviews', 'reviews')).toBe(false)
    expect(store.getState().view.notice).toMatch(/cannot call itself/)
    expect(store.getState().connect('productpage', 'details')).toBe(false)
    expect(store.getState().view.notice).toMatch(/already calls/)
    expect(store.getState().history.past).toHaveLength(0)
  })

  it('delete the selection with everything that refers to it', () => {
    const store = open()
    store.getState().select(['service:reviews'])
    expect(store.getState().removeSelection()).toBe(true)
    const s = scenario(store)
    expect(s.services.map((x) => x.name)).toEqual(['productpage', 'details', 'ratings'])
    expect(s.services[0]!.calls!.map((c) => c.to)).toEqual(['details'])
    expect(s.routes).toBeUndefined()
    expect(s.destinations).toBeUndefined()
    expect(store.getState().selection.nodes).toEqual([])
    expect(store.getState().document.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('rename a service in every reference and keep it selected', () => {
    const store = open()
    store.getState().select(['service:ratings'])
    store.getState().renameService('ratings', 'stars')
    const s = scenario(store)
    expect(s.services[2]!.versions[1]!.calls![0]!.to).toBe('stars')
    expect(s.security!.authorization![0]!.service).toBe('stars')
    expect(store.getState().selection.nodes).toEqual(['service:stars'])
    expect(store.getState().document.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })

  it('set a 90/10 split, retries, a balancer and outlier detection', () => {
    const store = open()
    store.getState().setSplit('reviews', 0, [{ version: 'v1', weight: 80 }, { version: 'v2', weight: 10 }, { version: 'v3', weight: 10 }])
    store.getState().setRetries('reviews', 0, { attempts: 3, perTryTimeout: 250, retryOn: ['5xx'] })
    store.getState().setLbPolicy('reviews', { kind: 'ring_hash', hashOn: { header: 'x-user' } })
    store.getState().setOutlierDetection('ratings', { consecutive5xxErrors: 3 })
    const s = scenario(store)
    expect(s.routes![0]!.rules[0]!.split.map((x) => x.weight)).toEqual([80, 10, 10])
    expect(s.routes![0]!.rules[0]!.retries).toEqual({ attempts: 3, perTryTimeout: 250, retryOn: ['5xx'] })
    expect(s.destinations!.find((d) => d.service === 'reviews')!.loadBalancer).toEqual({ kind: 'ring_hash', hashOn: { header: 'x-user' } })
    expect(s.destinations!.find((d) => d.service === 'ratings')).toEqual({ service: 'ratings', outlierDetection: { consecutive5xxErrors: 3 } })
    expectInSync(store)
  })

  it('report a split that does not sum to 100 at the split, from the parsed text', () => {
    const store = open()
    store.getState().setSplit('reviews', 0, [{ version: 'v1', weight: 90 }, { version: 'v3', weight: 5 }])
    const d = store.getState().document.diagnostics.find((x) => x.code === 'REF_004')
    expect(d).toMatchObject({ path: 'routes[0].rules[0].split', line: expect.any(Number) })
  })

  it('create a route with an even split when a version-less service gets one', () => {
    const store = open()
    store.getState().addVersion('ratings')
    store.getState().addRoute('ratings')
    expect(scenario(store).routes!.find((r) => r.service === 'ratings')!.rules[0]!.split).toEqual([
      { version: 'v1', weight: 50 }, { version: 'v2', weight: 50 },
    ])
  })

  it('add, move and remove faults on the timeline', () => {
    const store = open()
    store.getState().addFault({ kind: 'crash', at: 20_000, service: 'reviews', version: 'v1' })
    expect(store.getState().selection.fault).toBe(0)
    store.getState().addFault({ kind: 'latency', at: 5_000, for: 10_000, service: 'ratings', add: 100 })
    store.getState().moveFault(1, 30_000, 5_000)
    expect(scenario(store).faults).toEqual([
      { kind: 'crash', at: 20_000, service: 'reviews', version: 'v1' },
      { kind: 'latency', at: 30_000, for: 5_000, service: 'ratings', add: 100 },
    ])
    store.getState().moveFault(0, 999_999)
    expect(scenario(store).faults![0]!.at).toBe(60_000)
    store.getState().removeFault(0)
    store.getState().removeFault(0)
    expect(scenario(store).faults).toBeUndefined()
    expectInSync(store)
  })

  it('copy and paste services with fresh names, calls between copies following them', () => {
    const store = open()
    store.getState().select(['service:reviews', 'service:ratings'])
    expect(store.getState().copySelection()).toBe(2)
    store.getState().paste()
    const names = scenario(store).services.map((x) => x.name)
    expect(names.slice(-2)).toEqual(['reviews-2', 'ratings-2'])
    expect(service(store, 'reviews-2')!.versions[1]!.calls![0]!.to).toBe('ratings-2')
    expect(store.getState().selection.nodes).toEqual(['service:reviews-2', 'service:ratings-2'])
  })

  it('auto-layout writes a position into every service, on the grid', () => {
    const store = open()
    store.getState().layoutServices()
    for (const s of scenario(store).services) {
      expect(s.position).toBeDefined()
      expect(s.position!.x % 20).toBe(0)
    }
  })
})

describe('undo and redo', () => {
  it('step back and forth through every kind of edit', () => {
    const store = open()
    const texts = [store.getState().document.text]
    const edits: (() => unknown)[] = [
      () => store.getState().addService({ x: 0, y: 0 }),
      () => store.getState().connect('details', 'ratings'),
      () => store.getState().updateVersion('details', 'v1', { concurrency: 4 }),
      () => store.getState().setRetries('reviews', 0, undefined),
      () => store.getState().setLbPolicy('details', { kind: 'random' }),
      () => store.getState().addFault({ kind: 'error_burst', at: 1000, for: 1000, service: 'details', rate: 50 }),
      () => store.getState().moveServices(new Map([['details', { x: 5, y: 5 }]])),
      () => store.getState().editText(store.getState().document.text.replace('name: bookinfo', 'name: books')),
    ]
    for (const edit of edits) {
      edit()
      texts.push(store.getState().document.text)
    }
    expect(new Set(texts).size).toBe(texts.length)
    for (let i = texts.length - 2; i >= 0; i--) {
      store.getState().undo()
      expect(store.getState().document.text).toBe(texts[i])
    }
    store.getState().undo()
    expect(store.getState().document.text).toBe(texts[0])
    for (let i = 1; i < texts.length; i++) {
      store.getState().redo()
      expect(store.getState().document.text).toBe(texts[i])
    }
    expect(store.getState().history.past.map((e) => e.label)).toEqual([
      'Add service', 'Add call', 'Edit version', 'Set retries', 'Set balancer', 'Add fault', 'Move service', 'Edit YAML',
    ])
  })

  it('drops the redo list after a new edit', () => {
    const store = open()
    store.getState().addService()
    store.getState().undo()
    expect(store.getState().history.future).toHaveLength(1)
    store.getState().addVersion('details')
    expect(store.getState().history.future).toHaveLength(0)
  })
})

describe('text edits', () => {
  it('keep broken text as typed, with line:column, and the canvas on the last good model', () => {
    const store = open()
    const good = scenario(store)
    const broken = store.getState().document.text.replace('replicas: 2', 'replicas: [2')
    store.getState().editText(broken)
    const doc = store.getState().document
    expect(doc.text).toBe(broken)
    expect(doc.isTextValid).toBe(false)
    expect(doc.scenario).toBe(good)
    expect(doc.diagnostics[0]).toMatchObject({ code: 'YAML_001', line: expect.any(Number), column: expect.any(Number) })
  })

  it('a model edit after broken text starts from the model, and undo brings the text back', () => {
    const store = open()
    const broken = `${store.getState().document.text}\n  oops: [`
    store.getState().editText(broken)
    store.getState().addVersion('details')
    expect(store.getState().document.isTextValid).toBe(true)
    store.getState().undo()
    expect(store.getState().document.text).toBe(broken)
  })
})

describe('saving', () => {
  it('marks saved only the text that was written: edits typed meanwhile stay unsaved', () => {
    const store = open()
    const dirty = () => store.getState().document.text !== store.getState().savedText
    store.getState().setField(['description'], 'first edit', 'Edit description')
    const written = store.getState().document.text
    expect(dirty()).toBe(true)
    // The user types while the file is being written…
    store.getState().setField(['description'], 'typed during the save', 'Edit description')
    store.getState().markSaved('shop.scenario.yaml', '/work/shop.scenario.yaml', written)
    expect(store.getState().savedText).toBe(written)
    expect(store.getState().filePath).toBe('/work/shop.scenario.yaml')
    expect(store.getState().document.file).toBe('shop.scenario.yaml')
    expect(dirty()).toBe(true)
    // …and with nothing typed meanwhile, the document is clean.
    store.getState().markSaved('shop.scenario.yaml', '/work/shop.scenario.yaml', store.getState().document.text)
    expect(dirty()).toBe(false)
  })
})
