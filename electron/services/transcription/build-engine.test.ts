// scripts/build-engine.mjs against a stand-in whisper-node (a tiny CMake project whose `main` prints the
// flags it was built with), so every branch runs in a second or two; the real compile is exercised by the
// engine tests' ensureEngineBuilt() and, for Windows, by `npm run test:windows`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './engine-test-support';

const HOST = `${process.platform}-${process.arch}`;
const CMAKE_LISTS = `cmake_minimum_required(VERSION 3.5)
project(standin C)
set(CMAKE_RUNTIME_OUTPUT_DIRECTORY \${CMAKE_BINARY_DIR}/bin)
option(WHISPER_NO_AVX2 "" OFF)
file(WRITE \${CMAKE_BINARY_DIR}/flags.h "#define FLAGS \\"\${CMAKE_C_FLAGS} no-avx2=\${WHISPER_NO_AVX2}\\"\\n")
include_directories(\${CMAKE_BINARY_DIR})
add_executable(main main.c)
`;
const WORKING_MAIN = '#include <stdio.h>\n#include "flags.h"\nint main(void) { puts(FLAGS); return 0; }\n';

let project: string;
let sourceDir: string;

async function fakeProject(): Promise<void> {
  project = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-build-test-'));
  await fs.mkdir(path.join(project, 'scripts'));
  await fs.copyFile(path.join(REPO_ROOT, 'scripts', 'build-engine.mjs'), path.join(project, 'scripts', 'build-engine.mjs'));
  sourceDir = path.join(project, 'node_modules', 'whisper-node', 'lib', 'whisper.cpp');
  await fs.mkdir(sourceDir, { recursive: true });
  await fs.writeFile(path.join(project, 'node_modules', 'whisper-node', 'package.json'), '{"name":"whisper-node","version":"1.1.1"}');
  await fs.writeFile(path.join(sourceDir, 'CMakeLists.txt'), CMAKE_LISTS);
  await fs.writeFile(path.join(sourceDir, 'main.c'), WORKING_MAIN);
}

const script = () => path.join(project, 'scripts', 'build-engine.mjs');
const engineDir = (target = HOST) => path.join(project, 'build', 'engine', target);

function build(args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [script(), ...args], {
    cwd: project,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** What the built stand-in says its compiler flags were. */
const flagsOf = (file: string) => spawnSync(file, { encoding: 'utf8' }).stdout.trim();

beforeEach(fakeProject);
afterEach(() => fs.rm(project, { recursive: true, force: true }));

describe('scripts/build-engine.mjs', () => {
  it("builds the host's native engine into build/engine/<platform>-<arch>, and is a quick no-op the second time", () => {
    const first = build();
    expect(first.status).toBe(0);
    expect(first.out).toMatch(new RegExp(`speech engine for ${HOST} \\(native\\) built in [\\d.]+ s`));
    expect(flagsOf(path.join(engineDir(), 'whisper-cli'))).toBe('-march=native no-avx2=ON');
    const second = build();
    expect(second).toEqual({ status: 0, out: expect.stringContaining('already built') });
    expect(second.out).not.toContain('building whisper.cpp');
  });

  it.runIf(process.arch === 'x64')('a portable x64 build ships whisper-cli (AVX2) and whisper-cli-baseline (x86-64-v2)', async () => {
    expect(build(['--cpu', 'portable']).status).toBe(0);
    expect(flagsOf(path.join(engineDir(), 'whisper-cli'))).toBe('no-avx2=OFF');
    expect(flagsOf(path.join(engineDir(), 'whisper-cli-baseline'))).toBe('-march=x86-64-v2 -mtune=generic no-avx2=ON');
    const manifest = JSON.parse(await fs.readFile(path.join(engineDir(), 'engine.json'), 'utf8'));
    expect(manifest).toMatchObject({
      target: HOST,
      cpu: 'portable',
      binaries: [
        { file: 'whisper-cli', cpu: 'avx2-fma-f16c' },
        { file: 'whisper-cli-baseline', cpu: 'x86-64-v2' },
      ],
    });
  });

  it('rebuilds when the stamp is from another build (another whisper-node, another CPU level)', async () => {
    expect(build().status).toBe(0);
    await fs.writeFile(path.join(project, 'node_modules', 'whisper-node', 'package.json'), '{"name":"whisper-node","version":"1.2.0"}');
    const again = build();
    expect(again.status).toBe(0);
    expect(again.out).toContain('building whisper.cpp (whisper-node@1.2.0)');
  });

  it('skips on install when REHEARSE_SKIP_WHISPER_BUILD=1', () => {
    expect(build(['--postinstall'], { REHEARSE_SKIP_WHISPER_BUILD: '1' })).toEqual({
      status: 0,
      out: expect.stringContaining('not building'),
    });
    expect(existsSync(engineDir())).toBe(false);
  });

  it('without CMake: one clear line and exit 0 on install (the app still works), exit 1 when asked to build', async () => {
    const emptyPath = path.join(project, 'empty-bin');
    await fs.mkdir(emptyPath);
    const onInstall = spawnSync(process.execPath, [script(), '--postinstall'], {
      cwd: project,
      encoding: 'utf8',
      env: { PATH: emptyPath },
    });
    expect(onInstall.status).toBe(0);
    const message = onInstall.stderr.trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^Rehearse could not build its speech engine: CMake was not found\./);
    expect(message).toContain('npm run build:engine');
    expect(message).toContain('The app works without it but cannot transcribe.');
    const asked = spawnSync(process.execPath, [script()], { cwd: project, encoding: 'utf8', env: { PATH: emptyPath } });
    expect(asked.status).toBe(1);
    expect(asked.stderr).toContain('CMake was not found');
  });

  it('exits 1 with the end of the compiler output when the build fails, and writes no stamp or lock', async () => {
    await fs.writeFile(path.join(sourceDir, 'main.c'), '#error whisper.cpp says boom\n');
    const result = build();
    expect(result.status).toBe(1);
    expect(result.out).toContain('whisper.cpp says boom');
    expect(result.out).toMatch(new RegExp(`building the speech engine for ${HOST} failed: cmake --build exited with code \\d+`));
    expect(existsSync(path.join(engineDir(), 'engine.json'))).toBe(false);
    expect(existsSync(path.join(project, 'build', 'engine-work', `${HOST}.lock`))).toBe(false);
  });

  it('refuses targets it cannot build here, in one sentence that says where to build them', () => {
    const other = process.platform === 'darwin' ? 'linux' : 'darwin';
    const result = build(['--platform', other, '--arch', 'arm64']);
    expect(result.status).toBe(1);
    expect(result.out).toContain(`cannot build the engine for ${other}-arm64: build it on ${other}.`);
    expect(build(['--platform', 'beos']).out).toContain('--platform must be one of linux, win32, darwin, got beos');
    expect(build(['--platform', other, '--cpu', 'native']).out).toContain('--cpu native builds for this machine only');
  });

  it('lets concurrent runs build once', async () => {
    const runs = await Promise.all(
      [0, 1, 2].map(
        () =>
          new Promise<string>((resolve) => {
            const child = spawn(process.execPath, [script()], { cwd: project });
            let out = '';
            child.stdout.on('data', (d: Buffer) => (out += d));
            child.stderr.on('data', (d: Buffer) => (out += d));
            child.on('close', (code) => resolve(`${code}:${out}`));
          }),
      ),
    );
    expect(runs.every((r) => r.startsWith('0:'))).toBe(true);
    expect(runs.join('').match(/building whisper\.cpp/g)).toHaveLength(1);
  });
});
