import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ExternalChange } from '../contract'
import { createFileStore, hashContent } from './fileStore'
import { createWatcher, watchFolder } from './watcher'
import type { WatchFolder } from './watcher'

const SCENARIO = 'formatVersion: 1\nname: demo\nmesh: istio\nduration: 10s\nservices:\n  - name: a\n    versions: [{name: v1}]\n'
const store = createFileStore(fsp)
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Waits until `predicate` holds, polling; fails after `ms`. */
async function eventually(predicate: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out')
    await sleep(10)
  }
}

function setup(watch: WatchFolder = watchFolder) {
  const dir = mkdtempSync(join(tmpdir(), 'meshsim-watch-'))
  const file = join(dir, 'demo.scenario.yaml')
  writeFileSync(file, SCENARIO)
  const changes: ExternalChange[] = []
  const watcher = createWatcher({ watch, hashOnDisk: store.hashOnDisk, onChange: (c) => changes.push(c), debounceMs: 30 })
  watcher.track(file, hashContent(SCENARIO))
  return { dir, file, changes, watcher }
}

describe('watcher (real fs.watch)', () => {
  it('notices another program changing the file, once per change', async () => {
    const { file, changes, watcher } = setup()
    writeFileSync(file, `${SCENARIO}# edited elsewhere\n`)
    await eventually(() => changes.length > 0)
    await sleep(150)
    expect(changes).toEqual([{ kind: 'modified', path: file }])
    watcher.close()
  })

  it('notices an editor-style atomic replace (rename over the file) and a deletion', async () => {
    const { dir, file, changes, watcher } = setup()
    writeFileSync(join(dir, 'tmp~'), `${SCENARIO}# vim\n`)
    renameSync(join(dir, 'tmp~'), file)
    await eventually(() => changes.length === 1)
    rmSync(file)
    await eventually(() => changes.length === 2)
    expect(changes.map((c) => c.kind)).toEqual(['modified', 'deleted'])
    watcher.close()
  })

  it('ignores our own save', async () => {
    const { file, changes, watcher } = setup()
    const text = `${SCENARIO}# saved by meshsim\n`
    const write = watcher.expectWrite(file, hashContent(text))
    expect((await store.save(file, text)).ok).toBe(true)
    write.commit()
    await sleep(300)
    expect(changes).toEqual([])
    // …and still notices the next outside change.
    writeFileSync(file, SCENARIO)
    await eventually(() => changes.length === 1)
    watcher.close()
  })

  it('"keep mine" takes the disk version as seen, so the user is not asked again', async () => {
    const { file, changes, watcher } = setup()
    writeFileSync(file, `${SCENARIO}# theirs\n`)
    await eventually(() => changes.length === 1)
    await watcher.acceptDisk(file)
    await watcher.check(file)
    expect(changes.length).toBe(1)
    expect(watcher.baselineOf(file)).toBe(hashContent(`${SCENARIO}# theirs\n`))
    watcher.close()
  })
})

describe('watcher (bookkeeping)', () => {
  function fakeWatch() {
    const open = new Map<string, number>()
    const watch: WatchFolder = (dir) => {
      open.set(dir, (open.get(dir) ?? 0) + 1)
      return { close: () => void open.set(dir, open.get(dir)! - 1) }
    }
    return { watch, open }
  }

  it('watches each folder once and stops watching paths that are not retained', async () => {
    const { watch, open } = fakeWatch()
    const { dir, file, watcher } = setup(watch)
    watcher.track(join(dir, 'other.yaml'), null)
    expect(open.get(dir)).toBe(1)
    watcher.retain([file])
    expect(watcher.baselineOf(join(dir, 'other.yaml'))).toBeUndefined()
    watcher.retain([])
    expect(open.get(dir)).toBe(0)
  })

  it('a failed save-as does not leave a watch on a file the user never had open', () => {
    const { watch, open } = fakeWatch()
    const { dir, watcher } = setup(watch)
    watcher.retain([])
    const write = watcher.expectWrite(join(dir, 'new.yaml'), 'h')
    expect(open.get(dir)).toBe(1)
    write.abort()
    expect(watcher.baselineOf(join(dir, 'new.yaml'))).toBeUndefined()
    expect(open.get(dir)).toBe(0)
  })
})
