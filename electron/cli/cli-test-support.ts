// The CLI tests' shared steps: run `rehearse …` with in-memory streams, and check a one-line failure.
import { expect } from 'vitest';
import type { CliIo } from './io';
import { runCli } from './run-cli';

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runInMemory(argv: string[], env?: NodeJS.ProcessEnv): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    ...(env ? { env } : {}),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** A failure: non-zero exit, nothing on stdout, exactly one line on stderr. */
export function expectOneLineFailure(result: Run, code: number, pattern: RegExp): void {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
}
