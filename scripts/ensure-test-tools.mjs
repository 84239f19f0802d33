// Before the tests: the e2e suite needs Debian's Chromium (never a downloaded browser) and sox; the
// speech-gate tests make speech with espeak-ng. `ensure-test-tools.mjs windows` is for
// `npm run test:windows`: mingw-w64 (cross-compiles the engine) and wine (runs it and Windows node.exe).
// On a Debian machine where we are root they are installed with apt-get; otherwise we stop and say
// exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** For each set of tests: [Debian package, is it there?]. */
const profiles = {
  default: {
    for: 'the end-to-end tests',
    needs: [
      ['chromium', () => existsSync(chromium)],
      ['sox', () => has('sox') && has('soxi')],
      ['espeak-ng', () => has('espeak-ng')],
    ],
  },
  windows: {
    for: 'the Windows checks',
    needs: [
      ['g++-mingw-w64-x86-64-posix', () => has('x86_64-w64-mingw32-g++-posix')],
      ['binutils-mingw-w64-x86-64', () => has('x86_64-w64-mingw32-objdump')],
      ['wine', () => has('wine')],
      ['wine64', () => has('wine64') || existsSync('/usr/lib/wine/wine64')],
    ],
  },
};

const profile = profiles[process.argv[2] ?? 'default'];
if (!profile) {
  console.error(`unknown set of test tools ${process.argv[2]}; one of ${Object.keys(profiles).join(', ')}`);
  process.exit(2);
}
const missing = profile.needs.filter(([, present]) => !present()).map(([name]) => name);
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !has('apt-get')) {
  console.error(
    `The tests need ${missing.join(' and ')}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}) and run again.`,
  );
  process.exit(1);
}
console.log(`Installing ${missing.join(', ')} with apt-get (needed by ${profile.for})…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
