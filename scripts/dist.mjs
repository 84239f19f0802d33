// `npm run dist [-- electron-builder options]`: the installers for this computer's system, in dist/:
//   1. npm run build (typecheck, then electron-vite build);
//   2. the portable speech engine for this platform and arch (scripts/build-engine.mjs --cpu portable; the
//      native build tuned for this machine never ships);
//   3. electron-builder with electron-builder.ts: AppImage and deb on Linux, NSIS on Windows, dmg on macOS.
//
// electron-builder downloads Electron for the target, and for some installers its own tools, on first use.
// Offline it fails after 10 to 50 s with a stack trace; on a network that drops packets it waits for many
// minutes. So its output goes to dist/electron-builder.log (its progress lines are shown), a step that makes
// no progress for too long is stopped, and a failure is told in one sentence. Options after `--` go to
// electron-builder, e.g. `-c.electronDist=<folder>` for an Electron zip downloaded beforehand.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist');
const LOG = path.join(OUT, 'electron-builder.log');
/** Electron's download logs every 25 %: this long without a line after "packaging" means it is stuck. */
const ELECTRON_STALL_MS = 3 * 60 * 1000;
/** Compressing an installer can be silent for minutes; no step is silent for this long. */
const STALL_MS = 15 * 60 * 1000;
const NETWORK_ERROR =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up|getaddrinfo|certificate|proxy|Response code \d+|HTTPError/i;
const HOST_FLAG = { linux: '--linux', win32: '--win', darwin: '--mac' }[process.platform];
const require = createRequire(import.meta.url);

function fail(sentence) {
  console.error(`\n${sentence}`);
  process.exit(1);
}

function run(what, command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) fail(`npm run dist stopped: ${what} failed (see above).`);
}

/** The flavour of this machine's engine (build/engine/<host>/engine.json), to put back after packaging. */
function hostEngineCpu() {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, 'build', 'engine', `${process.platform}-${process.arch}`, 'engine.json'), 'utf8')).cpu;
  } catch {
    return null;
  }
}

/** Runs electron-builder; resolves with its exit code, or the reason it was stopped. */
function electronBuilder(args, log) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [require.resolve('electron-builder/cli.js'), ...args], {
      cwd: ROOT,
      // Its own process group, so that a stopped build takes its helpers (npm, 7za, mksquashfs) with it.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const state = { lines: [], step: '', stoppedBecause: null };
    let timer = null;
    const stop = (reason) => {
      state.stoppedBecause = reason;
      try {
        if (process.platform === 'win32') child.kill();
        else process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      setTimeout(() => {
        try {
          if (process.platform !== 'win32') process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone
        }
      }, 5000).unref();
    };
    const arm = () => {
      clearTimeout(timer);
      const downloadingElectron = state.step.startsWith('packaging');
      timer = setTimeout(
        () => stop(downloadingElectron ? 'electron-stalled' : 'stalled'),
        downloadingElectron ? ELECTRON_STALL_MS : STALL_MS,
      );
    };
    const onSignal = () => stop('interrupted');
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    let pending = '';
    const onData = (chunk) => {
      log.write(chunk);
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        state.lines.push(line);
        const info = /^\s*•\s+(.*)$/.exec(line);
        if (info) {
          state.step = info[1];
          console.log(line);
        }
      }
      arm();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    arm();
    child.on('close', (code) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      if (pending) state.lines.push(pending);
      resolve({ code, ...state });
    });
  });
}

/** One sentence for a failed electron-builder run. */
function explain(result, electronVersion) {
  const packaging = result.lines.map((line) => /packaging\s+platform=(\S+)\s+arch=(\S+)\s+electron=(\S+)/.exec(line)).find(Boolean);
  const target = packaging ? `${packaging[1]}-${packaging[2]}` : `${process.platform}-${process.arch}`;
  const version = packaging ? packaging[3] : electronVersion;
  // Electron comes first, right after "packaging"; later downloads are electron-builder's own tools.
  const hasElectron = result.lines.some((line) => /electron zip extracted|unpacked Electron/.test(line));
  const building = result.lines.map((line) => /building\s+target=(\S+)/.exec(line)).findLast(Boolean);
  const needsInternet = 'run npm run dist on a machine with internet access.';
  const noElectron = (why = '') =>
    `Rehearse could not download Electron ${version} for ${target}${why}, which the installer needs: ${needsInternet}`;
  if (result.stoppedBecause === 'interrupted') return 'npm run dist was interrupted.';
  if (result.stoppedBecause === 'electron-stalled') return noElectron(` (no progress in ${ELECTRON_STALL_MS / 60_000} minutes)`);
  if (result.stoppedBecause === 'stalled')
    return `electron-builder made no progress for ${STALL_MS / 60_000} minutes (at "${result.step}") and was stopped; its output is in ${path.relative(ROOT, LOG)}.`;
  const error =
    result.lines
      .find((line) => /^\s*⨯/.test(line))
      ?.replace(/^\s*⨯\s*/, '')
      .replace(/\s+(failedTask|stackTrace)=.*$/, '') ?? '';
  if (/Please specify (project homepage|author 'email')/.test(error))
    return 'The deb package needs a "homepage" and an "author" with an email in package.json (Debian\'s Homepage and Maintainer fields): add them and run npm run dist again.';
  if (NETWORK_ERROR.test(error)) {
    // A server's answer (a mirror without this version, say) is worth naming; "no connection" is not.
    const answer = /Response code \d+[^,]*/.exec(error);
    if (!hasElectron) return noElectron(answer ? ` (${answer[0]})` : '');
    const installer = building ? `the ${building[1]} installer` : 'the installers';
    return `Rehearse could not download the tools electron-builder needs to make ${installer} for ${target}: ${needsInternet}`;
  }
  return `electron-builder failed${error ? `: ${error}` : ` with exit code ${result.code}`} (its output is in ${path.relative(ROOT, LOG)}).`;
}

if (!HOST_FLAG) fail(`npm run dist makes installers on Linux, Windows or macOS, not on ${process.platform}.`);
// npm is npm.cmd on Windows, which only a shell runs.
run('npm run build', 'npm', ['run', 'build'], { shell: process.platform === 'win32' });
const engineBefore = hostEngineCpu();
run('building the portable speech engine', process.execPath, [path.join('scripts', 'build-engine.mjs'), '--cpu', 'portable']);

mkdirSync(OUT, { recursive: true });
const log = createWriteStream(LOG);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const targetArgs = [HOST_FLAG, `--${process.arch}`, ...process.argv.slice(2)];
console.log(`[dist] electron-builder ${targetArgs.join(' ')} (its full output: ${path.relative(ROOT, LOG)})`);
const result = await electronBuilder(['--config', 'electron-builder.ts', '--publish', 'never', ...targetArgs], log);
log.end();
// The packaging needed the portable engine; leave this checkout's own build as it was.
if (engineBefore === 'native')
  spawnSync(process.execPath, [path.join('scripts', 'build-engine.mjs'), '--cpu', 'native'], { cwd: ROOT, stdio: 'ignore' });
if (result.code !== 0 || result.stoppedBecause) fail(explain(result, electronVersion));
const installers = readdirSync(OUT).filter((name) => /\.(AppImage|deb|exe|dmg)$/.test(name));
console.log(`\n[dist] installers in dist/: ${installers.join(', ')}`);
