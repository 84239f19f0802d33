// Reading a take for transcription, whichever form it is kept in: the WAV as recorded, or the Ogg Opus
// it is compressed to once transcribed ("transcribe again" and a new model read that one).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeOggOpusFile } from '../audio/ogg-opus';
import { encodeMonoWav, floatToInt16, readWavFile } from '../audio/wav';
import { compressTake } from '../recordings/compress-take';
import { TakeStore } from '../recordings/take-store';
import { readTakeSamples } from './read-take-samples';

const JFK = path.resolve(__dirname, '../../../../shared/audio/jfk.wav');

let base: string;
let store: TakeStore;
let speech: Int16Array;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-read-samples-'));
  store = new TakeStore(path.join(base, 'recordings'));
  await store.ensure();
  speech ??= floatToInt16((await readWavFile(JFK)).channels[0] as Float32Array);
  await writeFile(store.wavPath('take-aaaaaa'), encodeMonoWav(speech, 16_000));
  await store.writeMeta({ takeId: 'take-aaaaaa', questionId: 'q1', startedAt: 1, status: 'complete', gaps: [] });
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function collect(file: string, pieceBytes?: number): Promise<{ samples: Int16Array; pieces: number }> {
  const parts: Int16Array[] = [];
  await readTakeSamples(file, (samples) => parts.push(samples.slice()), pieceBytes);
  const samples = new Int16Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    samples.set(part, at);
    at += part.length;
  }
  return { samples, pieces: parts.length };
}

describe('reading a take for transcription', () => {
  it('hands on a WAV take sample for sample, in pieces', async () => {
    const { samples, pieces } = await collect(store.wavPath('take-aaaaaa'), 64 * 1024);
    expect(samples).toEqual(speech);
    expect(pieces).toBeGreaterThan(1);
  });

  it('decodes a compressed take to the same 16 kHz samples as a whole decode, packet by packet, never whole', async () => {
    expect((await compressTake(store, 'take-aaaaaa')).opusBytes).toBeGreaterThan(0);
    const opus = path.join(store.dir, 'take-aaaaaa.opus');
    const whole = (await decodeOggOpusFile(opus)).samples;
    const { samples, pieces } = await collect(opus);
    expect(samples.length).toBe(speech.length);
    expect(samples).toEqual(whole);
    expect(pieces).toBeGreaterThan(100);
  });
});
