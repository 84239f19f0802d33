// Shared by the tests that run the real engine: where the test models and audio are, building the
// engine once (scripts/build-engine.mjs is safe to run from parallel test files), and small helpers.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWhisperBinary } from './whisper-binary';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const TINY_MODEL = '/work/shared/models/for-tests-ggml-tiny.en.bin';
export const BASE_MODEL = '/work/shared/models/for-tests-ggml-base.en.bin';
export const JFK_WAV = '/work/shared/audio/jfk.wav';

const runs = (command: string) => {
  const result = spawnSync(command, ['--version'], { stdio: 'ignore' });
  return !result.error && result.status === 0;
};

/**
 * Why the engine tests cannot run here, or null when they can. The only accepted reason is a machine
 * without CMake or a C/C++ compiler (the engine is then not built and cannot be); everything else runs.
 */
export function engineSkipReason(): string | null {
  if (findWhisperBinary()) return null;
  const missing = [!runs('cmake') && 'cmake', !runs(process.env.CC ?? 'cc') && 'cc', !runs(process.env.CXX ?? 'c++') && 'c++'].filter(
    Boolean,
  );
  if (missing.length === 0) return null;
  return `whisper.cpp is not built and cannot be: no ${missing.join(', ')} on this machine (install cmake and build-essential, then run npm run build:engine)`;
}

/** Builds the engine when it is not built yet (about 45 s on 2 cores) and returns its path. Throws when the build fails. */
export function ensureEngineBuilt(): string {
  const existing = findWhisperBinary();
  if (existing) return existing;
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-engine.mjs')], { cwd: REPO_ROOT, encoding: 'utf8' });
  const binary = findWhisperBinary();
  if (result.status !== 0 || !binary) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-20).join('\n');
    throw new Error(`building whisper.cpp failed (exit ${result.status}):\n${output}`);
  }
  return binary;
}

export function sox(args: string[]): void {
  const result = spawnSync('sox', args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new Error(`sox ${args.join(' ')} failed: ${result.error?.message ?? result.stderr}`);
}

/** jfk.wav repeated `times` times (11 s each), as 16 kHz mono 16-bit. */
export function jfkRepeated(times: number, outPath: string): string {
  sox([...Array.from({ length: times }, () => JFK_WAV), outPath]);
  return outPath;
}

/** Whether a process id is still in use (a reaped child is gone; a zombie would still count). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: the pids of this process's children whose command is `main` (the engine). Empty elsewhere. */
export function engineChildren(): number[] {
  if (!existsSync('/proc/self/stat')) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces, so split after the last ')'.
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid && comm === 'main') pids.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return pids;
}
