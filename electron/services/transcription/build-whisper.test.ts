// scripts/build-whisper.mjs against a stand-in whisper-node (a tiny Makefile), so every branch runs in
// milliseconds; the real compile is exercised by the engine tests' ensureEngineBuilt().
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './engine-test-support';

let project: string;
let engineDir: string;

async function fakeProject(makefile: string): Promise<void> {
  project = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-build-test-'));
  await fs.mkdir(path.join(project, 'scripts'));
  await fs.copyFile(path.join(REPO_ROOT, 'scripts', 'build-whisper.mjs'), path.join(project, 'scripts', 'build-whisper.mjs'));
  engineDir = path.join(project, 'node_modules', 'whisper-node', 'lib', 'whisper.cpp');
  await fs.mkdir(engineDir, { recursive: true });
  await fs.writeFile(path.join(project, 'node_modules', 'whisper-node', 'package.json'), '{"name":"whisper-node","version":"1.1.1"}');
  await fs.writeFile(path.join(engineDir, 'Makefile'), makefile);
}

function build(env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [path.join(project, 'scripts', 'build-whisper.mjs')], {
    cwd: project,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

const WORKING = 'main:\n\t@echo compiling\n\t@printf "#!/bin/sh\\n" > main && chmod +x main\nclean:\n\trm -f main\n';

beforeEach(() => fakeProject(WORKING));
afterEach(() => fs.rm(project, { recursive: true, force: true }));

describe('scripts/build-whisper.mjs', () => {
  it('builds main with make, writes the stamp, and is a quick no-op the second time', () => {
    const first = build();
    expect(first.status).toBe(0);
    expect(first.out).toContain('compiling');
    expect(first.out).toMatch(/speech engine built in [\d.]+ s/);
    expect(existsSync(path.join(engineDir, 'main'))).toBe(true);
    const second = build();
    expect(second).toEqual({ status: 0, out: expect.stringContaining('already built') });
    expect(second.out).not.toContain('compiling');
  });

  it('rebuilds from clean when the stamp is from another version', async () => {
    expect(build().status).toBe(0);
    await fs.writeFile(path.join(engineDir, '.rehearse-build-stamp'), 'whisper-node@1.0.0 linux-x64\n');
    const again = build();
    expect(again.status).toBe(0);
    expect(again.out).toContain('cleaning first');
    expect(again.out).toContain('compiling');
  });

  it('skips when REHEARSE_SKIP_WHISPER_BUILD=1', () => {
    expect(build({ REHEARSE_SKIP_WHISPER_BUILD: '1' })).toEqual({ status: 0, out: expect.stringContaining('not building') });
    expect(existsSync(path.join(engineDir, 'main'))).toBe(false);
  });

  it('explains in one paragraph and exits 0 when there is no compiler', async () => {
    const emptyPath = path.join(project, 'empty-bin');
    await fs.mkdir(emptyPath);
    const result = spawnSync(process.execPath, [path.join(project, 'scripts', 'build-whisper.mjs')], {
      cwd: project,
      encoding: 'utf8',
      env: { PATH: emptyPath },
    });
    expect(result.status).toBe(0);
    const message = result.stderr.trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^Rehearse could not build its speech engine: no C\/C\+\+ compiler found/);
    expect(message).toContain('build-essential (Debian/Ubuntu) / Xcode command line tools (macOS)');
    expect(message).toContain('npm run build:whisper');
    expect(message).toContain('The app works without it but cannot transcribe.');
  });

  it('exits 1 with a clear message when the build fails, and writes no stamp', async () => {
    await fs.writeFile(path.join(engineDir, 'Makefile'), 'main:\n\t@echo "whisper.cpp: error: boom" >&2; exit 3\n');
    const result = build();
    expect(result.status).toBe(1);
    expect(result.out).toContain('whisper.cpp: error: boom');
    expect(result.out).toMatch(/building the speech engine failed: `make main` in .* exited with code 2/);
    expect(existsSync(path.join(engineDir, '.rehearse-build-stamp'))).toBe(false);
    expect(existsSync(path.join(engineDir, '.rehearse-build-lock'))).toBe(false);
  });

  it('lets concurrent runs build once', async () => {
    await fs.writeFile(
      path.join(engineDir, 'Makefile'),
      'main:\n\t@echo compiling\n\t@sleep 1\n\t@printf "#!/bin/sh\\n" > main && chmod +x main\n',
    );
    const script = path.join(project, 'scripts', 'build-whisper.mjs');
    const runs = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<string>((resolve) => {
            const child = spawn(process.execPath, [script], { cwd: project });
            let out = '';
            child.stdout.on('data', (d: Buffer) => (out += d));
            child.stderr.on('data', (d: Buffer) => (out += d));
            child.on('close', (code) => resolve(`${code}:${out}`));
          }),
      ),
    );
    expect(runs.every((r) => r.startsWith('0:'))).toBe(true);
    expect(runs.join('').match(/compiling/g)).toHaveLength(1);
  });
});
