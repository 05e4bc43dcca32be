/** Runs a command by id (commands.ts), for buttons deep in the tree; provided by AppShell. */
import { createContext, useContext } from 'react'
import type { CommandId } from './commands'

export const CommandContext = createContext<((id: CommandId) => void) | null>(null)

export function useCommand(): (id: CommandId) => void {
  const run = useContext(CommandContext)
  if (!run) throw new Error('useCommand: no CommandContext provider above this component')
  return run
}
