import { describe, expect, it } from 'vitest'
import { createActor, fromPromise, initialTransition, transition } from 'xstate'
import { fileSessionMachine, getFileMode } from './fileSessionMachine'
import type { OpenedFileRef, SavedFileRef } from './fileSessionMachine'

/** A promise the test settles by hand, so it can look at the machine while an effect is pending. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej })
  return { promise, resolve, reject }
}

/** Lets settled promises reach the actor. */
const flush = () => new Promise((r) => setTimeout(r, 0))

const SAVED: SavedFileRef = { path: '/work/shop.scenario.yaml', name: 'shop.scenario.yaml', text: 'name: shop\n' }
const OPENED: OpenedFileRef = { path: '/work/bookinfo.scenario.yaml', name: 'bookinfo.scenario.yaml', text: 'name: bookinfo\n' }

/**
 * The machine with fakes: every effect call is logged; each save or open waits for the test
 * to settle it. `markSaved` answers as the app's store feed does: `doc.reverted` when the
 * document now equals what was written, nothing when `typedDuringSave` says it does not.
 */
function start(options: { hasFilePath?: boolean; unsaved?: boolean; typedDuringSave?: boolean } = {}) {
  const log: string[] = []
  const pending: { settle: ReturnType<typeof deferred<unknown>> }[] = []
  const next = <T,>(what: string) => {
    log.push(what)
    const d = deferred<T>()
    pending.push({ settle: d as ReturnType<typeof deferred<unknown>> })
    return d.promise
  }
  const actor = createActor(
    fileSessionMachine.provide({
      actors: {
        saveFile: fromPromise(() => next<SavedFileRef>('saveFile')),
        saveFileAs: fromPromise(() => next<SavedFileRef | null>('saveFileAs')),
        openFile: fromPromise(() => next<OpenedFileRef | null>('openFile')),
        openPath: fromPromise(({ input }) => next<OpenedFileRef>(`openPath ${input.path}`)),
        openDroppedFile: fromPromise(({ input }) => next<OpenedFileRef>(`openDroppedFile ${input.file.name}`)),
      },
      guards: { hasFilePath: () => options.hasFilePath ?? true },
      actions: {
        markSaved: (_, p) => {
          log.push(`markSaved ${p.name} ${p.path}`)
          if (!options.typedDuringSave) actor.send({ type: 'doc.reverted' })
        },
        loadDocument: (_, p) => log.push(`loadDocument ${p.name} ${p.path} ${JSON.stringify(p.text)}`),
        newDocument: () => log.push('newDocument'),
        notify: (_, p) => log.push(`notify ${p.message}`),
        reportError: (_, p) => log.push(`reportError ${p.message}`),
      },
    }),
    { input: { unsaved: options.unsaved ?? false } },
  ).start()
  const settle = async (value: unknown) => {
    pending.shift()!.settle.resolve(value)
    await flush()
  }
  const fail = async (error: unknown) => {
    pending.shift()!.settle.reject(error)
    await flush()
  }
  return { actor, log, settle, fail, mode: () => getFileMode(actor.getSnapshot()) }
}

