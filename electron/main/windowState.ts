/**
 * The main window's size, position and maximised state, remembered across launches in
 * `<userData>/window-state.json`. A saved position is used only if the window would still
 * be reachable (its top strip on some display), since monitors come and go between runs.
 */
import { z } from 'zod'
import { writeAtomic } from './atomicWrite'
import type { FileSystem } from './atomicWrite'

/** A rectangle in screen pixels (a display work area or window bounds). */
export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** The window's remembered bounds and maximised state. */
export interface WindowState {
  /** Absent: let the OS centre the window. */
  readonly x?: number
  readonly y?: number
  readonly width: number
  readonly height: number
  readonly isMaximized: boolean
}

/** The first-run size; the OS centres the window. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, isMaximized: false }
/** Below this the canvas and panels no longer fit. */
export const MIN_WINDOW_SIZE = { width: 800, height: 500 } as const
/** How much of the window's top must be on a display to be able to grab it. */
const GRAB_STRIP = { width: 100, height: 30 } as const

const savedSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  isMaximized: z.boolean(),
})

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/** Makes a saved state safe for the displays there are now (`workAreas`); defaults when unusable. */
export function fitWindowState(saved: unknown, workAreas: readonly Rect[]): WindowState {
  const parsed = savedSchema.safeParse(saved)
  if (!parsed.success) return DEFAULT_WINDOW_STATE
  const unbounded: Rect = { x: 0, y: 0, width: Infinity, height: Infinity }
  const largest = workAreas.length ? workAreas.reduce((a, b) => (a.width * a.height >= b.width * b.height ? a : b)) : unbounded
  const width = Math.min(Math.max(parsed.data.width, MIN_WINDOW_SIZE.width), largest.width)
  const height = Math.min(Math.max(parsed.data.height, MIN_WINDOW_SIZE.height), largest.height)
  const { x, y, isMaximized } = parsed.data
  if (x === undefined || y === undefined) return { width, height, isMaximized }
  const strip = { x: x + (width - GRAB_STRIP.width) / 2, y, width: GRAB_STRIP.width, height: GRAB_STRIP.height }
  const reachable = workAreas.some((area) => overlaps(strip, area))
  return reachable ? { x, y, width, height, isMaximized } : { width, height, isMaximized }
}

/** Reads the saved state; anything unreadable gives the default. */
export async function loadWindowState(fs: FileSystem, file: string, workAreas: readonly Rect[]): Promise<WindowState> {
  try {
    return fitWindowState(JSON.parse(new TextDecoder().decode(await fs.readFile(file))), workAreas)
  } catch {
    return fitWindowState(undefined, workAreas)
  }
}

/** The part of `BrowserWindow` tracked. */
export interface TrackedWindow {
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown
  getNormalBounds(): Rect
  isMaximized(): boolean
  isDestroyed(): boolean
}

/** The state to save: the normal (unmaximised) bounds, so restoring from maximised lands somewhere sensible. */
export function captureWindowState(win: TrackedWindow): WindowState {
  const b = win.getNormalBounds()
  return { x: b.x, y: b.y, width: b.width, height: b.height, isMaximized: win.isMaximized() }
}

/** Saves the window's state after it settles from a move or resize, and when it closes. */
export function trackWindowState(win: TrackedWindow, fs: FileSystem, file: string, settleMs = 500): void {
  let timer: ReturnType<typeof setTimeout> | undefined
  const save = (): void => {
    if (win.isDestroyed()) return
    void writeAtomic(fs, file, JSON.stringify(captureWindowState(win))).catch(() => {})
  }
  const later = (): void => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(save, settleMs)
  }
  win.on('resize', later)
  win.on('move', later)
  win.on('close', () => {
    if (timer) clearTimeout(timer)
    save()
  })
}
