/**
 * The moment the pointer is over on any chart of the dashboard, shared so every chart draws
 * its crosshair and exact values at the same time. A tiny vanilla store, written on pointer
 * moves and read imperatively by the chart controllers.
 */
import { createStore } from 'zustand'

export interface HoverState {
  /** Seconds, or undefined when the pointer is off the charts. */
  readonly t: number | undefined
  readonly setT: (t: number | undefined) => void
}

export function createHoverStore() {
  return createStore<HoverState>()((set) => ({ t: undefined, setT: (t) => set({ t }) }))
}

export type HoverStore = ReturnType<typeof createHoverStore>
