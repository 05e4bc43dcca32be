/**
 * The preload bridge: the only thing the sandboxed renderer sees of the desktop. For now it
 * exposes a frozen `window.desktop = { appVersion }`; a later issue builds the typed
 * `DesktopApi` of electron/contract.ts here (one ipcRenderer.invoke per method).
 * Built as CommonJS (dist/electron/preload.cjs): a sandboxed preload cannot be an ES module.
 */
import { contextBridge } from 'electron'

/** Replaced at build time with package.json's version (vite.electron.config.ts). */
declare const __MESHSIM_VERSION__: string

contextBridge.exposeInMainWorld('desktop', Object.freeze({ appVersion: __MESHSIM_VERSION__ }))
