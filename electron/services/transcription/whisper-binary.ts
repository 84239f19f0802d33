// Where the speech engine (whisper.cpp's `main`, built by scripts/build-engine.mjs) is, by one rule:
//   1. packaged: <resources>/engine/<platform>-<arch>/whisper-cli[.exe] (electron-builder's extraResources);
//   2. REHEARSE_WHISPER_BIN, when set (and then only it: a typo is reported, not papered over);
//   3. the developer build: <repo>/build/engine/<platform>-<arch>/whisper-cli[.exe].
// Beside whisper-cli a portable x64 build has whisper-cli-baseline, for CPUs without AVX2 (see
// baselineEngineFor). The rule is pure over its inputs, so it is tested for every platform on any one.
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What to tell a developer whose checkout has no engine (a packaged app always ships one). */
export const ENGINE_MISSING_MESSAGE =
  'the speech engine is not built: run `npm run build:engine` (needs CMake and a C/C++ compiler), or set REHEARSE_WHISPER_BIN';

export type EngineSource = 'packaged' | 'env' | 'dev';

export interface EngineLookup {
  platform: NodeJS.Platform;
  arch: string;
  env: NodeJS.ProcessEnv;
  /** Electron's process.resourcesPath in a packaged app; undefined in development, the CLI and the browser host. */
  resourcesPath?: string;
  /** The source checkout holding build/engine, or null when there is none (a packaged app). */
  devRoot: string | null;
  /** Defaults to a real executable-file check; the tests pass a set of paths instead. */
  isExecutable?: (file: string) => boolean;
  /** path.win32 for a Windows lookup; defaults to the one matching `platform`. */
  pathApi?: path.PlatformPath;
}

export interface EngineLocation {
  file: string;
  source: EngineSource;
}

/** `<platform>-<arch>`: the folder name for one target's engine, in build/engine and in the packaged resources. */
export function engineTarget(platform: string, arch: string): string {
  return `${platform}-${arch}`;
}

export function engineFileName(platform: string, variant: 'primary' | 'baseline' = 'primary'): string {
  const base = variant === 'primary' ? 'whisper-cli' : 'whisper-cli-baseline';
  return platform === 'win32' ? `${base}.exe` : base;
}

export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    // Windows has no execute bit: X_OK there only says the file exists.
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The engine to spawn for this lookup, or null when there is none. */
export function locateEngine(lookup: EngineLookup): EngineLocation | null {
  const p = lookup.pathApi ?? (lookup.platform === 'win32' ? path.win32 : path.posix);
  const isExecutable = lookup.isExecutable ?? isExecutableFile;
  const target = engineTarget(lookup.platform, lookup.arch);
  const name = engineFileName(lookup.platform);
  if (lookup.resourcesPath) {
    const packaged = p.join(lookup.resourcesPath, 'engine', target, name);
    if (isExecutable(packaged)) return { file: packaged, source: 'packaged' };
  }
  const override = lookup.env.REHEARSE_WHISPER_BIN;
  if (override) {
    const file = p.resolve(override);
    return isExecutable(file) ? { file, source: 'env' } : null;
  }
  if (lookup.devRoot) {
    const dev = p.join(lookup.devRoot, 'build', 'engine', target, name);
    if (isExecutable(dev)) return { file: dev, source: 'dev' };
  }
  return null;
}

/** The x86-64-v2 build beside a whisper-cli, for CPUs that stop the AVX2 build with an illegal instruction. */
export function baselineEngineFor(binary: string, platform: NodeJS.Platform = process.platform): string | null {
  const p = platform === 'win32' ? path.win32 : path.posix;
  if (p.basename(binary) !== engineFileName(platform)) return null;
  const baseline = p.join(p.dirname(binary), engineFileName(platform, 'baseline'));
  return isExecutableFile(baseline) ? baseline : null;
}

/** The checkout this module runs from (the folder whose package.json is ours), or null inside a packaged app. */
export function findDevRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && !dir.endsWith('.asar')) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'rehearse') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** This process's engine: Electron's resources when packaged, else REHEARSE_WHISPER_BIN, else the dev build. */
export function findWhisperBinary(env: NodeJS.ProcessEnv = process.env): string | null {
  const { resourcesPath } = process as NodeJS.Process & { resourcesPath?: string };
  return locateEngine({ platform: process.platform, arch: process.arch, env, resourcesPath, devRoot: findDevRoot() })?.file ?? null;
}
