// A take's transcription over its whole life: deleted while it runs, its file unreadable, the app
// quitting mid-way, leftovers from a crash. A fake engine that waits to be told stands in for whisper,
// so what happens between "the engine started" and "the engine answered" is under the test's control.
import { existsSync, promises as fsp } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Transcript, TranscriptionState } from '../../shared/contract';
import { encodeMonoWav } from '../audio/wav';
import { TakeStore } from '../recordings/take-store';
import { deleteTakes } from '../storage/delete-takes';
import type { Transcribe } from './take-transcriber';
import { TranscriptionService } from './transcription-service';

const RATE = 16_000;
const SAID: Transcript = { segments: [{ startMs: 0, endMs: 900, text: 'Hello there.', words: [] }] };

/** 1 s of a 200 Hz tone then 1 s of quiet, `seconds` long: speech to the gate. */
function speechLike(seconds: number): Int16Array {
  const samples = new Int16Array(seconds * RATE);
  for (let i = 0; i < samples.length; i++)
    if (Math.floor(i / RATE) % 2 === 0) samples[i] = Math.round(8000 * Math.sin((2 * Math.PI * 200 * i) / RATE));
  return samples;
}

/** An engine whose every call waits until the test answers it (or its signal is aborted). */
function heldEngine() {
  const calls: { wavPath: string; signal: AbortSignal; answer: (t: Transcript) => void }[] = [];
  const waiters: (() => void)[] = [];
  const transcribe: Transcribe = (wavPath, { signal }) =>
    new Promise<Transcript>((resolve, reject) => {
      calls.push({ wavPath, signal, answer: resolve });
      signal.addEventListener('abort', () => reject(Object.assign(new Error('cancelled'), { code: 'cancelled' })), { once: true });
      waiters.splice(0).forEach((wake) => wake());
    });
  const called = async (n: number) => {
    while (calls.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    return calls[n - 1] as (typeof calls)[number];
  };
  return { transcribe, calls, called };
}

let dir: string;
let store: TakeStore;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-lifecycle-'));
  store = new TakeStore(path.join(dir, 'recordings'));
  await store.ensure();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

function service(transcribe: Transcribe) {
  return new TranscriptionService({
    dataDir: dir,
    engine: async () => transcribe,
    audioPathOf: async (takeId) => (existsSync(store.wavPath(takeId)) ? store.wavPath(takeId) : null),
  });
}

async function settled(transcription: TranscriptionService, takeId: string): Promise<TranscriptionState> {
  for (;;) {
    const state = await transcription.get(takeId);
    if (['done', 'failed', 'cancelled'].includes(state.status)) return state;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const transcriptsDir = () => path.join(dir, 'transcripts');
const workFiles = async () => readdir(path.join(transcriptsDir(), 'work')).catch(() => [] as string[]);

describe('deleting a take stops its transcription', () => {
  it('a running job is cancelled, its late result thrown away, and the take is gone from memory too', async () => {
    const engine = heldEngine();
    const transcription = service(engine.transcribe);
    await writeFile(store.wavPath('take-dddddd'), encodeMonoWav(speechLike(4), RATE));
    await store.writeMeta({ takeId: 'take-dddddd', questionId: 'q', startedAt: 1, status: 'complete', gaps: [] });
    transcription.started('take-dddddd');
    transcription.audio('take-dddddd', speechLike(4));
    transcription.stopped('take-dddddd');
    const running = await engine.called(1);

    const deleted = await deleteTakes(
      { store, transcriptsDir: transcriptsDir(), recordingIds: async () => new Set(), forget: (ids) => transcription.forget(ids) },
      ['take-dddddd'],
    );
    expect(deleted.deleted).toBe(1);
    expect(running.signal.aborted).toBe(true);
    // The engine answers anyway, after the delete said it was done.
    running.answer(SAID);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(existsSync(path.join(transcriptsDir(), 'take-dddddd.json'))).toBe(false);
    await expect(transcription.get('take-dddddd')).rejects.toMatchObject({ code: 'not-found' });
    expect(await workFiles()).toEqual([]);
  });

  it('a queued job never starts', async () => {
    const engine = heldEngine();
    const transcription = service(engine.transcribe);
    for (const takeId of ['take-eeeeee', 'take-ffffff']) {
      transcription.started(takeId);
      transcription.audio(takeId, speechLike(4));
      transcription.stopped(takeId);
    }
    const first = await engine.called(1);
    expect(first.wavPath).toContain('take-eeeeee');
    await transcription.forget(['take-ffffff']);
    first.answer(SAID);
    expect(await settled(transcription, 'take-eeeeee')).toMatchObject({ status: 'done' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engine.calls.map((call) => path.basename(call.wavPath))).toEqual(['take-eeeeee-0.wav']);
    expect(existsSync(path.join(transcriptsDir(), 'take-ffffff.json'))).toBe(false);
  });
});

describe('transcribing a finished take from its file', () => {
  it('reads the file in pieces, never whole, and hands the transcriber every sample', async () => {
    const seconds = 100; // 3.2 MB: more than three pieces
    const audio = speechLike(seconds);
    await writeFile(store.wavPath('take-kkkkkk'), encodeMonoWav(audio, RATE));
    const readFile = vi.spyOn(fsp, 'readFile');
    const engine = heldEngine();
    const transcription = service(engine.transcribe);
    await transcription.get('take-kkkkkk');
    expect(readFile.mock.calls.map(([file]) => String(file))).not.toContain(store.wavPath('take-kkkkkk'));
    // Every chunk the transcriber sends lies within the take: it was given all 100 s of it.
    let answered = 0;
    for (;;) {
      const state = await transcription.get('take-kkkkkk');
      if (state.status === 'done') break;
      if (engine.calls.length > answered) engine.calls[answered++]?.answer({ segments: [] });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(answered).toBeGreaterThanOrEqual(3);
  });

  it('a file that cannot be read fails with a clear message, and retry works once it can', async () => {
    const engine = heldEngine();
    const transcription = service(engine.transcribe);
    await writeFile(store.wavPath('take-gggggg'), 'this is not audio');
    const failed = await transcription.get('take-gggggg');
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'audio-unreadable' });
    expect(failed.error).toMatch(/could not read/i);
    expect(await transcription.get('take-gggggg')).toMatchObject({ status: 'failed' });

    await writeFile(store.wavPath('take-gggggg'), encodeMonoWav(speechLike(2), RATE));
    const retried = await transcription.retry('take-gggggg');
    expect(retried.status).not.toBe('failed');
    (await engine.called(1)).answer(SAID);
    expect(await settled(transcription, 'take-gggggg')).toMatchObject({ status: 'done', transcript: SAID });
  });
});

describe('a full disk', () => {
  it('fails with a message saying the disk is full, and retry transcribes the take once there is space', async () => {
    let full = true;
    const transcription = service(async () => {
      if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return SAID;
    });
    await writeFile(store.wavPath('take-llllll'), encodeMonoWav(speechLike(2), RATE));
    await transcription.get('take-llllll');
    const failed = await settled(transcription, 'take-llllll');
    expect(failed).toMatchObject({ status: 'failed', errorCode: 'disk-full' });
    expect(failed.error).toMatch(/disk is full.*Retry/);
    full = false;
    await transcription.retry('take-llllll');
    expect(await settled(transcription, 'take-llllll')).toMatchObject({ status: 'done', transcript: SAID });
  });
});

describe('quitting and starting again', () => {
  it('close cancels the queue, stops the engine and removes the work files', async () => {
    const engine = heldEngine();
    const transcription = service(engine.transcribe);
    for (const takeId of ['take-hhhhhh', 'take-iiiiii']) {
      transcription.started(takeId);
      transcription.audio(takeId, speechLike(4));
      transcription.stopped(takeId);
    }
    const running = await engine.called(1);
    expect(await workFiles()).toHaveLength(1);
    await transcription.close();
    expect(running.signal.aborted).toBe(true);
    expect(engine.calls).toHaveLength(1);
    expect(await workFiles()).toEqual([]);
  });

  it('start-up removes the work files a crash left', async () => {
    await mkdir(path.join(transcriptsDir(), 'work'), { recursive: true });
    await writeFile(path.join(transcriptsDir(), 'work', 'take-jjjjjj-3.wav'), 'left by a crash');
    await TranscriptionService.removeLeftoverWork(dir);
    expect(await workFiles()).toEqual([]);
  });
});
