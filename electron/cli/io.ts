// What a CLI command may touch: its output streams and a cancel signal. Tests pass in-memory streams.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface CliStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
  /** Aborted on Ctrl-C: the command stops its work, cleans up and returns. */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/** Exit codes: 0 done, 1 the work failed, 2 the command line was wrong, 130 interrupted (Ctrl-C). */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Writes one error line (newlines in the message are folded, so it stays one line). */
export function errorLine(io: CliIo, prefix: string, message: string): void {
  io.stderr.write(`${prefix}: ${message.replace(/\s*[\r\n]+\s*/g, ' ').trim()}\n`);
}

/** A wrong command line: the command prints its message and its usage, and exits with EXIT.usage. */
export class UsageError extends Error {}

type CommandLine<O extends ParseArgsOptionsConfig> = { args: string[]; allowPositionals: true; strict: true; options: O };

/**
 * A command's arguments, parsed strictly (positionals allowed); a wrong command line throws one
 * UsageError line: "unknown option --x", or the first line of Node's message, followed by `hint`.
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(
  argv: string[],
  options: O,
  hint = '',
): ReturnType<typeof parseArgs<CommandLine<O>>> {
  try {
    return parseArgs<CommandLine<O>>({ args: argv, allowPositionals: true, strict: true, options });
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      throw new UsageError(`unknown option ${/'([^']+)'/.exec(message)?.[1] ?? message}${hint}`);
    throw new UsageError(`${message.split('\n')[0] ?? message}${hint}`);
  }
}

/**
 * The parsed command line, or the exit code when there is nothing more to do: a wrong command line
 * prints one error line with the synopsis (EXIT.usage), --help prints the usage (EXIT.ok).
 */
export function parseOrExit<A extends { help: boolean }>(
  argv: string[],
  io: CliIo,
  command: { name: string; synopsis: string; usage: string; parse: (argv: string[]) => A },
): A | number {
  let args: A;
  try {
    args = command.parse(argv);
  } catch (error) {
    errorLine(io, command.name, `${(error as Error).message}. Usage: ${command.synopsis}`);
    return EXIT.usage;
  }
  if (args.help) {
    io.stdout.write(command.usage);
    return EXIT.ok;
  }
  return args;
}
