/** The shape of a CLI command: plain data plus a run function returning the exit code. */
import type { ParseArgsConfig } from 'node:util'
import type { Io } from './io'

export interface ParsedArgs {
  readonly positionals: readonly string[]
  readonly values: Readonly<Record<string, string | boolean | readonly (string | boolean)[] | undefined>>
}

export interface Command {
  readonly name: string
  readonly summary: string
  readonly usage: string
  readonly help: string
  readonly options: NonNullable<ParseArgsConfig['options']>
  run(args: ParsedArgs, io: Io): number | Promise<number>
}
