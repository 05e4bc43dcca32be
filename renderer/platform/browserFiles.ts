/**
 * File access for the web page: the File System Access API where the browser has it
 * (Chromium), which can write back to the file the user opened; elsewhere an
 * `<input type=file>` to open and a download to save.
 */
import type { OutFile } from '../../engine/index'

/** The File System Access pickers (not in TypeScript's DOM lib: Chromium only). */
interface FilePickerWindow {
  showOpenFilePicker?(options?: object): Promise<FileSystemFileHandle[]>
  showSaveFilePicker?(options?: object): Promise<FileSystemFileHandle>
  showDirectoryPicker?(options?: object): Promise<FileSystemDirectoryHandle>
}

/** A file the user picked to open; `handle` is present when the browser can write back to it. */
export interface PickedFile {
  readonly name: string
  readonly text: string
  readonly handle?: FileSystemFileHandle
}

const SCENARIO_TYPES = [
  { description: 'meshsim scenario', accept: { 'application/yaml': ['.yaml', '.yml'], 'application/json': ['.json'] } },
]

function pickers(win: Window): FilePickerWindow {
  return win as unknown as FilePickerWindow
}

/** The user closing a picker is not an error. */
function isAbort(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError'
}

/** Asks for a scenario file to open; null when the user cancels. */
export async function pickFileToOpen(win: Window): Promise<PickedFile | null> {
  const show = pickers(win).showOpenFilePicker
  if (show) {
    try {
      const [handle] = await show.call(win, { types: SCENARIO_TYPES, multiple: false })
      if (!handle) return null
      const file = await handle.getFile()
      return { name: file.name, text: await file.text(), handle }
    } catch (err) {
      if (isAbort(err)) return null
      throw err
    }
  }
  const file = await pickWithInput(win.document)
  return file ? { name: file.name, text: await file.text() } : null
}

function pickWithInput(doc: Document): Promise<File | null> {
  return new Promise((resolve) => {
    const input = doc.createElement('input')
    input.type = 'file'
    input.accept = '.yaml,.yml,.json'
    input.addEventListener('change', () => resolve(input.files?.[0] ?? null), { once: true })
    input.addEventListener('cancel', () => resolve(null), { once: true })
    input.click()
  })
}

/** Asks where to save; null when the user cancels, undefined when the browser can only download. */
export async function pickFileToSave(win: Window, suggestedName: string): Promise<FileSystemFileHandle | null | undefined> {
  const show = pickers(win).showSaveFilePicker
  if (!show) return undefined
  try {
    return await show.call(win, { suggestedName, types: SCENARIO_TYPES })
  } catch (err) {
    if (isAbort(err)) return null
    throw err
  }
}

/** Writes through a handle: the browser writes a swap file and swaps it in on close, so it is atomic. */
export async function writeToHandle(handle: FileSystemFileHandle, text: string): Promise<void> {
  const stream = await handle.createWritable()
  await stream.write(text)
  await stream.close()
}

/** Saves text as a download (the fallback when the page cannot write files). */
export function downloadText(win: Window, name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }))
  const a = win.document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  // Revoked later: revoking at once can cancel the download in some browsers.
  win.setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * Writes exported files into a folder the user picks (creating `folderName` inside it), or
 * downloads each file with its folders folded into the name. Null when the user cancels.
 */
export async function writeFilesToFolder(win: Window, files: readonly OutFile[], folderName: string): Promise<string | null> {
  const show = pickers(win).showDirectoryPicker
  if (!show) {
    for (const f of files) downloadText(win, [folderName, ...f.path.split('/')].filter(Boolean).join('_'), f.content)
    return folderName || 'Downloads'
  }
  let root: FileSystemDirectoryHandle
  try {
    root = await show.call(win, { mode: 'readwrite' })
  } catch (err) {
    if (isAbort(err)) return null
    throw err
  }
  const base = folderName ? await root.getDirectoryHandle(folderName, { create: true }) : root
  for (const f of files) {
    const parts = f.path.split('/')
    let dir = base
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true })
    await writeToHandle(await dir.getFileHandle(parts.at(-1)!, { create: true }), f.content)
  }
  return folderName ? `${root.name}/${folderName}` : root.name
}