describe('fileSessionMachine', () => {
  it('follows the document: clean ⇄ dirty on doc.edited / doc.reverted (pure transitions)', () => {
    const [initial] = initialTransition(fileSessionMachine, {})
    expect(getFileMode(initial)).toBe('clean')
    const [edited] = transition(fileSessionMachine, initial, { type: 'doc.edited' })
    expect(getFileMode(edited)).toBe('dirty')
    expect(getFileMode(transition(fileSessionMachine, edited, { type: 'doc.edited' })[0])).toBe('dirty')
    const [reverted] = transition(fileSessionMachine, edited, { type: 'doc.reverted' })
    expect(getFileMode(reverted)).toBe('clean')
    expect(getFileMode(initialTransition(fileSessionMachine, { unsaved: true })[0])).toBe('dirty')
    // A save is an invoked actor: the pure transition only says so, and a second Save while saving changes nothing.
    const [saving, actions] = transition(fileSessionMachine, edited, { type: 'file.save' })
    expect(getFileMode(saving)).toBe('saving')
    expect(actions.map((a) => a.type)).toContain('xstate.spawnChild')
    const [again, more] = transition(fileSessionMachine, saving, { type: 'file.save' })
    expect(again.value).toEqual(saving.value)
    expect(more).toEqual([])
  })

  it('save: dirty → saving → clean, marking the document saved and saying so', async () => {
    const { actor, log, settle, mode } = start()
    actor.send({ type: 'doc.edited' })
    actor.send({ type: 'file.save' })
    expect(mode()).toBe('saving')
    expect(log).toEqual(['saveFile'])
    await settle(SAVED)
    expect(mode()).toBe('clean')
    expect(log).toEqual(['saveFile', 'markSaved shop.scenario.yaml /work/shop.scenario.yaml', 'notify Saved shop.scenario.yaml.'])
    expect(actor.getSnapshot().context).toEqual({ unsaved: false, error: undefined })
  })

  it('does not save twice when Save is pressed again while saving', async () => {
    const { actor, log, settle, mode } = start()
    actor.send({ type: 'doc.edited' })
    actor.send({ type: 'file.save' })
    actor.send({ type: 'file.save' })
    actor.send({ type: 'file.saveAs' })
    actor.send({ type: 'file.open' })
    actor.send({ type: 'file.new' })
    expect(log).toEqual(['saveFile'])
    await settle(SAVED)
    expect(mode()).toBe('clean')
    expect(log.filter((l) => l === 'saveFile')).toHaveLength(1)
    expect(log).not.toContain('newDocument')
  })

  it('a failed save goes back to dirty with the error in context, reported once', async () => {
    const { actor, log, fail, mode } = start()
    actor.send({ type: 'doc.edited' })
    actor.send({ type: 'file.save' })
    await fail(new Error('Could not save shop.scenario.yaml: the disk is full.'))
    expect(mode()).toBe('dirty')
    expect(actor.getSnapshot().context.error).toBe('Could not save shop.scenario.yaml: the disk is full.')
    expect(log).toEqual(['saveFile', 'reportError Could not save shop.scenario.yaml: the disk is full.'])
    // The next attempt clears the error.
    actor.send({ type: 'file.save' })
    expect(actor.getSnapshot().context.error).toBeUndefined()
  })

  it('save without a file goes through Save as; a cancelled dialog returns to dirty silently', async () => {
    const { actor, log, settle, mode } = start({ hasFilePath: false, unsaved: true })
    expect(mode()).toBe('dirty')
    actor.send({ type: 'file.save' })
    expect(mode()).toBe('saving')
    expect(log).toEqual(['saveFileAs'])
    await settle(null)
    expect(mode()).toBe('dirty')
    expect(actor.getSnapshot().context.error).toBeUndefined()
    expect(log).toEqual(['saveFileAs'])
    actor.send({ type: 'file.saveAs' })
    await settle(SAVED)
    expect(mode()).toBe('clean')
    expect(log).toEqual(['saveFileAs', 'saveFileAs', 'markSaved shop.scenario.yaml /work/shop.scenario.yaml', 'notify Saved shop.scenario.yaml.'])
  })

  it('edits made while saving are remembered when the save does not go through', async () => {
    const { actor, settle, mode } = start({ hasFilePath: false })
    expect(mode()).toBe('clean')
    actor.send({ type: 'file.saveAs' })
    actor.send({ type: 'doc.edited' })
    expect(mode()).toBe('saving')
    await settle(null)
    expect(mode()).toBe('dirty')
  })

  it('edits typed while the file is written stay unsaved after the save', async () => {
    const { actor, log, settle, mode } = start({ typedDuringSave: true })
    actor.send({ type: 'doc.edited' })
    actor.send({ type: 'file.save' })
    actor.send({ type: 'doc.edited' })
    await settle(SAVED)
    expect(log).toEqual(['saveFile', 'markSaved shop.scenario.yaml /work/shop.scenario.yaml', 'notify Saved shop.scenario.yaml.'])
    expect(mode()).toBe('dirty')
  })

  it('opens from the dialog, a path or a dropped file, saying so; cancel and failure keep the document', async () => {
    const { actor, log, settle, fail, mode } = start()
    actor.send({ type: 'doc.edited' })
    actor.send({ type: 'file.open' })
    expect(mode()).toBe('opening')
    actor.send({ type: 'file.open' })
    await settle(null)
    expect(mode()).toBe('dirty')
    expect(log).toEqual(['openFile'])

    actor.send({ type: 'file.open' })
    await settle(OPENED)
    expect(mode()).toBe('clean')
    expect(log.slice(1)).toEqual(['openFile', 'loadDocument bookinfo.scenario.yaml /work/bookinfo.scenario.yaml "name: bookinfo\\n"', 'notify Opened bookinfo.scenario.yaml.'])

    log.length = 0
    actor.send({ type: 'file.openPath', path: '/work/bookinfo.scenario.yaml' })
    await settle(OPENED)
    actor.send({ type: 'file.openDropped', file: new File(['name: x\n'], 'dropped.scenario.yaml') })
    await fail(new Error('dropped.scenario.yaml is not a scenario.'))
    expect(mode()).toBe('clean')
    expect(actor.getSnapshot().context.error).toBe('dropped.scenario.yaml is not a scenario.')
    expect(log).toEqual([
      'openPath /work/bookinfo.scenario.yaml',
      'loadDocument bookinfo.scenario.yaml /work/bookinfo.scenario.yaml "name: bookinfo\\n"',
      'notify Opened bookinfo.scenario.yaml.',
      'openDroppedFile dropped.scenario.yaml',
      'reportError dropped.scenario.yaml is not a scenario.',
    ])
  })

  it('file.new replaces the document and is clean', () => {
    const { actor, log, mode } = start({ unsaved: true })
    actor.send({ type: 'file.new' })
    expect(mode()).toBe('clean')
    expect(log).toEqual(['newDocument'])
  })
})
