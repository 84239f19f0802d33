// The background compression of takes: which takes, in what order, one at a time, never beside a
// transcription, and a failure retried later without losing the WAV.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeMonoWav } from '../audio/wav';
import { AudioCompactor, type AudioCompactorOptions } from './audio-compactor';
import { CompressError, type CompressResult } from './compress-take';
import { TakeStore } from './take-store';

let base: string;
let store: TakeStore;
const compactors: AudioCompactor[] = [];

beforeEach(async () => {
  base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-compactor-'));
  store = new TakeStore(path.join(base, 'recordings'));
  await store.ensure();
});

afterEach(async () => {
  for (const compactor of compactors.splice(0)) await compactor.close();
  await rm(base, { recursive: true, force: true });
});

async function wavTake(takeId: string, startedAt: number): Promise<void> {
  await writeFile(store.wavPath(takeId), encodeMonoWav(new Int16Array(1600), 16_000));
  await store.writeMeta({ takeId, questionId: 'q1', startedAt, status: 'complete', gaps: [] });
}

/** A compress step that records its calls (and how many ran at once) instead of encoding. */
function fakeCompress(fail: (takeId: string) => Error | null = () => null) {
  const calls: string[] = [];
  let running = 0;
  let most = 0;
  const compress = async (_store: TakeStore, takeId: string): Promise<CompressResult> => {
    running += 1;
    most = Math.max(most, running);
    calls.push(takeId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    running -= 1;
    const error = fail(takeId);
    if (error) throw error;
    return { takeId, wavBytes: 3244, opusBytes: 300, durationMs: 100 };
  };
  return { compress, calls, mostAtOnce: () => most };
}

function compactor(options: Partial<AudioCompactorOptions>): AudioCompactor {
  const made = new AudioCompactor({
    store,
    hasTranscript: async () => true,
    busy: () => false,
    log: () => {},
    startDelayMs: 0,
    pollMs: 5,
    ...options,
  });
  compactors.push(made);
  return made;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
};

describe('AudioCompactor', () => {
  it('at start-up compresses the WAV takes that have a transcript, oldest first, one at a time', async () => {
    await wavTake('take-newest', 300);
    await wavTake('take-oldest', 100);
    await wavTake('take-notext', 50);
    await wavTake('take-middle', 200);
    await writeFile(store.opusPath('take-already'), 'OggS');
    const fake = fakeCompress();
    const made = compactor({ compress: fake.compress, hasTranscript: async (takeId) => takeId !== 'take-notext' });
    made.start();
    await until(() => fake.calls.length === 3);
    await made.idle();
    expect(fake.calls).toEqual(['take-oldest', 'take-middle', 'take-newest']);
    expect(fake.mostAtOnce()).toBe(1);
  });

  it('waits while a take is recorded or transcribed, then goes on', async () => {
    await wavTake('take-aaaaaa', 1);
    let busy = true;
    const fake = fakeCompress();
    const made = compactor({ compress: fake.compress, busy: () => busy });
    made.add('take-aaaaaa');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fake.calls).toEqual([]);
    busy = false;
    await until(() => fake.calls.length === 1);
  });

  it('logs a failure in words and tries the take again later; a file that is not a take is not retried', async () => {
    await wavTake('take-full01', 1);
    await wavTake('take-wrong1', 2);
    const logged: string[] = [];
    let diskFull = true;
    const fake = fakeCompress((takeId) => {
      if (takeId === 'take-wrong1') return new CompressError('not-a-take', 'take-wrong1.wav is not a usable WAV');
      return diskFull ? new CompressError('disk-full', 'The disk is full: the audio of take-full01 could not be compressed.') : null;
    });
    const made = compactor({ compress: fake.compress, retryAfterMs: 30, log: (message) => logged.push(message) });
    made.add('take-full01');
    made.add('take-wrong1');
    await until(() => logged.length === 2);
    expect(logged).toEqual([expect.stringMatching(/disk is full/), expect.stringMatching(/not a usable WAV/)]);
    // What History shows beside the storage used: in words, no take ids.
    expect(made.notice()).toBe(
      'The disk is full: 1 take could not be made smaller yet. Nothing was lost (it is kept as recorded) and Rehearse tries again later; free some space to make room.',
    );
    diskFull = false;
    await until(() => logged.some((message) => message.startsWith('compressed take-full01')));
    expect(made.notice()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(fake.calls).toEqual(['take-full01', 'take-wrong1', 'take-full01']);
  });

  it('compresses for real once a transcript is saved, and cleans up what a crash left at start-up', async () => {
    await wavTake('take-aaaaaa', 1);
    await writeFile(store.opusPartialPath('take-aaaaaa'), 'OggS half written');
    const logged: string[] = [];
    const made = compactor({ log: (message) => logged.push(message), hasTranscript: async () => false });
    made.start();
    await until(() => logged.length > 0);
    await made.idle();
    expect(await readdir(store.dir)).toEqual(['take-aaaaaa.json', 'take-aaaaaa.wav']);
    const saved = compactor({ log: (message) => logged.push(message) });
    saved.add('take-aaaaaa');
    await until(() => logged.some((message) => message.startsWith('compressed take-aaaaaa')));
    expect((await readdir(store.dir)).sort()).toEqual(['take-aaaaaa.json', 'take-aaaaaa.opus']);
  });

  it('stops a compression when a transcription starts, and does it again once idle, without a word in the log', async () => {
    await wavTake('take-aaaaaa', 1);
    let busy = false;
    const calls: boolean[] = [];
    const logged: string[] = [];
    const compress = async (_store: TakeStore, takeId: string, options: { interrupted(): boolean }): Promise<CompressResult> => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      calls.push(options.interrupted());
      if (options.interrupted()) throw new CompressError('interrupted', 'put off');
      return { takeId, wavBytes: 3244, opusBytes: 300, durationMs: 100 };
    };
    const made = compactor({ compress, busy: () => busy, log: (message) => logged.push(message) });
    made.add('take-aaaaaa');
    await new Promise((resolve) => setTimeout(resolve, 5));
    busy = true; // a recording starts while it works
    await until(() => calls.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(calls).toEqual([true]);
    busy = false;
    await until(() => calls.length === 2);
    await made.idle();
    expect(calls).toEqual([true, false]);
    expect(logged).toEqual([expect.stringMatching(/^compressed take-aaaaaa/)]);
  });

  it('after close, takes nothing more', async () => {
    await wavTake('take-aaaaaa', 1);
    const fake = fakeCompress();
    const made = compactor({ compress: fake.compress, busy: () => true });
    made.add('take-aaaaaa');
    await made.close();
    made.add('take-aaaaaa');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fake.calls).toEqual([]);
  });
});
