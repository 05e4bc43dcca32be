/**
 * The view slice: how the document is shown, never what it says — snapping, the minimap,
 * open panels, the positions of nodes being dragged (committed to the model on drop), the
 * copy buffer and a one-line notice for the status bar.
 */
import type { StateCreator } from 'zustand'
import type { Service } from '../../../engine/index'
import type { Point } from '../edits/services'
import type { TopologyState } from '../topologyStore'

export interface ViewState {
  readonly snapToGrid: boolean
  readonly showMinimap: boolean
  readonly helpOpen: boolean
  readonly yamlOpen: boolean
  readonly exportOpen: boolean
  /** Node positions during a drag, by node id: shown at once, written to the model on drop. */
  readonly dragPositions: ReadonlyMap<string, Point> | undefined
  /** Services copied with Ctrl+C, pasted with Ctrl+V. */
  readonly clipboard: readonly Service[]
  /** A short message for the status bar (why an action did nothing, what just happened). */
  readonly notice: string | undefined
}

export interface ViewSlice {
  readonly view: ViewState
  readonly toggleSnapToGrid: () => void
  readonly toggleMinimap: () => void
  readonly setHelpOpen: (open: boolean) => void
  readonly setYamlOpen: (open: boolean) => void
  readonly setExportOpen: (open: boolean) => void
  readonly setDragPositions: (positions: ReadonlyMap<string, Point> | undefined) => void
  readonly setNotice: (notice: string | undefined) => void
}

/** Grid the canvas snaps to, in flow pixels. */
export const GRID_PX = 20

export const INITIAL_VIEW: ViewState = {
  snapToGrid: true, showMinimap: true, helpOpen: false, yamlOpen: true, exportOpen: false,
  dragPositions: undefined, clipboard: [], notice: undefined,
}

export const createViewSlice: StateCreator<TopologyState, [], [], ViewSlice> = (set, get) => {
  const patch = (p: Partial<ViewState>) => set({ view: { ...get().view, ...p } })
  return {
    view: INITIAL_VIEW,
    toggleSnapToGrid: () => patch({ snapToGrid: !get().view.snapToGrid }),
    toggleMinimap: () => patch({ showMinimap: !get().view.showMinimap }),
    setHelpOpen: (helpOpen) => patch({ helpOpen }),
    setYamlOpen: (yamlOpen) => patch({ yamlOpen }),
    setExportOpen: (exportOpen) => patch({ exportOpen }),
    setDragPositions: (dragPositions) => patch({ dragPositions }),
    setNotice: (notice) => {
      if (get().view.notice !== notice) patch({ notice })
    },
  }
}
