// Deleting takes for good and measuring what Rehearse keeps on disk, on real files in a temp data folder,
// and through the services as the renderer reaches them (a take being recorded cannot be deleted).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeMonoWav } from '../audio/wav';
import { createAppServices, type AppServices } from '../app-services';
import { TakeStore } from '../recordings/take-store';
import { ServiceError } from '../service-error';
import { hesitationsPath, transcriptsDir } from './data-layout';
import { deleteTakes, takeFiles } from './delete-takes';
import { folderBytes, storageUsage } from './storage-usage';

let base: string;
let store: TakeStore;
let transcripts: string;
const opened: AppServices[] = [];

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-storage-'));
  store = new TakeStore(path.join(base, 'recordings'));
  await store.ensure();
  transcripts = transcriptsDir(base);
});

afterEach(async () => {
  for (const services of opened.splice(0)) await services.close();
  await rm(base, { recursive: true, force: true });
});

/** A finished take with audio, sidecar and transcript; returns the bytes each file holds. */
async function take(takeId: string, samples = 1600): Promise<number> {
  const wav = encodeMonoWav(new Int16Array(samples).fill(100), 16_000);
  await writeFile(store.wavPath(takeId), wav);
  await store.writeMeta({ takeId, questionId: 'q1', startedAt: 1, status: 'complete', gaps: [] });
  await mkdir(transcripts, { recursive: true });
  const transcript = JSON.stringify({ takeId, status: 'done', progress: 100, transcript: { segments: [] } });
  await writeFile(path.join(transcripts, `${takeId}.json`), transcript);
  return wav.length + (await stat(store.metaPath(takeId))).size + Buffer.byteLength(transcript);
}

const noneRecording = async () => new Set<string>();

describe('deleteTakes', () => {
  it('removes the audio (WAV or Opus), sidecar, partial files, transcript, hesitations and leftover temp files of each take, counting the bytes', async () => {
    const first = await take('take-aaaaaa');
    const second = await take('take-bbbbbb');
    await writeFile(store.opusPath('take-bbbbbb'), 'OggS compressed');
    await writeFile(store.opusPartialPath('take-bbbbbb'), 'OggS half');
    await writeFile(store.partialPath('take-aaaaaa'), 'partial!');
    await writeFile(`${store.metaPath('take-aaaaaa')}.tmp`, 'tmp');
    await writeFile(hesitationsPath(transcripts, 'take-bbbbbb'), '{}');
    const kept = await take('take-cccccc');
    const result = await deleteTakes({ store, transcriptsDir: transcripts, recordingIds: noneRecording }, ['take-aaaaaa', 'take-bbbbbb']);
    const extra = 'partial!'.length + 'tmp'.length + '{}'.length + 'OggS compressed'.length + 'OggS half'.length;
    expect(result).toEqual({ deleted: 2, bytesFreed: first + second + extra });
    expect((await readdir(store.dir)).sort()).toEqual(['take-cccccc.json', 'take-cccccc.wav']);
    expect(await readdir(transcripts)).toEqual(['take-cccccc.json']);
    expect(await folderBytes(base)).toBe(kept);
  });

  it('skips ids it does not know, without an error', async () => {
    const bytes = await take('take-aaaaaa');
    const result = await deleteTakes({ store, transcriptsDir: transcripts, recordingIds: noneRecording }, [
      'take-zzzzzz',
      'take-aaaaaa',
      'take-yyyyyy',
    ]);
    expect(result).toEqual({ deleted: 1, bytesFreed: bytes });
    expect(await deleteTakes({ store, transcriptsDir: transcripts, recordingIds: noneRecording }, ['take-aaaaaa'])).toEqual({
      deleted: 0,
      bytesFreed: 0,
    });
  });

  it('refuses a take being recorded, deleting nothing of the others asked for', async () => {
    await take('take-aaaaaa');
    await take('take-bbbbbb');
    const before = await folderBytes(base);
    const recording = async () => new Set(['take-bbbbbb']);
    const error = await deleteTakes({ store, transcriptsDir: transcripts, recordingIds: recording }, ['take-aaaaaa', 'take-bbbbbb']).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/take-bbbbbb is being recorded/) });
    expect(await folderBytes(base)).toBe(before);
  });

  it('only ever names files of that take id, inside the data folder', async () => {
    expect(() => takeFiles(store, transcripts, '../../etc/passwd')).toThrow(ServiceError);
    expect(() => takeFiles(store, transcripts, 'take-abcdef/../../x')).toThrow(ServiceError);
    for (const file of takeFiles(store, transcripts, 'take-abcdef')) {
      expect([store.dir, transcripts]).toContain(path.dirname(file));
      expect(path.basename(file).startsWith('take-abcdef.')).toBe(true);
    }
  });

  it('removes a symbolic link in its place, never what it points to', async () => {
    const outside = path.join(base, 'outside.txt');
    await writeFile(outside, 'not ours');
    await symlink(outside, store.wavPath('take-aaaaaa'));
    const result = await deleteTakes({ store, transcriptsDir: transcripts, recordingIds: noneRecording }, ['take-aaaaaa']);
    expect(result.deleted).toBe(1);
    expect(await readdir(store.dir)).toEqual([]);
    expect((await stat(outside)).size).toBe('not ours'.length);
  });
});

