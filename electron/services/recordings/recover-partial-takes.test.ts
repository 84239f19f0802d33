// After a crash, every `.wav.partial` becomes a playable take holding the audio that reached the disk.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWavInfo, wavHeader } from '../audio/wav';
import { recoverPartialTakes } from './recover-partial-takes';
import { TakeStore } from './take-store';
import { WavTakeWriter } from './wav-take-writer';

let base: string;
let store: TakeStore;
const abandoned: WavTakeWriter[] = [];

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-recover-'));
  store = new TakeStore(path.join(base, 'recordings'));
  await store.ensure();
});

afterEach(async () => {
  for (const writer of abandoned.splice(0)) await closeWithoutFinish(writer);
  await rm(base, { recursive: true, force: true });
});

/** What a crash does to a writer: its file handle goes away, nothing is finished or renamed. */
async function closeWithoutFinish(writer: WavTakeWriter): Promise<void> {
  await (writer as unknown as { handle: { close(): Promise<void> } }).handle.close().catch(() => {});
}

function ramp(count: number, from = 0): Int16Array {
  return Int16Array.from({ length: count }, (_, i) => ((from + i * 31) % 65536) - 32768);
}

async function sidecar(takeId: string, questionId: string, startedAt = 1_700_000_000_000): Promise<void> {
  await store.writeMeta({ takeId, questionId, startedAt, status: 'recording', gaps: [{ atMs: 500, gapMs: 30 }] });
}

/** A take crashed mid-write by a real writer that had synced at least once. */
async function crashedTake(takeId: string, samples: number, questionId = 'q-crash'): Promise<Buffer> {
  await sidecar(takeId, questionId);
  let clock = 0;
  const writer = await WavTakeWriter.create(store.partialPath(takeId), store.wavPath(takeId), { syncEveryMs: 1000, now: () => clock });
  abandoned.push(writer);
  const data = ramp(samples);
  await writer.append(data.subarray(0, samples / 2));
  clock = 1_000; // synced here
  await writer.append(data.subarray(samples / 2));
  await closeWithoutFinish(writer);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** A partial file as a crash may leave it: the header written at start (0 bytes declared) and `data`. */
async function partialByHand(takeId: string, data: Buffer): Promise<void> {
  await writeFile(
    store.partialPath(takeId),
    Buffer.concat([wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: 0 }), data]),
  );
}

