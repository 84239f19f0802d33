// The CLI against the real engine and the tiny test model (which transcribes everything to nothing).
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineFailure, runInMemory } from './cli-test-support';
import { wavHeader } from '../services/audio/wav';
import { engineSkipReason, ensureEngineBuilt, JFK_WAV, REPO_ROOT, sox, TINY_MODEL } from '../services/transcription/engine-test-support';
import { clock, runTranscribe, toJson, toLines } from './transcribe-command';

const skip = engineSkipReason();
if (skip) console.warn(`CLI engine tests skipped: ${skip}`);

let dir: string;
let dataDir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-cli-test-'));
  dataDir = path.join(dir, 'data');
  if (!skip) ensureEngineBuilt();
}, 600_000);
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const run = (argv: string[], env: NodeJS.ProcessEnv = { REHEARSE_DATA_DIR: dataDir }) => runInMemory(argv, env);

describe.skipIf(skip)('rehearse transcribe (real engine)', () => {
  it('--json prints exactly {"segments":[]} for jfk.wav with the test model', async () => {
    const result = await run(['transcribe', JFK_WAV, '--model', TINY_MODEL, '--json', '--threads', '2']);
    expect(result).toEqual({ code: 0, stdout: '{"segments":[]}\n', stderr: '' });
  }, 120_000);

  it('prints nothing on stdout in text mode when there is no speech, and says so on stderr', async () => {
    const result = await run(['transcribe', '--model', TINY_MODEL, JFK_WAV]);
    expect(result).toEqual({ code: 0, stdout: '', stderr: 'rehearse transcribe: no speech found in jfk.wav\n' });
  }, 120_000);

  it('resamples a 44.1 kHz stereo WAV and transcribes it', async () => {
    const input = path.join(dir, 'cd quality.wav');
    sox([JFK_WAV, '-r', '44100', '-c', '2', input]);
    const result = await run(['transcribe', input, '--model', TINY_MODEL, '--json']);
    expect(result).toEqual({ code: 0, stdout: '{"segments":[]}\n', stderr: '' });
  }, 120_000);

  it(`accepts a path like it's a "take" $(touch PWNED) ü.wav and never runs it`, async () => {
    const input = path.join(dir, `it's a "take" $(touch PWNED) ü.wav`);
    sox([JFK_WAV, '-r', '48000', input]); // not 16 kHz: goes through the conversion too
    const result = await run(['transcribe', input, '--model', TINY_MODEL, '--json']);
    expect(result).toEqual({ code: 0, stdout: '{"segments":[]}\n', stderr: '' });
    for (const where of [dir, REPO_ROOT, process.cwd(), os.tmpdir()]) expect(await fs.readdir(where)).not.toContain('PWNED');
  }, 120_000);

  it('transcribes what is there of a WAV cut short, with one warning line', async () => {
    const input = path.join(dir, 'crashed take.wav');
    await fs.writeFile(input, (await fs.readFile(JFK_WAV)).subarray(0, 100_000));
    const result = await run(['transcribe', input, '--model', TINY_MODEL, '--json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('{"segments":[]}\n');
    expect(result.stderr).toMatch(
      /^rehearse transcribe: warning: crashed take\.wav is cut short \(\d+ of \d+ audio bytes\); transcribing the 3\.1 s that are there\n$/,
    );
  }, 120_000);

  it('finds the model through $REHEARSE_MODEL, then the app data folder', async () => {
    const viaEnv = await run(['transcribe', JFK_WAV, '--json'], { REHEARSE_MODEL: TINY_MODEL, REHEARSE_DATA_DIR: dataDir });
    expect(viaEnv).toMatchObject({ code: 0, stdout: '{"segments":[]}\n' });
    await fs.mkdir(path.join(dataDir, 'models'), { recursive: true });
    await fs.copyFile(TINY_MODEL, path.join(dataDir, 'models', 'ggml-base.en.bin'));
    try {
      const viaDataDir = await run(['transcribe', JFK_WAV, '--json']);
      expect(viaDataDir).toMatchObject({ code: 0, stdout: '{"segments":[]}\n' });
    } finally {
      await fs.rm(path.join(dataDir, 'models'), { recursive: true, force: true });
    }
  }, 240_000);

  describe('bad input: non-zero exit and one line on stderr', () => {
    it('no model anywhere', async () => {
      expectOneLineFailure(
        await run(['transcribe', JFK_WAV]),
        1,
        /^rehearse transcribe: no model: pass --model <path> or download one in the app\n$/,
      );
    });

    it('a missing model, and corrupt ones', async () => {
      expectOneLineFailure(
        await run(['transcribe', JFK_WAV, '--model', path.join(dir, 'absent.bin')]),
        1,
        /model not found: .*absent\.bin/,
      );
      const random = path.join(dir, 'random.bin');
      await fs.writeFile(random, Buffer.alloc(2048, 0x5a));
      expectOneLineFailure(await run(['transcribe', JFK_WAV, '--model', random]), 1, /random\.bin is not a whisper\.cpp model/);
      const cut = path.join(dir, 'cut.bin');
      await fs.writeFile(cut, (await fs.readFile(TINY_MODEL)).subarray(0, 100_000));
      expectOneLineFailure(await run(['transcribe', JFK_WAV, '--model', cut]), 1, /cut\.bin is truncated/);
    });

    it('a missing file, a folder, a file that is not audio', async () => {
      expectOneLineFailure(
        await run(['transcribe', path.join(dir, 'nothing here.wav'), '--model', TINY_MODEL]),
        1,
        /no such audio file: .*nothing here\.wav/,
      );
      expectOneLineFailure(await run(['transcribe', dir, '--model', TINY_MODEL]), 1, /is a folder/);
      const text = path.join(dir, 'readme.wav');
      await fs.writeFile(text, 'hello\nworld\n');
      expectOneLineFailure(await run(['transcribe', text, '--model', TINY_MODEL]), 1, /readme\.wav is not a WAV file/);
    });

    it('a WAV with no audio, and one cut inside its header', async () => {
      const empty = path.join(dir, 'empty.wav');
      await fs.writeFile(empty, wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: 64_000 }));
      expectOneLineFailure(await run(['transcribe', empty, '--model', TINY_MODEL]), 1, /empty\.wav holds no audio/);
      const cut = path.join(dir, 'cut-header.wav');
      await fs.writeFile(cut, (await fs.readFile(JFK_WAV)).subarray(0, 20));
      expectOneLineFailure(await run(['transcribe', cut, '--model', TINY_MODEL]), 1, /cut-header\.wav is cut off or damaged/);
    });

    it('command-line mistakes exit 2', async () => {
      expectOneLineFailure(
        await run(['transcribe', JFK_WAV, '--modle', TINY_MODEL]),
        2,
        /^rehearse transcribe: unknown option --modle \(see rehearse transcribe --help\)\n$/,
      );
      expectOneLineFailure(await run(['transcribe']), 2, /missing the audio file/);
      expectOneLineFailure(await run(['transcribe', JFK_WAV, JFK_WAV]), 2, /one audio file at a time/);
      expectOneLineFailure(await run(['transcribe', JFK_WAV, '--threads', 'many']), 2, /--threads must be a whole number/);
      expectOneLineFailure(await run(['transcribe', JFK_WAV, '--model']), 2, /--model/);
      expectOneLineFailure(
        await run(['transcirbe', JFK_WAV]),
        2,
        /^rehearse: unknown command "transcirbe" \(commands: transcribe, analyze, export, hesitations\)\n$/,
      );
    });
  });
});

