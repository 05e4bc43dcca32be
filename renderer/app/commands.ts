/**
 * Commands: everything a shortcut, a toolbar button or a menu item can do, by id, with the
 * label the help overlay and the buttons show. Each command is a one-liner over the store,
 * the actors, the React Flow instance or the file commands — no logic of its own.
 */
import type { ActorRefFrom } from 'xstate'
import type { connectToolMachine } from '../machines/connectToolMachine'
import { getRunPhase } from '../machines/runMachine'
import type { runMachine } from '../machines/runMachine'
import type { Point } from '../state/edits/services'
import { getSelectedServices } from '../state/selection'
import { selectFlowGraph, serviceNodeId } from '../state/selectors'
import { GRID_PX } from '../state/slices/viewSlice'
import type { TopologyStore } from '../state/topologyStore'

export const commandLabels = {
  'service.add': 'Add a service',
  'traffic.add': 'Add a traffic source into the selected service',
  'version.add': 'Add a version to the selected service',
  'connect.start': 'Connect the selected node to another (then Enter on the target)',
  'selection.delete': 'Delete the selection',
  'selection.all': 'Select every node',
  'selection.clear': 'Cancel / clear the selection',
  'selection.nudgeLeft': 'Move the selected services left (Shift: further)',
  'selection.nudgeRight': 'Move the selected services right',
  'selection.nudgeUp': 'Move the selected services up',
  'selection.nudgeDown': 'Move the selected services down',
  'canvas.layout': 'Auto-layout (layered, left to right)',
  'canvas.fit': 'Zoom to fit',
  'canvas.zoomIn': 'Zoom in',
  'canvas.zoomOut': 'Zoom out',
  'canvas.snap': 'Snap to grid on / off',
  'canvas.minimap': 'Minimap on / off',
  'view.yaml': 'YAML editor on / off',
  'view.help': 'Keyboard shortcuts',
  'edit.undo': 'Undo',
  'edit.redo': 'Redo',
  'edit.copy': 'Copy the selected services',
  'edit.cut': 'Cut the selected services',
  'edit.paste': 'Paste',
  'edit.duplicate': 'Duplicate the selected services',
  'run.toggle': 'Run / pause / resume',
  'run.pauseResume': 'Pause / resume the run',
  'run.step': 'Step one simulated second (paused)',
  'run.stop': 'Stop the run',
  'file.save': 'Save',
  'file.saveAs': 'Save as…',
  'file.open': 'Open…',
  'file.export': 'Export configs…',
} as const

export type CommandId = keyof typeof commandLabels

/** The canvas operations a command needs (React Flow's instance, seen narrowly). */
export interface CanvasView {
  readonly fitView: () => void
  readonly zoomIn: () => void
  readonly zoomOut: () => void
  /** The flow coordinates at the middle of the visible canvas. */
  readonly getCenter: () => Point
}

/** File operations (open, save, export), provided by the file session. */
export interface FileCommands {
  readonly open: () => void
  readonly save: () => void
  readonly saveAs: () => void
}

export interface CommandContext {
  readonly store: TopologyStore
  readonly run: ActorRefFrom<typeof runMachine>
  readonly connect: ActorRefFrom<typeof connectToolMachine>
  readonly canvas: CanvasView
  readonly files: FileCommands
}

/** Below the centre, the first spot no service's top-left corner is near (so N, N, N do not stack). */
function computeFreeSpot(state: ReturnType<TopologyStore['getState']>, at: Point): Point {
  const taken = selectFlowGraph(state).nodes.map((n) => n.position)
  let spot = at
  for (let i = 0; i < 50 && taken.some((p) => Math.abs(p.x - spot.x) < 120 && Math.abs(p.y - spot.y) < 80); i++) spot = { x: spot.x, y: spot.y + 100 }
  return spot
}

