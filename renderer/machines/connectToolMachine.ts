/**
 * The connect tool: pick a node to start from, then a node to connect it to. The same
 * machine serves a handle dragged onto another node (React Flow's onConnectStart / onConnect)
 * and the keyboard (C on a selected node, then Enter on the target, Escape to cancel).
 *
 * Effects are named and supplied by the app with `.provide()`: `connectNodes` makes the
 * edge (a call, or a traffic source retargeted), `reportRefusal` says why not; the guard
 * `canConnect` decides. The machine knows node ids only, never the document.
 */
import { assign, setup } from 'xstate'

export interface ConnectToolContext {
  /** The node the connection starts from, while picking. */
  readonly from: string | undefined
}

export type ConnectToolEvent =
  | { readonly type: 'connect.start'; readonly from: string }
  | { readonly type: 'connect.complete'; readonly to: string }
  | { readonly type: 'connect.cancel' }

/** The pair of node ids an effect or guard receives. */
export interface ConnectEnds {
  readonly from: string
  readonly to: string
}

export const connectToolMachine = setup({
  types: { context: {} as ConnectToolContext, events: {} as ConnectToolEvent },
  actions: {
    connectNodes: (_, _params: ConnectEnds) => {},
    reportRefusal: (_, _params: ConnectEnds) => {},
    forget: assign({ from: undefined }),
  },
  guards: {
    canConnect: (_, _params: ConnectEnds) => true,
  },
}).createMachine({
  id: 'connectTool',
  initial: 'idle',
  context: { from: undefined },
  states: {
    idle: {
      on: { 'connect.start': { target: 'picking', actions: assign({ from: ({ event }) => event.from }) } },
    },
    picking: {
      on: {
        'connect.start': { actions: assign({ from: ({ event }) => event.from }) },
        'connect.complete': [
          {
            guard: { type: 'canConnect', params: ({ context, event }) => ({ from: context.from!, to: event.to }) },
            target: 'idle',
            actions: [{ type: 'connectNodes', params: ({ context, event }) => ({ from: context.from!, to: event.to }) }, 'forget'],
          },
          {
            target: 'idle',
            actions: [{ type: 'reportRefusal', params: ({ context, event }) => ({ from: context.from!, to: event.to }) }, 'forget'],
          },
        ],
        'connect.cancel': { target: 'idle', actions: 'forget' },
      },
    },
  },
})
