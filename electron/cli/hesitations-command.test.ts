// `rehearse hesitations` and `rehearse analyze --audio` with in-memory streams, on a take of the hesitation
// test set (jfk.wav with three espeak-ng fillers at known times) and on synthetic voices.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeMonoWav, floatToInt16, wavHeader } from '../services/audio/wav';
import type { Hesitation } from '../services/hesitations/find-hesitations';
import { loadManifest, TEST_SET_DIR, type TestTake } from '../services/hesitations/test-set-support';
import { silence, take, UH_FORMANTS, voice } from '../services/hesitations/voice-test-support';
import { sox } from '../services/transcription/engine-test-support';
import { expectOneLineFailure, runInMemory } from './cli-test-support';
import { describe as describeLine, runHesitations } from './hesitations-command';

let dir: string;
let takeWav: string;
let testTake: TestTake;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-hesitations-test-'));
  // jfk.wav with "um" (transcribed in its transcript), "er" and "hmm" inserted by espeak-ng voice gb-f5
  testTake = loadManifest().find((t) => t.id === 'jfk-gb-f5') as TestTake;
  takeWav = path.join(dir, 'answer with fillers.wav');
  sox([path.join(TEST_SET_DIR, testTake.file), takeWav]);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const run = (argv: string[]) => runInMemory(argv);

async function writeFile(name: string, content: string | Buffer | object): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content));
  return file;
}

/** A 16 kHz WAV of a held "uh" from 300 to 900 ms. */
async function heldVowelWav(name: string): Promise<string> {
  const samples = take(silence(300), voice({ ms: 600, f0Hz: 110, formants: UH_FORMANTS }), silence(300));
  return writeFile(name, encodeMonoWav(floatToInt16(samples), 16_000));
}

const near = (h: Hesitation, item: { startMs: number; endMs: number }) => h.startMs < item.endMs + 150 && item.startMs - 150 < h.endMs;

describe('rehearse hesitations', () => {
  it('--json: the three fillers inserted into jfk.wav, where they were put, and nothing else', async () => {
    const result = await run(['hesitations', takeWav, '--json']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.endsWith('}\n')).toBe(true);
    const { hesitations } = JSON.parse(result.stdout) as { hesitations: Hesitation[] };
    expect(hesitations).toHaveLength(3);
    testTake.items.forEach((item, k) => expect(near(hesitations[k] as Hesitation, item)).toBe(true));
    expect(hesitations.map((h) => h.kind)).toEqual(['um', 'uh', 'um']); // "um", "er", "hmm"
    for (const h of hesitations) expect(Object.keys(h)).toEqual(['startMs', 'endMs', 'kind', 'score', 'transcribed']);
  });

  it('--transcript: the filler the transcript has is marked transcribed, the others are heard only', async () => {
    const transcript = await writeFile('transcript.json', testTake.transcript);
    const result = await run(['hesitations', takeWav, '--transcript', transcript, '--json']);
    const { hesitations } = JSON.parse(result.stdout) as { hesitations: Hesitation[] };
    expect(hesitations.map(({ kind, transcribed, word }) => ({ kind, transcribed, word }))).toEqual([
      { kind: 'um', transcribed: true, word: 'um,' },
      { kind: 'uh', transcribed: false, word: undefined },
      { kind: 'um', transcribed: false, word: undefined },
    ]);
  });

  it('prints a readable line per hesitation', async () => {
    const wav = await heldVowelWav('held.wav');
    const plain = await run(['hesitations', wav]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^\[00:00\.\d{3} --> 00:00\.\d{3}\] uh {9}score 0\.\d\d\n$/);
    const word = await writeFile('so.json', {
      segments: [{ startMs: 250, endMs: 950, text: 'so', words: [{ text: ' so', startMs: 250, endMs: 950 }] }],
    });
    expect((await run(['hesitations', wav, '--transcript', word])).stdout).toMatch(
      /\] drawn-out +score 0\.\d\d {2}\(the word "so" drawn out: not a filler\)\n$/,
    );
    expect(describeLine({ startMs: 3210, endMs: 3550, kind: 'um', score: 0.6, transcribed: true, word: 'um,' })).toBe(
      '[00:03.210 --> 00:03.550] um         score 0.60  (also in the transcript: "um,")\n',
    );
  });

  it('reads a 44.1 kHz stereo WAV like a 16 kHz one', async () => {
    const cd = path.join(dir, 'cd quality.wav');
    sox([takeWav, '-r', '44100', '-c', '2', cd]);
    const { hesitations } = JSON.parse((await run(['hesitations', cd, '--json'])).stdout) as { hesitations: Hesitation[] };
    expect(hesitations.map((h) => h.kind)).toEqual(['um', 'uh', 'um']);
  });

  it('says so on stderr when nothing is heard (jfk.wav as it is: fluent)', async () => {
    const fluent = path.join(dir, 'fluent.wav');
    sox([path.join(TEST_SET_DIR, 'jfk-fluent.flac'), fluent]);
    expect(await run(['hesitations', fluent])).toEqual({
      code: 0,
      stdout: '',
      stderr: 'rehearse hesitations: no hesitations heard in fluent.wav\n',
    });
    expect(await run(['hesitations', fluent, '--json'])).toEqual({ code: 0, stdout: '{"hesitations":[]}\n', stderr: '' });
  });

  it('--help prints the usage, and the command is listed', async () => {
    const help = await run(['hesitations', '--help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('Usage: rehearse hesitations <audio.wav> [--transcript <t.json>] [--json]');
    expect((await run(['--help'])).stdout).toMatch(/\n {2}hesitations +list the filled pauses \("uh", "um"\) heard in a WAV file\n/);
  });

  describe('bad input: exit 1 and one line on stderr', () => {
    it('a missing file, a folder, a file that is not audio, a WAV with no audio', async () => {
      expectOneLineFailure(
        await run(['hesitations', path.join(dir, 'absent.wav')]),
        1,
        /^rehearse hesitations: no such audio file: .*absent\.wav\n$/,
      );
      expectOneLineFailure(await run(['hesitations', dir]), 1, /is a folder/);
      expectOneLineFailure(await run(['hesitations', await writeFile('notes.wav', 'hello\n')]), 1, /notes\.wav is not a WAV file/);
      const empty = await writeFile('empty.wav', wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: 0 }));
      expectOneLineFailure(await run(['hesitations', empty]), 1, /empty\.wav holds no audio/);
    });

    it('a transcript that is missing or not a transcript', async () => {
      const wav = await heldVowelWav('for-transcript.wav');
      expectOneLineFailure(
        await run(['hesitations', wav, '--transcript', path.join(dir, 'none.json')]),
        1,
        /^rehearse hesitations: no such transcript file: .*none\.json\n$/,
      );
      expectOneLineFailure(
        await run(['hesitations', wav, '--transcript', await writeFile('words.json', { words: [] })]),
        1,
        /words\.json is not a transcript .*: segments: /,
      );
    });
  });

  describe('command-line mistakes: exit 2 and one line ending with the usage', () => {
    const usage = 'Usage: rehearse hesitations <audio\\.wav> \\[--transcript <t\\.json>\\] \\[--json\\]\\n$';
    it.each([
      [['hesitations'], '^rehearse hesitations: missing the audio file\\. '],
      [['hesitations', 'a.wav', 'b.wav'], 'one audio file at a time, got 2\\. '],
      [['hesitations', 'a.wav', '--jsn'], 'unknown option --jsn\\. '],
      [['hesitations', 'a.wav', '--transcript'], '--transcript'],
      [['hesitations', 'a.wav', '--transcript', ''], '--transcript needs a file\\. '],
    ])('%j', async (argv, start) => {
      expectOneLineFailure(await run(argv), 2, new RegExp(`${start}.*${usage}`));
    });
  });

  it('runHesitations can be called directly', async () => {
    let stderr = '';
    const code = await runHesitations([], { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^rehearse hesitations: missing the audio file\. Usage: /);
  });
});