describe('storageUsage', () => {
  it('is all zeros for a data folder with nothing in it yet', async () => {
    const empty = path.join(base, 'empty');
    expect(
      await storageUsage({
        store: new TakeStore(path.join(empty, 'recordings')),
        transcriptsDir: transcriptsDir(empty),
        modelsDir: path.join(empty, 'models'),
      }),
    ).toEqual({ recordingsBytes: 0, transcriptsBytes: 0, modelsBytes: 0, takes: 0 });
  });

  it('adds up recordings, transcripts (work files too) and models, and counts finished and partial takes', async () => {
    await take('take-aaaaaa', 16_000);
    await take('take-bbbbbb', 800);
    await writeFile(store.partialPath('take-cccccc'), Buffer.alloc(1000));
    await mkdir(path.join(transcripts, 'work'), { recursive: true });
    await writeFile(path.join(transcripts, 'work', 'chunk.wav'), Buffer.alloc(500));
    const models = path.join(base, 'models');
    await mkdir(models);
    await writeFile(path.join(models, 'ggml-tiny.en.bin'), Buffer.alloc(4096));
    const sizes = async (dir: string) => {
      let total = 0;
      for (const name of await readdir(dir)) total += (await stat(path.join(dir, name))).size;
      return total;
    };
    expect(await storageUsage({ store, transcriptsDir: transcripts, modelsDir: models })).toEqual({
      recordingsBytes: await sizes(store.dir),
      transcriptsBytes: (await sizes(transcripts)) - (await stat(path.join(transcripts, 'work'))).size + 500,
      modelsBytes: 4096,
      takes: 3,
    });
  });
});

describe('recordings.delete and storage.usage through the services', () => {
  it('refuses to delete the take being recorded; once stopped it can be', async () => {
    const services = await createAppServices(base, { version: 'test', host: 'browser' }, () => {});
    opened.push(services);
    const started = await services.dispatch('recording.start', { questionId: 'q1' });
    if (!started.ok) throw new Error(started.error.message);
    const { takeId } = started.value as { takeId: string };
    expect(await services.dispatch('recordings.delete', { takeIds: [takeId] })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringContaining(takeId) },
    });
    expect(await services.dispatch('recording.stop', { takeId })).toMatchObject({ ok: true });
    const usage = await services.dispatch('storage.usage', {});
    expect(usage).toMatchObject({ ok: true, value: { takes: 1, recordingsBytes: expect.any(Number) } });
    const deleted = await services.dispatch('recordings.delete', { takeIds: [takeId, 'take-unknown1'] });
    expect(deleted).toMatchObject({ ok: true, value: { deleted: 1 } });
    expect(await services.dispatch('recordings.list', {})).toEqual({ ok: true, value: [] });
    expect(await services.dispatch('storage.usage', {})).toMatchObject({ ok: true, value: { takes: 0, recordingsBytes: 0 } });
  });
  it('removes the engine audio a transcription cut by a crash left in transcripts/work, so it is not counted for ever', async () => {
    // What a kill of the app while the engine ran leaves (npm run soak:crash found one per such kill).
    const bytes = await take('take-kept01');
    await mkdir(path.join(transcripts, 'work'), { recursive: true });
    await writeFile(path.join(transcripts, 'work', 'take-cut0001-0.wav'), encodeMonoWav(new Int16Array(16_000), 16_000));
    const services = await createAppServices(base, { version: 'test', host: 'browser' }, () => {});
    opened.push(services);
    expect(existsSync(path.join(transcripts, 'work', 'take-cut0001-0.wav'))).toBe(false);
    expect(existsSync(path.join(transcripts, 'take-kept01.json'))).toBe(true);
    const usage = await services.dispatch('storage.usage', {});
    expect(usage).toMatchObject({ ok: true, value: { takes: 1 } });
    const { recordingsBytes, transcriptsBytes } = (usage as { value: { recordingsBytes: number; transcriptsBytes: number } }).value;
    expect(recordingsBytes + transcriptsBytes).toBe(bytes);
  });
});
