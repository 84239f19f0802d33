// Before the tests: the e2e suite needs Debian's Chromium (never a downloaded browser) and sox; the
// speech-gate tests make speech with espeak-ng. On a fresh Debian machine where we are root they are
// installed with apt-get; otherwise we stop and say exactly what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const missing = [];
if (!existsSync(chromium)) missing.push('chromium');
if (!has('sox') || !has('soxi')) missing.push('sox');
if (!has('espeak-ng')) missing.push('espeak-ng');

if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !has('apt-get')) {
  console.error(
    `The tests need ${missing.join(' and ')}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}) and run again.`,
  );
  process.exit(1);
}
console.log(`Installing ${missing.join(', ')} with apt-get (needed by the end-to-end tests)…`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
