/**
 * The preload bridge: builds `DesktopApi` (electron/contract.ts) from one `ipcRenderer.invoke`
 * per method and exposes it as the one global `window.desktop`. No logic lives here: main
 * validates every argument, and listeners are wrapped so the renderer never sees the IPC
 * event (whose `sender` would hand it the raw IPC object).
 * Built as CommonJS (dist/electron/preload.cjs): a sandboxed preload cannot be an ES module.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import type { IpcRendererEvent } from 'electron'
import { Channel, EventChannel } from '../contract'
import type { DesktopApi, EventPayloads, HostInfo, PushChannel } from '../contract'

/** Replaced at build time with package.json's version (vite.electron.config.ts). */
declare const __MESHSIM_VERSION__: string

//#region events
function subscribe<C extends PushChannel>(channel: C, listener: (payload: EventPayloads[C]) => void): () => void {
  const wrapped = (_event: IpcRendererEvent, payload: EventPayloads[C]): void => listener(payload)
  ipcRenderer.on(channel, wrapped)
  return () => {
    ipcRenderer.removeListener(channel, wrapped)
  }
}
//#endregion

const os: HostInfo['os'] = process.platform === 'darwin' || process.platform === 'win32' ? process.platform : 'linux'

//#region api
const desktop: DesktopApi = {
  host: Object.freeze({ kind: 'desktop', appVersion: __MESHSIM_VERSION__, os }),
  getAppVersion: () => ipcRenderer.invoke(Channel.appGetVersion),
  openScenario: () => ipcRenderer.invoke(Channel.scenarioOpen),
  openPath: (path) => ipcRenderer.invoke(Channel.scenarioOpenPath, path),
  // The path comes from a real dropped File: the renderer cannot forge one for a file it never had.
  openDroppedFile: (file) => ipcRenderer.invoke(Channel.scenarioOpenDropped, webUtils.getPathForFile(file)),
  saveScenario: (request) => ipcRenderer.invoke(Channel.scenarioSave, request),
  saveScenarioAs: (request) => ipcRenderer.invoke(Channel.scenarioSaveAs, request),
  listRecent: () => ipcRenderer.invoke(Channel.recentList),
  writeExport: (request) => ipcRenderer.invoke(Channel.exportWrite, request),
  revealInFolder: (path) => ipcRenderer.invoke(Channel.folderReveal, path),
  setDocumentStatus: (status) => ipcRenderer.invoke(Channel.documentSetStatus, status),
  writeAutosave: (draft) => ipcRenderer.invoke(Channel.autosaveWrite, draft),
  restoreAutosave: () => ipcRenderer.invoke(Channel.autosaveRestore),
  clearAutosave: (key) => ipcRenderer.invoke(Channel.autosaveClear, key),
  resolveExternalChange: (resolution) => ipcRenderer.invoke(Channel.changeResolve, resolution),
  takeLaunchFiles: () => ipcRenderer.invoke(Channel.launchTakeFiles),
  onMenu: (listener) => subscribe(EventChannel.menuCommand, listener),
  onExternalChange: (listener) => subscribe(EventChannel.changeDetect, listener),
}
//#endregion

contextBridge.exposeInMainWorld('desktop', Object.freeze(desktop))
