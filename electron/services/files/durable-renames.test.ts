// Every rename that gives a file of the person's its final name (a take, its sidecar, a recovered take,
// a transcript, a model) is followed by a sync of its folder: before that, a power cut can undo it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadModel } from '../models/model-download';
import { ModelStore } from '../models/model-store';
import { recoverPartialTakes } from '../recordings/recover-partial-takes';
import { TakeStore } from '../recordings/take-store';
import { WavTakeWriter } from '../recordings/wav-take-writer';
import { TranscriptionService } from '../transcription/transcription-service';
import { foldersSyncedBy } from './fs-test-support';

const MODEL = readFileSync('/work/shared/models/for-tests-ggml-tiny.en.bin');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-durable-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('renames are synced to disk', () => {
  it('a take finished at Stop', async () => {
    const writer = await WavTakeWriter.create(path.join(dir, 'take-a.wav.partial'), path.join(dir, 'take-a.wav'));
    await writer.append(new Int16Array(1600));
    expect(await foldersSyncedBy(() => writer.finish())).toContain(dir);
  });

  it('a take’s sidecar', async () => {
    const store = new TakeStore(dir);
    const meta = { takeId: 'take-aaaaaa', questionId: 'q', startedAt: 1, status: 'recording' as const, gaps: [] };
    expect(await foldersSyncedBy(() => store.writeMeta(meta))).toContain(dir);
  });

  it('a take recovered after a crash', async () => {
    const store = new TakeStore(dir);
    await writeFile(store.partialPath('take-bbbbbb'), Buffer.alloc(44 + 3200));
    const synced = await foldersSyncedBy(() => recoverPartialTakes(store));
    // Its sidecar, then its audio.
    expect(synced.filter((folder) => folder === dir).length).toBeGreaterThanOrEqual(2);
  });

  it('a transcript', async () => {
    const service = new TranscriptionService({
      dataDir: dir,
      engine: async () => async () => ({ segments: [] }),
      audioPathOf: async () => null,
    });
    const synced = await foldersSyncedBy(async () => {
      service.started('take-cccccc');
      service.audio('take-cccccc', new Int16Array(16_000));
      service.stopped('take-cccccc');
      await service.get('take-cccccc');
      for (let i = 0; i < 100 && (await service.get('take-cccccc')).status !== 'done'; i++) await new Promise((r) => setTimeout(r, 20));
    });
    expect(synced).toContain(path.join(dir, 'transcripts'));
  });

  it('a downloaded model', async () => {
    const dest = path.join(dir, 'models', 'ggml-tiny.en.bin');
    const hex = createHash('sha256').update(MODEL).digest('hex');
    const synced = await foldersSyncedBy(() =>
      downloadModel({
        url: 'https://models.test/tiny.bin',
        dest,
        checksum: { algorithm: 'sha256', hex },
        fetchImpl: async () => ({ status: 200, headers: { 'content-length': String(MODEL.length) }, body: Readable.from([MODEL]) }),
      }),
    );
    expect(synced).toContain(path.join(dir, 'models'));
  });

  it('an imported model', async () => {
    const source = path.join(dir, 'ggml-tiny.en.bin');
    await writeFile(source, MODEL);
    const store = new ModelStore(path.join(dir, 'models'));
    expect(await foldersSyncedBy(() => store.importLocalFile(source))).toContain(path.join(dir, 'models'));
  });
});
