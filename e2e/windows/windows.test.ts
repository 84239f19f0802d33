// `npm run test:windows`: the Windows build of the speech engine (cross-compiled with mingw-w64) and the
// project's own CLI on the official Windows node.exe, both run under wine on real speech. Windows argument
// quoting, .exe lookup, drive letters, backslashes and non-ASCII folders are what this catches.
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWhisperBinary } from '../../electron/services/transcription/whisper-binary';
import { DRIVE_C, ensurePrefix, ensureWindowsNode, REPO_ROOT, runWindows, startWine, stopWine, windowsPath } from './wine';

const JFK_WAV = path.resolve(REPO_ROOT, '../shared/audio/jfk.wav');
const MODEL = path.resolve(REPO_ROOT, '../shared/models/for-tests-ggml-base.en.bin');
const TINY_MODEL = path.resolve(REPO_ROOT, '../shared/models/for-tests-ggml-tiny.en.bin');
const ENGINE_DIR = path.join(REPO_ROOT, 'build', 'engine', 'win32-x64');
const CLI = windowsPath(path.join(REPO_ROOT, 'out', 'main', 'cli.js'));
/** A folder a Windows user could have: every character cmd.exe or the ANSI code page would trip on. */
const AWKWARD = `Rehearse takes & 100% ^caret 'quoted' %PATH% José 日本`;

let nodeExe: string;
let home: string;
/** Environment for the CLI: its data and temp folders in a non-ASCII profile, as for a user named José. */
let cliEnv: NodeJS.ProcessEnv;

/** The structure of a JSON value: keys and value types, arrays by their first element. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shape(value[0])];
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, item]) => [key, shape(item)]));
  }
  return typeof value;
}

beforeAll(async () => {
  ensurePrefix();
  startWine();
  nodeExe = ensureWindowsNode();
  home = path.join(DRIVE_C, 'users', 'José 日本');
  await fs.rm(home, { recursive: true, force: true });
  await fs.mkdir(path.join(home, 'Temp'), { recursive: true });
  await fs.mkdir(path.join(home, AWKWARD), { recursive: true });
  const temp = windowsPath(path.join(home, 'Temp'));
  cliEnv = { REHEARSE_DATA_DIR: windowsPath(path.join(home, 'Rehearse')), TEMP: temp, TMP: temp, REHEARSE_MODEL: '' };
}, 300_000);

afterAll(stopWine);

describe('the speech engine built for Windows', () => {
  it('is a 64-bit Windows program that needs no DLL beyond Windows’ own (no MinGW runtime to ship)', () => {
    for (const file of ['whisper-cli.exe', 'whisper-cli-baseline.exe']) {
      const headers = execFileSync('x86_64-w64-mingw32-objdump', ['-p', path.join(ENGINE_DIR, file)], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(headers).toMatch(/file format pei-x86-64/);
      const dlls = [...headers.matchAll(/DLL Name: (\S+)/g)].map((match) => (match[1] as string).toLowerCase()).sort();
      expect(dlls).toEqual(['kernel32.dll', 'msvcrt.dll']);
    }
  });

  // The baseline build is about 3.5x slower (no AVX): it gets the tiny test model to keep this quick.
  it.each([
    ['whisper-cli.exe', MODEL],
    ['whisper-cli-baseline.exe', TINY_MODEL],
  ])('%s transcribes real speech under wine and writes the same JSON shape as the Linux build', async (file, model) => {
    const linuxEngine = findWhisperBinary({});
    expect(linuxEngine, 'the Linux engine is built by npm install').not.toBeNull();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-win-engine-'));
    try {
      const common = ['-ojf', '-bs', '1', '-bo', '1', '-t', '2'];
      execFileSync(linuxEngine as string, [...common, '-of', path.join(dir, 'linux'), '-m', model, '-f', JFK_WAV], { stdio: 'ignore' });
      const run = runWindows(path.join(ENGINE_DIR, file), [
        ...common,
        '-of',
        windowsPath(path.join(dir, 'windows')),
        '-m',
        windowsPath(model),
        '-f',
        windowsPath(JFK_WAV),
      ]);
      expect(run.status, run.stderr.slice(-2000)).toBe(0);
      const linux = JSON.parse(await fs.readFile(path.join(dir, 'linux.json'), 'utf8'));
      const windows = JSON.parse(await fs.readFile(path.join(dir, 'windows.json'), 'utf8'));
      expect(shape(windows)).toEqual(shape(linux));
      expect(windows.model).toEqual(linux.model);
      expect(windows.params.model).toBe(windowsPath(model));
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('rehearse transcribe on Windows node.exe', () => {
  it('prints the transcript JSON for a WAV and a model in a folder with spaces, quotes, &, %PATH%, ^ and non-ASCII letters', async () => {
    const folder = path.join(home, AWKWARD);
    await fs.copyFile(JFK_WAV, path.join(folder, 'answer one.wav'));
    await fs.copyFile(MODEL, path.join(folder, 'ggml-base.en.bin'));
    const run = runWindows(
      nodeExe,
      [
        CLI,
        'transcribe',
        windowsPath(path.join(folder, 'answer one.wav')),
        '--model',
        windowsPath(path.join(folder, 'ggml-base.en.bin')),
        '--json',
      ],
      { env: cliEnv },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // The test model has no trained weights: the engine ran the whole file and found no words.
    expect(JSON.parse(run.stdout)).toEqual({ segments: [] });
    // Nothing was left in the temp folder, and nothing was expanded or executed along the way.
    expect(await fs.readdir(path.join(home, 'Temp'))).toEqual([]);
    expect((await fs.readdir(folder)).sort()).toEqual(['answer one.wav', 'ggml-base.en.bin']);
  });

  it('converts a 44.1 kHz stereo WAV first, through the non-ASCII temp folder, and uses the model the app installed', async () => {
    const folder = path.join(home, AWKWARD);
    execFileSync('sox', [JFK_WAV, '-r', '44100', '-c', '2', path.join(folder, 'stereo 44k.wav')]);
    const models = path.join(home, 'Rehearse', 'models');
    await fs.mkdir(models, { recursive: true });
    await fs.copyFile(MODEL, path.join(models, 'ggml-base.en.bin'));
    const run = runWindows(nodeExe, [CLI, 'transcribe', windowsPath(path.join(folder, 'stereo 44k.wav')), '--json'], { env: cliEnv });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ segments: [] });
    expect(await fs.readdir(path.join(home, 'Temp'))).toEqual([]);
  });

  it.each([
    ['a file that does not exist', () => windowsPath(path.join(home, AWKWARD, 'missing take.wav')), {}, /no such audio file/],
    ['a file that is not audio', () => windowsPath(path.join(REPO_ROOT, 'package.json')), {}, /not a WAV file/],
    [
      'an engine that is not there',
      () => windowsPath(JFK_WAV),
      { REHEARSE_WHISPER_BIN: 'C:\\nowhere\\whisper-cli.exe' },
      /speech engine is not built/,
    ],
  ])('%s: exits non-zero with one clear line', (_what, input, env, message) => {
    const run = runWindows(nodeExe, [CLI, 'transcribe', input(), '--model', windowsPath(MODEL), '--json'], { env: { ...cliEnv, ...env } });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split(/\r?\n/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rehearse transcribe: /);
    expect(lines[0]).toMatch(message);
  });
});
