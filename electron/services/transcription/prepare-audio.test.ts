import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWavFile, readWavInfo, wavHeader } from '../audio/wav';
import { JFK_WAV, sox } from './engine-test-support';
import { toWhisperWav } from './prepare-audio';
import { TranscriptionError } from './transcription-error';

let dir: string;
let outDir: string;
let jfk: Float32Array;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-prepare-test-'));
  outDir = path.join(dir, 'out');
  jfk = (await readWavFile(JFK_WAV)).channels[0] as Float32Array;
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

/** Normalised cross-correlation at lag 0: 1 for the same signal. */
function similarity(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return ab / Math.sqrt(aa * bb);
}

async function expectWhisperWavOfJfk(file: string): Promise<void> {
  const { info, channels } = await readWavFile(file);
  expect(info).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, format: 'pcm' });
  expect(info.declaredDataBytes).toBe(info.dataBytes);
  expect(Math.abs((channels[0]?.length ?? 0) - jfk.length)).toBeLessThanOrEqual(2);
  expect(similarity(channels[0] as Float32Array, jfk)).toBeGreaterThan(0.99);
}

async function failure(promise: Promise<unknown>): Promise<TranscriptionError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TranscriptionError);
  return error as TranscriptionError;
}

describe('toWhisperWav', () => {
  it('returns a 16 kHz mono 16-bit WAV as it is, without writing anything', async () => {
    expect(await toWhisperWav(JFK_WAV, outDir)).toBe(JFK_WAV);
    await expect(fs.readdir(outDir)).rejects.toThrow();
  });

  it('converts 44.1 kHz stereo to 16 kHz mono with the same audio', async () => {
    const input = path.join(dir, 'stereo 44k.wav');
    sox([JFK_WAV, '-r', '44100', '-c', '2', input]);
    const out = await toWhisperWav(input, outDir);
    expect(path.dirname(out)).toBe(outDir);
    expect(path.basename(out)).toBe('stereo_44k.16k.wav');
    await expectWhisperWavOfJfk(out);
  });

  it('converts 48 kHz 32-bit float and 16 kHz 24-bit mono', async () => {
    const float = path.join(dir, 'float48.wav');
    sox([JFK_WAV, '-r', '48000', '-e', 'floating-point', '-b', '32', float]);
    await expectWhisperWavOfJfk(await toWhisperWav(float, outDir));
    const deep = path.join(dir, 'deep.wav');
    sox([JFK_WAV, '-b', '24', deep]);
    await expectWhisperWavOfJfk(await toWhisperWav(deep, outDir));
  });

  it('gives the output a safe name whatever the input is called', async () => {
    const input = path.join(dir, `it's a "take" $(x) ü.wav`);
    sox([JFK_WAV, '-r', '22050', input]);
    const out = await toWhisperWav(input, outDir);
    expect(path.basename(out)).toMatch(/^[A-Za-z0-9._-]+\.16k\.wav$/);
  });

  it('rewrites a 16 kHz file cut short (a crashed take) from the audio that is there, with a warning', async () => {
    const full = await fs.readFile(JFK_WAV);
    const input = path.join(dir, 'cut.wav');
    // one byte into the next sample: only whole frames count
    await fs.writeFile(input, full.subarray(0, readWavInfo(full).dataOffset + 32_001));
    const warnings: string[] = [];
    const out = await toWhisperWav(input, outDir, { onWarning: (message) => warnings.push(message) });
    expect(out).not.toBe(input);
    const { info } = await readWavFile(out);
    expect(info).toMatchObject({ sampleRate: 16_000, channels: 1, dataBytes: 32_000, declaredDataBytes: 32_000 });
    expect(warnings).toEqual([expect.stringMatching(/^cut\.wav is cut short \(32000 of \d+ audio bytes\); transcribing the 1\.0 s/)]);
  });

  it('refuses a missing file, a folder, and a file that is not a WAV', async () => {
    expect(await failure(toWhisperWav(path.join(dir, 'missing.wav'), outDir))).toMatchObject({
      code: 'audio-invalid',
      message: expect.stringMatching(/^no such audio file: .*missing\.wav$/),
    });
    expect((await failure(toWhisperWav(dir, outDir))).code).toBe('audio-invalid');
    const text = path.join(dir, 'notes.wav');
    await fs.writeFile(text, 'these are my notes, not audio\n');
    expect(await failure(toWhisperWav(text, outDir))).toMatchObject({
      code: 'audio-invalid',
      message: expect.stringContaining('notes.wav is not a WAV file'),
    });
  });

  it('refuses a WAV with no audio and one cut inside its header', async () => {
    const empty = path.join(dir, 'empty.wav');
    await fs.writeFile(empty, wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: 0 }));
    expect(await failure(toWhisperWav(empty, outDir))).toMatchObject({
      code: 'audio-invalid',
      message: expect.stringContaining('holds no audio'),
    });
    const headerOnly = path.join(dir, 'header-only.wav');
    await fs.writeFile(headerOnly, wavHeader({ sampleRate: 44_100, channels: 2, bitsPerSample: 16, dataBytes: 100_000 }));
    expect(await failure(toWhisperWav(headerOnly, outDir))).toMatchObject({
      code: 'audio-invalid',
      message: expect.stringContaining('holds no audio'),
    });
    const cut = path.join(dir, 'cut-header.wav');
    await fs.writeFile(cut, (await fs.readFile(JFK_WAV)).subarray(0, 30));
    expect(await failure(toWhisperWav(cut, outDir))).toMatchObject({
      code: 'audio-invalid',
      message: expect.stringContaining('cut off or damaged'),
    });
  });
});
