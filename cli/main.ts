/**
 * `meshsim` command-line entry: argv → command → exit code. Headless, for CI pipelines and
 * scripts. Every command has `--help`; errors in usage exit with code 2.
 */
import { parseArgs } from 'node:util'
import { commands } from './commands/index'
import type { Command } from './command'
import { processIo } from './io'
import type { Io } from './io'

declare const __MESHSIM_VERSION__: string
const VERSION = typeof __MESHSIM_VERSION__ === 'string' ? __MESHSIM_VERSION__ : 'dev'

function globalHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length))
  const list = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')
  return `meshsim ${VERSION}: service-mesh simulator and topology designer

Usage: meshsim <command> [options]

Commands:
${list}

Run 'meshsim <command> --help' for a command's options.
`
}

function commandHelp(c: Command): string {
  return `Usage: ${c.usage}\n\n${c.summary}\n\n${c.help}\n`
}

/** Runs the CLI with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(globalHelp())
    return name === undefined ? 2 : 0
  }
  if (name === '--version' || name === '-v') {
    io.out(`${VERSION}\n`)
    return 0
  }
  const command = commands.find((c) => c.name === name)
  if (!command) {
    io.err(`meshsim: unknown command '${name}'\n\n${globalHelp()}`)
    return 2
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(commandHelp(command))
    return 0
  }
  let parsed
  try {
    parsed = parseArgs({ args: [...rest], options: command.options, allowPositionals: true, strict: true })
  } catch (err) {
    io.err(`meshsim ${name}: ${(err as Error).message}\n\nUsage: ${command.usage}\n`)
    return 2
  }
  return command.run(parsed, io)
}
