/** Every CLI command, in the order `meshsim --help` lists them. A list only: no logic. */
import type { Command } from '../command'
import { exportCommand } from './export'
import { importCommand } from './import'
import { runCommand } from './run'
import { validateCommand } from './validate'

export const commands: readonly Command[] = [validateCommand, exportCommand, importCommand, runCommand]
