/**
 * Every channel, end to end through the real `handle()` wrapper with fake dialogs and a
 * real temporary folder: results are always `Result`s, paths the user never chose are
 * refused, saves respect outside changes, and exports stay inside their folder.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import * as fsp from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Channel } from '../../contract'
import type { DocumentStatus, ExternalChange } from '../../contract'
import { createAccessList } from '../accessList'
import { createAutosave } from '../autosave'
import { createFileStore } from '../fileStore'
import { createIpc, isAppUrl } from '../ipc'
import { createLaunchQueue } from '../launchArgs'
import { loadRecentList } from '../recent'
import { createFakeIpcMain } from '../testFakes'
import { createWatcher } from '../watcher'
import { registerAppHandlers } from './app'
import { registerExportHandlers } from './export'
import { registerFileHandlers } from './file'
import { registerRecentHandlers } from './recent'

const APP = 'app://meshsim/index.html'
const BOOKINFO = readFileSync(resolve(import.meta.dirname, '../../../scenarios/bookinfo.scenario.yaml'), 'utf8')

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'meshsim-handlers-'))
  const ipcMain = createFakeIpcMain()
  const { handle } = createIpc(ipcMain, { isTrustedUrl: (url) => isAppUrl(url, ['app://meshsim']) })
  const fs = fsp
  const files = createFileStore(fs)
  const access = createAccessList()
  const recent = await loadRecentList({ file: join(dir, 'recent.json'), fs })
  const changes: ExternalChange[] = []
  const watcher = createWatcher({ watch: () => ({ close() {} }), hashOnDisk: files.hashOnDisk, onChange: (c) => changes.push(c) })
  const autosave = createAutosave({ dir: join(dir, 'autosave'), fs, timers: { setInterval: () => 0, clearInterval: () => {} } })
  const next = { open: null as string | null, save: null as string | null, folder: null as string | null }
  const dialogs = { chooseScenarioToOpen: async () => next.open, chooseScenarioToSave: async () => next.save }
  const revealed: string[] = []
  const statuses: DocumentStatus[] = []
  const launch = createLaunchQueue(() => {})
  registerFileHandlers(handle, { fs, files, access, recent, watcher, autosave, dialogs })
  registerExportHandlers(handle, { fs, access, chooseExportFolder: async () => next.folder })
  registerRecentHandlers(handle, { recent })
  registerAppHandlers(handle, { appVersion: '9.9.9', access, autosave, watcher, launch, showItemInFolder: (p) => revealed.push(p), showDocumentStatus: (s) => statuses.push(s) })
  const call = (channel: string, ...args: unknown[]) => ipcMain.invoke(channel, APP, ...args)
  const file = join(dir, 'bookinfo.scenario.yaml')
  writeFileSync(file, BOOKINFO)
  return { dir, file, ipcMain, call, next, changes, revealed, statuses, watcher, launch }
}

describe('IPC handlers', () => {
  it('register exactly the channels of the contract', async () => {
    const { ipcMain } = await setup()
    expect(ipcMain.channels().sort()).toEqual(Object.values(Channel).sort())
  })

  it('never throw: every channel answers garbage with a failed Result naming the argument', async () => {
    const { call } = await setup()
    for (const channel of Object.values(Channel)) {
      for (const args of [[42], [null, null, null], [{ path: '../../etc/passwd', text: 1 }]]) {
        const r = await call(channel, ...args)
        expect(r.ok, `${channel} ${JSON.stringify(args)}`).toBe(false)
        if (!r.ok) expect(r.error.code).toBe('invalid_argument')
      }
    }
  })

  it('open → save → reopen, with the previous version kept as a backup', async () => {
    const { call, next, file } = await setup()
    next.open = file
    const opened = await call(Channel.scenarioOpen)
    expect(opened).toEqual({ ok: true, value: { path: file, name: 'bookinfo.scenario.yaml', text: BOOKINFO } })
    const edited = `${BOOKINFO}# edited\n`
    expect(await call(Channel.scenarioSave, { path: file, text: edited })).toEqual({ ok: true, value: { path: file, name: 'bookinfo.scenario.yaml' } })
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(BOOKINFO)
    expect(await call(Channel.scenarioOpenPath, file)).toMatchObject({ ok: true, value: { text: edited } })
    expect(await call(Channel.recentList)).toMatchObject({ ok: true, value: [{ path: file, name: 'bookinfo.scenario.yaml' }] })
  })

  it('a cancelled dialog is a success with null', async () => {
    const { call } = await setup()
    expect(await call(Channel.scenarioOpen)).toEqual({ ok: true, value: null })
    expect(await call(Channel.scenarioSaveAs, { text: BOOKINFO, suggestedName: 'x.scenario.yaml' })).toEqual({ ok: true, value: null })
    expect(await call(Channel.exportWrite, { files: [{ path: 'a.yaml', content: 'a: 1', language: 'yaml' }], folderName: '' })).toEqual({ ok: true, value: null })
  })

  it('refuses to read, save or reveal a path the user never chose', async () => {
    const { call, file, revealed } = await setup()
    for (const r of [await call(Channel.scenarioOpenPath, file), await call(Channel.scenarioSave, { path: file, text: BOOKINFO }), await call(Channel.folderReveal, file)]) {
      expect(r).toMatchObject({ ok: false, error: { code: 'not_permitted' } })
    }
    expect(readFileSync(file, 'utf8')).toBe(BOOKINFO)
    expect(revealed).toEqual([])
  })

  it('a dropped file is opened (the preload took its path from a real File), and refused if not a scenario', async () => {
    const { call, file, dir } = await setup()
    expect(await call(Channel.scenarioOpenDropped, file)).toMatchObject({ ok: true })
    writeFileSync(join(dir, 'photo.yaml'), new Uint8Array([1, 0, 2]))
    expect(await call(Channel.scenarioOpenDropped, join(dir, 'photo.yaml'))).toMatchObject({ ok: false, error: { code: 'not_a_scenario' } })
    expect(await call(Channel.scenarioOpenDropped, '')).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringContaining('argument "path"') } })
  })

  it('saving non-scenario text is refused and the file is untouched', async () => {
    const { call, next, file } = await setup()
    next.open = file
    await call(Channel.scenarioOpen)
    const r = await call(Channel.scenarioSave, { path: file, text: 'kind: Deployment\n' })
    expect(r).toMatchObject({ ok: false, error: { code: 'not_a_scenario' } })
    expect(readFileSync(file, 'utf8')).toBe(BOOKINFO)
    expect(existsSync(`${file}.bak`)).toBe(false)
  })

  it('will not overwrite an outside change until the user chooses; "reload" returns the disk version', async () => {
    const { call, next, file } = await setup()
    next.open = file
    await call(Channel.scenarioOpen)
    const theirs = `${BOOKINFO}# theirs\n`
    writeFileSync(file, theirs)
    expect(await call(Channel.scenarioSave, { path: file, text: `${BOOKINFO}# mine\n` })).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(readFileSync(file, 'utf8')).toBe(theirs)
    expect(await call(Channel.changeResolve, { path: file, choice: 'reload' })).toMatchObject({ ok: true, value: { text: theirs } })
    expect(await call(Channel.scenarioSave, { path: file, text: `${theirs}# and mine\n` })).toMatchObject({ ok: true })
  })

  it('"keep mine" lets the next save overwrite, keeping theirs as the backup', async () => {
    const { call, next, file } = await setup()
    next.open = file
    await call(Channel.scenarioOpen)
    writeFileSync(file, `${BOOKINFO}# theirs\n`)
    expect(await call(Channel.changeResolve, { path: file, choice: 'keep_mine' })).toEqual({ ok: true, value: null })
    expect(await call(Channel.scenarioSave, { path: file, text: `${BOOKINFO}# mine\n` })).toMatchObject({ ok: true })
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(`${BOOKINFO}# theirs\n`)
  })

  it('save as writes where the user chose and clears that document\'s autosave', async () => {
    const { call, next, dir } = await setup()
    const target = join(dir, 'copy.scenario.yaml')
    next.save = target
    expect(await call(Channel.autosaveWrite, { key: target, path: target, name: 'copy', text: BOOKINFO, editedAt: 'now' })).toEqual({ ok: true, value: null })
    expect(await call(Channel.scenarioSaveAs, { text: BOOKINFO, suggestedName: 'copy.scenario.yaml' })).toEqual({ ok: true, value: { path: target, name: 'copy.scenario.yaml' } })
    expect(readFileSync(target, 'utf8')).toBe(BOOKINFO)
    expect(await call(Channel.autosaveRestore)).toEqual({ ok: true, value: [] })
  })

  it('exports into the chosen folder, creating sub-folders, and refuses paths that climb out', async () => {
    const { call, next, dir, revealed } = await setup()
    next.folder = dir
    const files = [
      { path: 'istio/virtual-service.yaml', content: 'kind: VirtualService\n', language: 'yaml' },
      { path: 'README.json', content: '{}', language: 'json' },
    ]
    const r = await call(Channel.exportWrite, { files, folderName: 'bookinfo-istio' })
    expect(r).toEqual({ ok: true, value: { folder: join(dir, 'bookinfo-istio'), files: ['istio/virtual-service.yaml', 'README.json'] } })
    expect(readFileSync(join(dir, 'bookinfo-istio/istio/virtual-service.yaml'), 'utf8')).toBe('kind: VirtualService\n')
    expect(await call(Channel.folderReveal, join(dir, 'bookinfo-istio'))).toEqual({ ok: true, value: null })
    expect(revealed).toEqual([join(dir, 'bookinfo-istio')])
    for (const path of ['../escape.yaml', '/etc/passwd', 'a/../../b.yaml', 'C:\\x.yaml', 'a//b.yaml']) {
      const bad = await call(Channel.exportWrite, { files: [{ path, content: '', language: 'yaml' }], folderName: '' })
      expect(bad, path).toMatchObject({ ok: false, error: { code: 'invalid_argument', message: expect.stringContaining('argument "request.files.0.path"') } })
    }
    expect(await call(Channel.exportWrite, { files, folderName: '..' })).toMatchObject({ ok: false, error: { code: 'invalid_argument' } })
  })

  it('app channels: version, document status, launch files', async () => {
    const { call, statuses, launch, file } = await setup()
    expect(await call(Channel.appGetVersion)).toEqual({ ok: true, value: '9.9.9' })
    expect(await call(Channel.documentSetStatus, { path: null, name: 'Untitled', dirty: true })).toEqual({ ok: true, value: null })
    expect(statuses).toEqual([{ path: null, name: 'Untitled', dirty: true }])
    launch.push(file)
    expect(await call(Channel.launchTakeFiles)).toEqual({ ok: true, value: [file] })
    expect(await call(Channel.launchTakeFiles)).toEqual({ ok: true, value: [] })
  })
})
