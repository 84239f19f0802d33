// Before the package tests: packs the unpacked app for Linux and Windows x64 with electron-builder and the
// project's own configuration (electron-builder.ts), from this checkout, offline:
//   1. electron-vite build (out/);
//   2. the portable speech engines (scripts/build-engine.mjs --cpu portable: about 90 s each the first
//      time, then cached), with this checkout's own Linux engine put back afterwards if it was the native one;
//   3. for each target a stand-in for Electron's files (electronDist): electron-builder copies that folder
//      instead of downloading Electron, and reads only a few things from it: a `version` file, the licences,
//      and on Windows electron.exe's version resource, which it edits. The stand-in is not Electron and
//      cannot run: this checks what electron-builder packs, not the app starting;
//   4. electron-builder --<platform> dir, into .tmp/package-test/<platform>-<arch>/.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, TARGETS, WORK_DIR, targetName, unpackedDir, type PackTarget } from './layout';

const log = (message: string) => console.log(`[package] ${message}`);

function run(what: string, command: string, args: string[], options: SpawnSyncOptions = {}): string {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  if (result.error) throw new Error(`${what}: could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd().split('\n').slice(-40).join('\n');
    throw new Error(`${what} failed (exit code ${result.status}):\n${output}`);
  }
  return `${result.stdout ?? ''}`;
}

function nodeScript(what: string, script: string, args: string[]): void {
  run(what, process.execPath, [path.join(ROOT, script), ...args]);
}

function electronVersion(): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}

/** The flavour of an engine build in build/engine (engine.json's "cpu"), or null when there is none. */
function engineCpu(target: string): string | null {
  try {
    return (JSON.parse(readFileSync(path.join(ROOT, 'build', 'engine', target, 'engine.json'), 'utf8')) as { cpu: string }).cpu;
  } catch {
    return null;
  }
}

/** A Windows console program that exits 1, with the version resource electron-builder reads and edits. */
function standInWindowsExe(dir: string, version: string): void {
  const [major = 0, minor = 0, patch = 0] = version.split(/[.-]/).map(Number);
  const numeric = `${major},${minor},${patch},0`;
  writeFileSync(path.join(dir, 'electron.c'), 'int main(void) { return 1; }\n');
  writeFileSync(
    path.join(dir, 'electron.rc'),
    `1 VERSIONINFO
FILEVERSION ${numeric}
PRODUCTVERSION ${numeric}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "FileDescription", "Stand-in for Electron (package tests only)"
      VALUE "FileVersion", "${version}"
      VALUE "ProductName", "Electron"
      VALUE "ProductVersion", "${version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
`,
  );
  const missing = 'mingw-w64 is needed to make the Windows stand-in (Debian: apt-get install g++-mingw-w64-x86-64-posix)';
  const tool = (name: string) => (spawnSync(name, ['--version'], { stdio: 'ignore' }).status === 0 ? name : null);
  const windres = tool('x86_64-w64-mingw32-windres');
  const gcc = tool('x86_64-w64-mingw32-gcc-posix') ?? tool('x86_64-w64-mingw32-gcc');
  if (!windres || !gcc) throw new Error(missing);
  run('windres (stand-in electron.exe)', windres, ['electron.rc', '-O', 'coff', '-o', 'electron.res'], { cwd: dir });
  run('mingw gcc (stand-in electron.exe)', gcc, ['-Os', '-s', 'electron.c', 'electron.res', '-o', path.join('dist', 'electron.exe')], {
    cwd: dir,
  });
}

/** The stand-in Electron folder for a target (see the top of this file). */
function makeStandIn(target: PackTarget): string {
  const dir = path.join(WORK_DIR, 'electron-stand-in', targetName(target));
  const dist = path.join(dir, 'dist');
  rmSync(dir, { recursive: true, force: true });
  for (const sub of ['resources', 'locales']) mkdirSync(path.join(dist, sub), { recursive: true });
  const version = electronVersion();
  writeFileSync(path.join(dist, 'version'), version);
  copyFileSync(path.join(ROOT, 'node_modules', 'electron', 'LICENSE'), path.join(dist, 'LICENSE'));
  writeFileSync(path.join(dist, 'LICENSES.chromium.html'), '<!doctype html><title>Stand-in</title>\n');
  if (target.platform === 'win32') {
    standInWindowsExe(dir, version);
  } else {
    const exe = path.join(dist, 'electron');
    writeFileSync(exe, '#!/bin/sh\necho "a stand-in for Electron, made by the package tests; it cannot run the app" >&2\nexit 1\n');
    chmodSync(exe, 0o755);
  }
  return dist;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function folderSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((total, entry) => total + statSync(path.join(entry.parentPath, entry.name)).size, 0);
}

export default function setup(): void {
  const started = Date.now();
  const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  mkdirSync(WORK_DIR, { recursive: true });

  log('electron-vite build');
  run('electron-vite build', process.execPath, [path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);

  const hostTarget = `${process.platform}-${process.arch}`;
  const hostEngineBefore = engineCpu(hostTarget);
  try {
    for (const target of TARGETS) {
      log(`portable speech engine for ${targetName(target)} (${seconds()})`);
      nodeScript(`building the engine for ${targetName(target)}`, 'scripts/build-engine.mjs', [
        '--platform',
        target.platform,
        '--arch',
        target.arch,
        '--cpu',
        'portable',
      ]);
    }
    for (const target of TARGETS) {
      const electronDist = makeStandIn(target);
      const output = path.join(WORK_DIR, targetName(target));
      rmSync(output, { recursive: true, force: true });
      log(`electron-builder ${target.flag} dir --${target.arch} (${seconds()})`);
      nodeScript(`electron-builder ${target.flag} dir`, 'node_modules/electron-builder/cli.js', [
        '--config',
        'electron-builder.ts',
        target.flag,
        'dir',
        `--${target.arch}`,
        '--publish',
        'never',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${output}`,
      ]);
      const resources = path.join(unpackedDir(target), 'resources');
      const asarSize = statSync(path.join(resources, 'app.asar')).size;
      const engineSize = folderSize(path.join(resources, 'engine'));
      log(
        `${targetName(target)}: app.asar ${megabytes(asarSize)}, engine ${megabytes(engineSize)} (${path.relative(ROOT, unpackedDir(target))})`,
      );
    }
  } finally {
    // Packaging needs the portable engine in build/engine; this checkout's developer build was native.
    if (hostEngineBefore === 'native' && engineCpu(hostTarget) !== 'native') {
      nodeScript('restoring the native engine', 'scripts/build-engine.mjs', ['--cpu', 'native']);
    }
  }
  log(`packed in ${seconds()}`);
}
