// hesitations.get on real files: a take from the hesitation test set (jfk.wav with an "um" the hand-made
// transcript has, and an "er" and a "hmm" it lacks) saved as the app saves takes, heard through the
// services as the renderer reaches them; the cache beside the transcript; a transcript that appears
// later; and the cache going with the take when it is deleted.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TakeHesitations } from '../../shared/contract';
import { createAppServices, type AppServices } from '../app-services';
import { encodeMonoWav, floatToInt16 } from '../audio/wav';
import { compressTake } from '../recordings/compress-take';
import { TakeStore } from '../recordings/take-store';
import { hesitationsPath, recordingsDir, transcriptPath, transcriptsDir } from '../storage/data-layout';
import { findHesitations } from './find-hesitations';
import { TakeHesitationsService } from './take-hesitations';
import { loadManifest, loadTakeAudio, type TestTake } from './test-set-support';

const TAKE = 'take-gbf5aa';
const take = loadManifest().find((candidate) => candidate.id === 'jfk-gb-f5') as TestTake;

let base: string;
let transcripts: string;
const opened: AppServices[] = [];

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-hesitations-'));
  transcripts = transcriptsDir(base);
  const store = new TakeStore(recordingsDir(base));
  await store.ensure();
  await writeFile(store.wavPath(TAKE), encodeMonoWav(floatToInt16(loadTakeAudio(take)), 16_000));
  await store.writeMeta({ takeId: TAKE, questionId: 'q1', startedAt: 1, status: 'complete', gaps: [] });
});

afterEach(async () => {
  for (const services of opened.splice(0)) await services.close();
  await rm(base, { recursive: true, force: true });
});

async function services(): Promise<AppServices> {
  const opening = await createAppServices(base, { version: 'test', host: 'browser' }, () => {});
  opened.push(opening);
  return opening;
}

async function hesitationsOf(app: AppServices, takeId = TAKE): Promise<TakeHesitations> {
  const result = await app.dispatch('hesitations.get', { takeId });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as TakeHesitations;
}

/** Main's transcript of the take, as TranscriptionService saves it. */
async function saveTranscript(): Promise<void> {
  await mkdir(transcripts, { recursive: true });
  const state = { takeId: TAKE, status: 'done', progress: 100, transcript: take.transcript, error: null, errorCode: null, afterStopMs: 0 };
  await writeFile(transcriptPath(transcripts, TAKE), JSON.stringify(state));
}

const near = (ms: number) => expect.closeTo(ms, -2.5);

describe('hesitations.get', () => {
  it('hears the inserted fillers in a saved take without a transcript, each standing on its own', async () => {
    const { hesitations, basedOnTranscript } = await hesitationsOf(await services());
    expect(basedOnTranscript).toBe(false);
    expect(hesitations.map((h) => ({ startMs: h.startMs, transcribed: h.transcribed }))).toEqual(
      take.items.map((item) => ({ startMs: near(item.startMs), transcribed: false })),
    );
  });

  it('still hears each of them once the take is compressed to Ogg Opus', async () => {
    await compressTake(new TakeStore(recordingsDir(base)), TAKE);
    const { hesitations } = await hesitationsOf(await services());
    expect(hesitations.map((h) => ({ startMs: h.startMs, transcribed: h.transcribed }))).toEqual(
      take.items.map((item) => ({ startMs: near(item.startMs), transcribed: false })),
    );
  });

  it('judges them by the saved transcript: the transcribed "um" is marked so, the other two are heard only', async () => {
    await saveTranscript();
    const { hesitations, basedOnTranscript } = await hesitationsOf(await services());
    expect(basedOnTranscript).toBe(true);
    expect(hesitations).toEqual([
      expect.objectContaining({ startMs: near(5050), kind: 'um', transcribed: true, word: 'um,' }),
      expect.objectContaining({ startMs: near(7245), transcribed: false }),
      expect.objectContaining({ startMs: near(9385), transcribed: false }),
    ]);
  });

  it('is computed once, kept beside the transcript, and again when a transcript appears', async () => {
    const find = vi.fn(findHesitations);
    const audioPathOf = async (takeId: string) => (takeId === TAKE ? path.join(recordingsDir(base), `${TAKE}.wav`) : null);
    const service = new TakeHesitationsService({ transcriptsDir: transcripts, audioPathOf, find });
    const first = await service.get(TAKE);
    expect(await service.get(TAKE)).toEqual(first);
    expect(find).toHaveBeenCalledTimes(1);
    expect(await readdir(transcripts)).toEqual([path.basename(hesitationsPath(transcripts, TAKE))]);
    // Also in a new session (after a restart), from the file.
    expect(await new TakeHesitationsService({ transcriptsDir: transcripts, audioPathOf, find }).get(TAKE)).toEqual(first);
    expect(find).toHaveBeenCalledTimes(1);

    await saveTranscript();
    const judged = await service.get(TAKE);
    expect(find).toHaveBeenCalledTimes(2);
    expect(judged.basedOnTranscript).toBe(true);
    expect(judged.hesitations.filter((h) => h.transcribed)).toHaveLength(1);

    // A damaged cache is computed again, not trusted.
    await writeFile(hesitationsPath(transcripts, TAKE), '{"hesitations": 3');
    expect(await service.get(TAKE)).toEqual(judged);
    expect(find).toHaveBeenCalledTimes(3);
  });

  it('answers two requests for one take with one computation', async () => {
    const find = vi.fn(findHesitations);
    const service = new TakeHesitationsService({
      transcriptsDir: transcripts,
      audioPathOf: async () => path.join(recordingsDir(base), `${TAKE}.wav`),
      find,
    });
    const [a, b] = await Promise.all([service.get(TAKE), service.get(TAKE)]);
    expect(a).toEqual(b);
    expect(find).toHaveBeenCalledTimes(1);
  });

  it('answers an unknown take with a not-found result, not an exception', async () => {
    expect(await (await services()).dispatch('hesitations.get', { takeId: 'take-unknown1' })).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: expect.stringContaining('take-unknown1') },
    });
  });

  it('refuses a request that is not a take id', async () => {
    expect(await (await services()).dispatch('hesitations.get', { takeId: '../recordings/x' })).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringContaining('takeId') },
    });
  });

  it('goes with the take when it is deleted', async () => {
    const app = await services();
    await saveTranscript();
    await hesitationsOf(app);
    expect((await readdir(transcripts)).sort()).toEqual([`${TAKE}.hesitations.json`, `${TAKE}.json`]);
    expect(await app.dispatch('recordings.delete', { takeIds: [TAKE] })).toMatchObject({ ok: true, value: { deleted: 1 } });
    expect(await readdir(transcripts)).toEqual([]);
  });
});
