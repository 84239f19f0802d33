// The last line of defence against shipping the wrong engine: electron-builder's afterPack hook
// (checkPackedEngine in electron-builder.ts) refuses a package whose engine is not the portable
// build of its target, or is incomplete.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Arch } from 'electron-builder';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPackedEngine } from '../electron-builder';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** An unpacked app whose resources/engine/<target> holds `files` and an engine.json of `stamp`. */
function packedApp(target: string, stamp: object | null, files: string[]) {
  const appOutDir = mkdtempSync(path.join(os.tmpdir(), 'rehearse-engine-check-'));
  dirs.push(appOutDir);
  const engineDir = path.join(appOutDir, 'resources', 'engine', target);
  mkdirSync(engineDir, { recursive: true });
  if (stamp) writeFileSync(path.join(engineDir, 'engine.json'), JSON.stringify(stamp));
  for (const file of files) writeFileSync(path.join(engineDir, file), '');
  return { appOutDir, packager: { getResourcesDir: (dir: string) => path.join(dir, 'resources') } };
}

const portableWin = {
  target: 'win32-x64',
  cpu: 'portable',
  binaries: [{ file: 'whisper-cli.exe' }, { file: 'whisper-cli-baseline.exe' }],
};

describe('checkPackedEngine', () => {
  it('accepts the complete portable engine of the target', () => {
    const app = packedApp('win32-x64', portableWin, ['whisper-cli.exe', 'whisper-cli-baseline.exe']);
    expect(() => checkPackedEngine({ ...app, electronPlatformName: 'win32', arch: Arch.x64 })).not.toThrow();
  });

  it('refuses the native build, which is tuned for the machine that built it', () => {
    const app = packedApp('linux-x64', { target: 'linux-x64', cpu: 'native', binaries: [{ file: 'whisper-cli' }] }, ['whisper-cli']);
    expect(() => checkPackedEngine({ ...app, electronPlatformName: 'linux', arch: Arch.x64 })).toThrow(
      /"native" build, which must never ship: run `node scripts\/build-engine.mjs --platform linux --arch x64 --cpu portable`/,
    );
  });

  it('refuses a package without an engine, or with a binary missing', () => {
    const none = packedApp('linux-arm64', null, []);
    expect(() => checkPackedEngine({ ...none, electronPlatformName: 'linux', arch: Arch.arm64 })).toThrow(
      /no speech engine for linux-arm64/,
    );
    const half = packedApp('win32-x64', portableWin, ['whisper-cli.exe']);
    expect(() => checkPackedEngine({ ...half, electronPlatformName: 'win32', arch: Arch.x64 })).toThrow(/lacks whisper-cli-baseline.exe/);
  });

  it("refuses another target's engine", () => {
    const app = packedApp('darwin-arm64', { ...portableWin, target: 'darwin-x64', binaries: [] }, ['whisper-cli']);
    expect(() => checkPackedEngine({ ...app, electronPlatformName: 'darwin', arch: Arch.arm64 })).toThrow(/was built for darwin-x64/);
  });
});