describe('rehearse CLI without the engine', () => {
  it('prints usage for --help, and to stderr with exit 2 when no command is given', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('transcribe');
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('Usage: rehearse <command>');
    const sub = await run(['transcribe', '--help']);
    expect(sub).toMatchObject({ code: 0, stdout: expect.stringContaining('--threads N') });
  });

  it('says the engine is missing when REHEARSE_WHISPER_BIN names nothing', async () => {
    const result = await run(['transcribe', JFK_WAV, '--model', TINY_MODEL], { REHEARSE_WHISPER_BIN: path.join(dir, 'nope') });
    expectOneLineFailure(result, 1, /the speech engine is not built: run `npm run build:engine`/);
  });

  it('formats segments as [mm:ss.mmm --> mm:ss.mmm] text, and JSON in the documented shape', () => {
    const transcript = {
      segments: [
        { startMs: 0, endMs: 2500, text: 'Hello there.', words: [{ text: 'Hello', startMs: 0, endMs: 900, p: 0.9 }] },
        { startMs: 4_503_020, endMs: 4_505_000, text: 'Bye.', words: [] },
      ],
    };
    expect(toLines(transcript)).toBe('[00:00.000 --> 00:02.500] Hello there.\n[75:03.020 --> 75:05.000] Bye.\n');
    expect(toJson(transcript)).toBe(
      '{"segments":[{"startMs":0,"endMs":2500,"text":"Hello there.","words":[{"text":"Hello","startMs":0,"endMs":900}]},' +
        '{"startMs":4503020,"endMs":4505000,"text":"Bye.","words":[]}]}',
    );
    expect(clock(59_999.6)).toBe('01:00.000');
  });

  it('runTranscribe can be called directly', async () => {
    let stderr = '';
    const code = await runTranscribe(['--bogus'], { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } });
    expect(code).toBe(2);
    expect(stderr).toBe('rehearse transcribe: unknown option --bogus (see rehearse transcribe --help)\n');
  });
});
