// Where takes live on disk and what the store says about them.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { wavHeader } from '../audio/wav';
import { TakeStore, type TakeMeta } from './take-store';

let base: string;
let store: TakeStore;

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-store-'));
  store = new TakeStore(path.join(base, 'recordings'));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const meta = (takeId: string, overrides: Partial<TakeMeta> = {}): TakeMeta => ({
  takeId,
  questionId: 'q1',
  startedAt: 1_700_000_000_000,
  status: 'complete',
  gaps: [],
  ...overrides,
});

async function wav(takeId: string, dataBytes: number): Promise<void> {
  await writeFile(
    store.wavPath(takeId),
    Buffer.concat([wavHeader({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataBytes }), Buffer.alloc(dataBytes)]),
  );
}

describe('TakeStore', () => {
  it('creates its folder and names files inside it', async () => {
    await store.ensure();
    await store.ensure(); // twice is fine
    expect(store.wavPath('take-abc123')).toBe(path.join(base, 'recordings', 'take-abc123.wav'));
    expect(store.partialPath('take-abc123')).toBe(path.join(base, 'recordings', 'take-abc123.wav.partial'));
  });

  it('scans nothing from a folder that does not exist yet', async () => {
    expect(await store.scan()).toEqual({ finished: [], partial: [], wav: [] });
  });

  it('scans finished (WAV or Opus) and partial takes and ignores foreign files', async () => {
    await store.ensure();
    await wav('take-done001', 10);
    await writeFile(store.opusPath('take-opus001'), 'OggS');
    await writeFile(store.opusPartialPath('take-opus002'), 'OggS');
    await writeFile(store.partialPath('take-live001'), '');
    for (const name of [
      'notes.txt',
      'x.wav',
      'take-ABC123.wav',
      'take-abc.wav',
      'take-abc123.wav.bak',
      'take-abc123.wav.partial.old',
      'take-done001.json',
      'take-done001.json.tmp',
      '.take-abc123.wav',
      'take-abc123.WAV',
    ]) {
      await writeFile(path.join(store.dir, name), 'x');
    }
    await mkdir(path.join(store.dir, 'subdir'));
    const scanned = await store.scan();
    expect(scanned.finished.sort()).toEqual(['take-done001', 'take-opus001']);
    expect(scanned.wav).toEqual(['take-done001']);
    expect(scanned.partial).toEqual(['take-live001']);
  });

  it('writes and reads a sidecar, replacing it without leaving temp files', async () => {
    await store.ensure();
    await store.writeMeta(meta('take-abc123', { status: 'recording', questionId: 'q-first' }));
    await store.writeMeta(meta('take-abc123', { status: 'complete', questionId: 'q-first', gaps: [{ atMs: 1, gapMs: 20 }] }));
    expect(await store.readMeta('take-abc123')).toEqual(
      meta('take-abc123', { status: 'complete', questionId: 'q-first', gaps: [{ atMs: 1, gapMs: 20 }] }),
    );
    expect(await readdir(store.dir)).toEqual(['take-abc123.json']);
  });

  it('reads no sidecar when it is missing or corrupt', async () => {
    await store.ensure();
    expect(await store.readMeta('take-none01')).toBeNull();
    await writeFile(path.join(store.dir, 'take-bad0001.json'), '{ half a sidecar');
    expect(await store.readMeta('take-bad0001')).toBeNull();
  });

  it('describes a finished take: duration from the data on disk, facts from the sidecar', async () => {
    await store.ensure();
    await wav('take-abc123', 16_000 * 2 * 3 + 3_200); // 3.1 s
    await store.writeMeta(meta('take-abc123', { questionId: 'q-info', startedAt: 42, gaps: [{ atMs: 900, gapMs: 25 }] }));
    expect(await store.info('take-abc123')).toEqual({
      takeId: 'take-abc123',
      questionId: 'q-info',
      startedAt: 42,
      status: 'complete',
      durationMs: 3_100,
      fileName: 'take-abc123.wav',
      bytes: 44 + 99_200,
      gaps: [{ atMs: 900, gapMs: 25 }],
    });
  });

  it('reports a recovered take as recovered, and a sidecar still saying recording as complete', async () => {
    await store.ensure();
    await wav('take-rec0001', 320);
    await store.writeMeta(meta('take-rec0001', { status: 'recovered' }));
    expect(await store.info('take-rec0001')).toMatchObject({ status: 'recovered', durationMs: 10 });
    await wav('take-stale01', 320);
    await store.writeMeta(meta('take-stale01', { status: 'recording' }));
    expect((await store.info('take-stale01'))?.status).toBe('complete');
  });

  it('describes a compressed take by its Opus file, its length from the sidecar', async () => {
    await store.ensure();
    await writeFile(store.opusPath('take-opus001'), Buffer.alloc(2_000));
    await store.writeMeta(meta('take-opus001', { durationMs: 61_234 }));
    expect(await store.info('take-opus001')).toMatchObject({ fileName: 'take-opus001.opus', bytes: 2_000, durationMs: 61_234 });
  });

  it('describes a finished take without a sidecar', async () => {
    await store.ensure();
    await wav('take-orphan1', 1_600);
    expect(await store.info('take-orphan1')).toMatchObject({ questionId: 'unknown', status: 'complete', durationMs: 50, gaps: [] });
  });

  it('has no info for a take without a finished file, even if it is partial', async () => {
    await store.ensure();
    await writeFile(store.partialPath('take-live001'), Buffer.alloc(1_000));
    await store.writeMeta(meta('take-live001', { status: 'recording' }));
    expect(await store.info('take-live001')).toBeNull();
    expect(await store.info('take-none001')).toBeNull();
  });
});