/** Every command, bound to `ctx`. Commands are cheap closures; build them once per context. */
export function createCommands(ctx: CommandContext, nudgeFar = false): Record<CommandId, () => void> {
  const s = () => ctx.store.getState()
  const single = () => {
    const nodes = s().selection.nodes
    return nodes.length === 1 ? nodes[0] : undefined
  }
  const selectedService = () => {
    const names = getSelectedServices(s().selection)
    if (names.length !== 1) s().setNotice('Select one service first.')
    return names.length === 1 ? names[0] : undefined
  }
  const nudge = (dx: number, dy: number) => () => {
    const step = nudgeFar ? GRID_PX * 5 : GRID_PX
    const moves = new Map<string, Point>()
    const nodes = selectFlowGraph(s()).nodes
    for (const name of getSelectedServices(s().selection)) {
      const at = nodes.find((n) => n.id === serviceNodeId(name))?.position
      if (at) moves.set(name, { x: at.x + dx * step, y: at.y + dy * step })
    }
    if (moves.size) s().moveServices(moves)
  }
  const phase = () => getRunPhase(ctx.run.getSnapshot())
  const snapped = (p: Point): Point => ({ x: Math.round(p.x / GRID_PX) * GRID_PX, y: Math.round(p.y / GRID_PX) * GRID_PX })
  return {
    'service.add': () => void s().addService(computeFreeSpot(s(), snapped(ctx.canvas.getCenter()))),
    'traffic.add': () => {
      const name = selectedService()
      if (name) s().addTrafficSource(name)
    },
    'version.add': () => {
      const name = selectedService()
      if (name) s().addVersion(name)
    },
    'connect.start': () => {
      const from = single()
      if (!from) return s().setNotice('Select the node to connect from first.')
      ctx.connect.send({ type: 'connect.start', from })
      s().setNotice('Connect: click the target, or Tab to it and press Enter. Escape cancels.')
    },
    'selection.delete': () => void s().removeSelection(),
    'selection.all': () => s().selectAll(),
    'selection.clear': () => {
      if (ctx.connect.getSnapshot().value === 'picking') {
        ctx.connect.send({ type: 'connect.cancel' })
        return s().setNotice('Connect cancelled.')
      }
      if (s().view.helpOpen) return s().setHelpOpen(false)
      s().clearSelection()
    },
    'selection.nudgeLeft': nudge(-1, 0),
    'selection.nudgeRight': nudge(1, 0),
    'selection.nudgeUp': nudge(0, -1),
    'selection.nudgeDown': nudge(0, 1),
    'canvas.layout': () => {
      if (s().layoutServices()) requestAnimationFrame(() => ctx.canvas.fitView())
    },
    'canvas.fit': () => ctx.canvas.fitView(),
    'canvas.zoomIn': () => ctx.canvas.zoomIn(),
    'canvas.zoomOut': () => ctx.canvas.zoomOut(),
    'canvas.snap': () => s().toggleSnapToGrid(),
    'canvas.minimap': () => s().toggleMinimap(),
    'view.yaml': () => s().setYamlOpen(!s().view.yamlOpen),
    'view.help': () => s().setHelpOpen(!s().view.helpOpen),
    'edit.undo': () => s().undo(),
    'edit.redo': () => s().redo(),
    'edit.copy': () => void s().copySelection(),
    'edit.cut': () => void s().cutSelection(),
    'edit.paste': () => void s().paste(),
    'edit.duplicate': () => {
      if (s().copySelection() > 0) s().paste()
    },
    'run.toggle': () => {
      const p = phase()
      if (p === 'running') ctx.run.send({ type: 'run.pause' })
      else if (p === 'paused') ctx.run.send({ type: 'run.resume' })
      else if (p !== 'compiling') ctx.run.send({ type: 'run.start' })
    },
    'run.pauseResume': () => {
      const p = phase()
      if (p === 'running') ctx.run.send({ type: 'run.pause' })
      else if (p === 'paused') ctx.run.send({ type: 'run.resume' })
    },
    'run.step': () => ctx.run.send({ type: 'run.step' }),
    'run.stop': () => ctx.run.send({ type: 'run.stop' }),
    'file.save': () => ctx.files.save(),
    'file.saveAs': () => ctx.files.saveAs(),
    'file.open': () => ctx.files.open(),
    'file.export': () => s().setExportOpen(true),
  }
}
