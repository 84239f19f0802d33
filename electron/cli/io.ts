// What a CLI command may touch: its output streams and a cancel signal. Tests pass in-memory streams.

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
