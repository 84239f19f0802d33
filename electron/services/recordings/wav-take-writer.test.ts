// A take is written as it arrives: a valid WAV after finish, and a header that keeps up with the data
// at least every syncEveryMs so a crash loses little.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWavInfo } from '../audio/wav';
import { TakeStore } from './take-store';
import { TAKE_SAMPLE_RATE, WavTakeWriter, type WavTakeWriterOptions } from './wav-take-writer';

const TAKE = 'take-writer01';
let base: string;
let store: TakeStore;
const open: WavTakeWriter[] = [];

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-writer-'));
  store = new TakeStore(path.join(base, 'recordings'));
  await store.ensure();
});

afterEach(async () => {
  // Writers a test left unfinished on purpose: release their file handles.
  for (const writer of open.splice(0)) await (writer as unknown as { handle: { close(): Promise<void> } }).handle.close().catch(() => {});
  await rm(base, { recursive: true, force: true });
});

/** `count` samples of a ramp starting at `from`, so each piece is recognisable in the file. */
function ramp(count: number, from: number): Int16Array {
  return Int16Array.from({ length: count }, (_, i) => ((from + i * 13) % 65536) - 32768);
}

async function create(options: WavTakeWriterOptions = {}): Promise<WavTakeWriter> {
  const writer = await WavTakeWriter.create(store.partialPath(TAKE), store.wavPath(TAKE), options);
  open.push(writer);
  return writer;
}

describe('WavTakeWriter', () => {
  it('writes a take in pieces into a valid 16 kHz mono 16-bit WAV, renamed from .wav.partial to .wav on finish', async () => {
    const writer = await create();
    expect(existsSync(store.partialPath(TAKE))).toBe(true);
    expect(existsSync(store.wavPath(TAKE))).toBe(false);

    const pieces = [ramp(1_000, 0), ramp(0, 0), ramp(601, 5), ramp(16_000, 77)];
    for (const piece of pieces) await writer.append(piece);
    await writer.finish();
    open.splice(open.indexOf(writer), 1);

    expect(existsSync(store.partialPath(TAKE))).toBe(false);
    const file = await readFile(store.wavPath(TAKE));
    const samples = pieces.reduce((sum, p) => sum + p.length, 0);
    expect(file.length).toBe(44 + samples * 2);

    const info = readWavInfo(file);
    expect(info).toMatchObject({
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      format: 'pcm',
      dataOffset: 44,
      dataBytes: samples * 2,
      declaredDataBytes: samples * 2,
    });
    expect(info.durationMs).toBeCloseTo((samples / 16_000) * 1000, 6);
    expect(file.readUInt32LE(4)).toBe(36 + samples * 2);

    // The samples, in order, exactly.
    const expected = Buffer.concat(pieces.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
    expect(file.subarray(44).equals(expected)).toBe(true);
  });

  it('reports what it has written', async () => {
    const writer = await create();
    expect(writer.bytes).toBe(44);
    expect(writer.writtenMs).toBe(0);
    await writer.append(ramp(TAKE_SAMPLE_RATE / 2, 0));
    expect(writer.bytes).toBe(44 + TAKE_SAMPLE_RATE);
    expect(writer.writtenMs).toBe(500);
  });

  it('writes only the viewed part of a sample array that is a view into a larger buffer', async () => {
    const writer = await create();
    const big = ramp(100, 0);
    const view = big.subarray(10, 20);
    await writer.append(view);
    await writer.finish();
    open.splice(open.indexOf(writer), 1);
    const file = await readFile(store.wavPath(TAKE));
    expect(file.length).toBe(44 + 20);
    expect(file.subarray(44).equals(Buffer.from(view.buffer, view.byteOffset, view.byteLength))).toBe(true);
  });

  it('finishes an empty take as a valid WAV of no samples', async () => {
    const writer = await create();
    await writer.finish();
    open.splice(open.indexOf(writer), 1);
    const info = readWavInfo(await readFile(store.wavPath(TAKE)));
    expect(info).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: 0, declaredDataBytes: 0 });
  });

  it('refuses to overwrite a partial file that is already there', async () => {
    await create();
    await expect(WavTakeWriter.create(store.partialPath(TAKE), store.wavPath(TAKE))).rejects.toThrow();
  });

  it('patches the header of the partial file once syncEveryMs of clock has passed, without finish', async () => {
    let clock = 10_000;
    const writer = await create({ syncEveryMs: 2000, now: () => clock });
    const declared = async () => readWavInfo(await readFile(store.partialPath(TAKE))).declaredDataBytes;
    const riffSize = async () => (await readFile(store.partialPath(TAKE))).readUInt32LE(4);

    // Before the interval: the data is on disk but the header still says 0 bytes.
    clock = 10_500;
    await writer.append(ramp(1_600, 0));
    clock = 11_999;
    await writer.append(ramp(1_600, 1));
    expect((await stat(store.partialPath(TAKE))).size).toBe(44 + 6_400);
    expect(await declared()).toBe(0);

    // 2 s after creation: the header declares every byte written so far.
    clock = 12_000;
    await writer.append(ramp(1_600, 2));
    expect(await declared()).toBe(9_600);
    expect(await riffSize()).toBe(36 + 9_600);
    const info = readWavInfo(await readFile(store.partialPath(TAKE)));
    expect(info).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: 9_600 });

    // The interval restarts from that sync: 1.9 s later the header lags behind the data again.
    clock = 13_900;
    await writer.append(ramp(1_600, 3));
    expect(await declared()).toBe(9_600);

    // And catches up once 2 s have passed since the last sync.
    clock = 14_000;
    await writer.append(ramp(1_600, 4));
    expect(await declared()).toBe(16_000);
    expect(existsSync(store.wavPath(TAKE))).toBe(false);
  });

  it('syncs on a timer tick even when the piece is empty', async () => {
    let clock = 0;
    const writer = await create({ syncEveryMs: 2000, now: () => clock });
    await writer.append(ramp(800, 0));
    clock = 2_500;
    await writer.append(new Int16Array(0));
    expect(readWavInfo(await readFile(store.partialPath(TAKE))).declaredDataBytes).toBe(1_600);
  });
});
