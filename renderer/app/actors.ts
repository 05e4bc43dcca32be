/**
 * The app's long-lived actors, one each for the whole app (conventions §6): the run
 * lifecycle, the connect tool and the file session. Components read them with `useSelector`
 * and send events through `useActorRef`; the logic with its effects wired in is given to
 * each Provider (wireActors.ts), so a test can provide fakes instead.
 */
import { createActorContext } from '@xstate/react'
import { connectToolMachine } from '../machines/connectToolMachine'
import { fileSessionMachine } from '../machines/fileSessionMachine'
import { runMachine } from '../machines/runMachine'

export const RunActorContext = createActorContext(runMachine)
export const ConnectActorContext = createActorContext(connectToolMachine)
export const FileSessionActorContext = createActorContext(fileSessionMachine)