describe('rehearse analyze --audio', () => {
  it('adds heardFillerCount: the fillers heard that the transcript lacks', async () => {
    const transcript = await writeFile('take-transcript.json', testTake.transcript);
    const plain = JSON.parse((await run(['analyze', transcript])).stdout) as Record<string, unknown>;
    expect(plain).not.toHaveProperty('heardFillerCount');
    const result = await run(['analyze', transcript, '--audio', takeWav]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const metrics = JSON.parse(result.stdout) as Record<string, unknown>;
    // the transcript has one of the three fillers ("um,"): 1 transcribed, 2 heard and not in it
    expect(metrics).toMatchObject({ fillerCount: 1, heardFillerCount: 2 });
    expect({ ...metrics, heardFillerCount: undefined }).toEqual({ ...plain, heardFillerCount: undefined });
  });

  it('never counts a drawn-out word', async () => {
    const wav = await heldVowelWav('drawn.wav');
    const word = await writeFile('drawn.json', {
      segments: [{ startMs: 250, endMs: 950, text: 'so', words: [{ text: ' so', startMs: 250, endMs: 950 }] }],
    });
    const between = await writeFile('between.json', {
      segments: [
        {
          startMs: 0,
          endMs: 1200,
          text: 'well yes',
          words: [
            { text: ' well', startMs: 0, endMs: 250 },
            { text: ' yes', startMs: 950, endMs: 1200 },
          ],
        },
      ],
    });
    expect(JSON.parse((await run(['analyze', word, '--audio', wav])).stdout)).toMatchObject({ fillerCount: 0, heardFillerCount: 0 });
    expect(JSON.parse((await run(['analyze', between, '--audio', wav])).stdout)).toMatchObject({ fillerCount: 0, heardFillerCount: 1 });
  });

  it('a bad audio file: exit 1 and one line; --audio without a file: exit 2', async () => {
    const transcript = await writeFile('t.json', testTake.transcript);
    expectOneLineFailure(
      await run(['analyze', transcript, '--audio', path.join(dir, 'gone.wav')]),
      1,
      /^rehearse analyze: no such audio file: .*gone\.wav\n$/,
    );
    expectOneLineFailure(await run(['analyze', transcript, '--audio']), 2, /^rehearse analyze: .*--audio.*Usage: rehearse analyze/);
  });
});