describe('recoverPartialTakes', () => {
  it('turns a crashed take into <id>.wav whose header matches its data, marked recovered, question kept', async () => {
    const data = await crashedTake('take-crash001', 16_000 * 3, 'q-kept');
    expect(await recoverPartialTakes(store)).toEqual({ recovered: ['take-crash001'], failed: [] });

    expect(existsSync(store.partialPath('take-crash001'))).toBe(false);
    const file = await readFile(store.wavPath('take-crash001'));
    const info = readWavInfo(file);
    expect(info).toMatchObject({
      sampleRate: 16_000,
      channels: 1,
      bitsPerSample: 16,
      dataBytes: data.length,
      declaredDataBytes: data.length,
    });
    expect(file.readUInt32LE(4)).toBe(36 + data.length);
    expect(file.subarray(44).equals(data)).toBe(true);

    const meta = await store.readMeta('take-crash001');
    expect(meta).toEqual({
      takeId: 'take-crash001',
      questionId: 'q-kept',
      startedAt: 1_700_000_000_000,
      status: 'recovered',
      gaps: [{ atMs: 500, gapMs: 30 }],
    });
    const takeInfo = await store.info('take-crash001');
    expect(takeInfo).toMatchObject({ status: 'recovered', questionId: 'q-kept', durationMs: 3_000, bytes: 44 + data.length });
  });

  it('recovers data the header never declared (crash before any sync)', async () => {
    await sidecar('take-nosync01', 'q1');
    const data = Buffer.from(ramp(4_000).buffer);
    await partialByHand('take-nosync01', data);
    await recoverPartialTakes(store);
    const info = readWavInfo(await readFile(store.wavPath('take-nosync01')));
    expect(info.declaredDataBytes).toBe(data.length);
    expect(info.dataBytes).toBe(data.length);
    expect((await store.info('take-nosync01'))?.durationMs).toBe(250);
  });

  it('drops a half-written sample when the file was cut at an odd length', async () => {
    const data = await crashedTake('take-odd0001', 1_000);
    await truncate(store.partialPath('take-odd0001'), 44 + 2 * 700 + 1);
    await recoverPartialTakes(store);
    const file = await readFile(store.wavPath('take-odd0001'));
    expect(file.length).toBe(44 + 1_400);
    const info = readWavInfo(file);
    expect(info.declaredDataBytes).toBe(1_400);
    expect(info.dataBytes).toBe(1_400);
    expect(file.subarray(44).equals(data.subarray(0, 1_400))).toBe(true);
    expect((await store.readMeta('take-odd0001'))?.status).toBe('recovered');
  });

  it.each([0, 1, 20, 43])('makes a valid empty take of a file cut to %i bytes (less than a header)', async (size) => {
    await crashedTake('take-short01', 1_000, 'q-short');
    await truncate(store.partialPath('take-short01'), size);
    expect((await recoverPartialTakes(store)).recovered).toEqual(['take-short01']);
    const file = await readFile(store.wavPath('take-short01'));
    expect(file.length).toBe(44);
    expect(readWavInfo(file)).toMatchObject({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes: 0, declaredDataBytes: 0 });
    expect(await store.readMeta('take-short01')).toMatchObject({ questionId: 'q-short', status: 'recovered' });
    expect(await store.info('take-short01')).toMatchObject({ durationMs: 0, status: 'recovered' });
  });

  it('recovers a take whose sidecar is missing, with an unknown question', async () => {
    await partialByHand('take-nometa1', Buffer.from(ramp(160).buffer));
    expect((await recoverPartialTakes(store)).recovered).toEqual(['take-nometa1']);
    expect(await store.readMeta('take-nometa1')).toMatchObject({
      takeId: 'take-nometa1',
      questionId: 'unknown',
      status: 'recovered',
      gaps: [],
    });
    expect(await store.info('take-nometa1')).toMatchObject({ questionId: 'unknown', status: 'recovered', durationMs: 10 });
  });

  it('recovers several takes, and a second call recovers nothing and changes nothing', async () => {
    await crashedTake('take-many001', 800, 'q-a');
    await crashedTake('take-many002', 1_600, 'q-b');
    expect((await recoverPartialTakes(store)).recovered.sort()).toEqual(['take-many001', 'take-many002']);
    const before = await readFile(store.wavPath('take-many002'));
    expect(await recoverPartialTakes(store)).toEqual({ recovered: [], failed: [] });
    expect((await readFile(store.wavPath('take-many002'))).equals(before)).toBe(true);
    expect(await store.readMeta('take-many001')).toMatchObject({ questionId: 'q-a', status: 'recovered' });
    expect(await store.readMeta('take-many002')).toMatchObject({ questionId: 'q-b', status: 'recovered' });
  });

  it('recovers the others, and reports (without touching) a partial it cannot open', async () => {
    await crashedTake('take-good001', 800, 'q-good');
    await mkdir(store.partialPath('take-dir0001'));
    const report = await recoverPartialTakes(store);
    expect(report.recovered).toEqual(['take-good001']);
    expect(report.failed).toEqual([{ takeId: 'take-dir0001', reason: expect.stringMatching(/EISDIR/) }]);
    expect(existsSync(store.partialPath('take-dir0001'))).toBe(true);
    expect(await store.info('take-good001')).toMatchObject({ questionId: 'q-good', status: 'recovered' });
  });

  it('leaves finished takes and foreign files alone', async () => {
    const finished = ramp(320);
    const writer = await WavTakeWriter.create(store.partialPath('take-done001'), store.wavPath('take-done001'));
    await writer.append(finished);
    await writer.finish();
    await store.writeMeta({ takeId: 'take-done001', questionId: 'q-done', startedAt: 1, status: 'complete', gaps: [] });
    const finishedBytes = await readFile(store.wavPath('take-done001'));
    await writeFile(path.join(store.dir, 'evil.wav.partial'), 'not a take');
    await writeFile(path.join(store.dir, 'take-UPPER1.wav.partial'), 'not a take');

    expect(await recoverPartialTakes(store)).toEqual({ recovered: [], failed: [] });
    expect((await readFile(store.wavPath('take-done001'))).equals(finishedBytes)).toBe(true);
    expect((await store.readMeta('take-done001'))?.status).toBe('complete');
    expect(await readFile(path.join(store.dir, 'evil.wav.partial'), 'utf8')).toBe('not a take');
    expect((await readdir(store.dir)).sort()).toEqual([
      'evil.wav.partial',
      'take-UPPER1.wav.partial',
      'take-done001.json',
      'take-done001.wav',
    ]);
  });
});
