/**
 * The app's two long-lived actors, one each for the whole app (conventions §6): the run
 * lifecycle and the connect tool. Components read them with `useSelector` and send events
 * through `useActorRef`; the logic with its effects wired in is given to each Provider
 * (wireActors.ts), so a test can provide fakes instead.
 */
import { createActorContext } from '@xstate/react'
import { connectToolMachine } from '../machines/connectToolMachine'
import { runMachine } from '../machines/runMachine'

export const RunActorContext = createActorContext(runMachine)
export const ConnectActorContext = createActorContext(connectToolMachine)
