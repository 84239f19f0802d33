// What happens at Stop (take-transcriber.ts): a call that has only just started is restarted together
// with the tail, one that is nearly done is let finish, chunks still waiting go with the tail; in every
// case every bit of speech reaches the engine exactly once in the calls whose results are used, and nothing
// is left behind (engine process, temp file). And a long take keeps only the audio still needed.
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeWav, floatToInt16 } from '../audio/wav';
import { CallDurations } from './call-durations';
import type { Chunk } from './chunk-planner';
import { BASE_MODEL, engineChildren, engineSkipReason, JFK_WAV, pidExists } from './engine-test-support';
import { SpeechGate } from './speech-gate';
import { concat, RATE, speak } from './speech-test-support';
import { joinSpeech, spliceSpeech, TakeTranscriber, takeChunkPlanner, type Transcribe } from './take-transcriber';
import type { Transcript } from './transcript';
import { TranscriptionQueue } from './transcription-queue';
import { transcribeWav } from './whisper-engine';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-take-stop-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const BLOCK = RATE / 4;
const silence = (seconds: number) => new Float32Array(RATE * seconds);

/** The chunks the transcriber's planner makes of this take, fed in the same 250 ms blocks. */
function planOf(samples: Int16Array): Chunk[] {
  const gate = new SpeechGate();
  const planner = takeChunkPlanner(gate);
  const chunks: Chunk[] = [];
  for (let at = 0; at < samples.length; at += BLOCK) {
    gate.push(Float32Array.from(samples.subarray(at, at + BLOCK), (s) => s / 32768));
    chunks.push(...planner.update(gate.processedMs, gate.regions()));
  }
  return [...chunks, ...planner.finish(gate.processedMs, gate.regions())];
}

/** The audio the engine must get for these chunks of the take, cut from the whole take. */
const expectedAudio = (take: Int16Array, chunks: Chunk[]) => Array.from(spliceSpeech(take, joinSpeech(chunks)).audio);

interface EngineCall {
  audio: number[];
  outcome: 'running' | 'done' | 'killed';
  finish(): void;
}

/** A stand-in engine that answers when told to, writes a word per second of audio, and stops when aborted. */
function heldEngine(): { calls: EngineCall[]; transcribe: Transcribe } {
  const calls: EngineCall[] = [];
  const transcribe: Transcribe = async (wavPath, { signal }) => {
    const channel = decodeWav(await readFile(wavPath)).channels[0] as Float32Array;
    const audio = Array.from(floatToInt16(channel));
    return new Promise<Transcript>((resolve, reject) => {
      const words = Array.from({ length: Math.max(1, Math.floor(audio.length / RATE)) }, (_, k) => ({
        text: `w${calls.length}-${k}`,
        startMs: k * 1000,
        endMs: k * 1000 + 400,
      }));
      const call: EngineCall = {
        audio,
        outcome: 'running',
        finish: () => {
          call.outcome = 'done';
          resolve({ segments: [{ startMs: 0, endMs: words.at(-1)!.endMs, text: words.map((w) => w.text).join(' '), words }] });
        },
      };
      signal.addEventListener('abort', () => {
        call.outcome = 'killed';
        reject(Object.assign(new Error('transcription was cancelled'), { code: 'cancelled' }));
      });
      calls.push(call);
    });
  };
  return { calls, transcribe };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 2_000 && !condition(); i++) await tick();
  expect(condition()).toBe(true);
}

function append(take: TakeTranscriber, samples: Int16Array, fromSample = 0, toSample = samples.length): void {
  for (let at = fromSample; at < toSample; at += BLOCK) take.append(samples.subarray(at, Math.min(toSample, at + BLOCK)));
}

/** Two sentences 5 s apart: the silence closes the first chunk, so it goes to the engine while recording. */
function twoSentences(): Int16Array {
  return floatToInt16(concat(speak('We planned the launch for Friday morning.'), silence(5), speak('Then the servers went down.')));
}

describe('TakeTranscriber at Stop', () => {
  it.each([
    { case: 'only just started', elapsedMs: 100, restarted: true },
    { case: 'half done', elapsedMs: 500, restarted: true },
    { case: 'nearly done', elapsedMs: 900, restarted: false },
  ])(
    'Stop while a call is $case: restarted with the tail ($restarted) or let finish; no speech lost or doubled',
    async ({ elapsedMs, restarted }) => {
      const take = twoSentences();
      const chunks = planOf(take);
      const engine = heldEngine();
      const durations = new CallDurations();
      durations.record(1_000);
      let clock = 0;
      const transcriber = new TakeTranscriber({
        takeId: 'take-stop01',
        queue: new TranscriptionQueue(),
        transcribe: engine.transcribe,
        workDir: dir,
        now: () => clock,
        callDurations: durations,
      });
      append(transcriber, take);
      await until(() => engine.calls.length === 1);
      clock += elapsedMs;
      const done = transcriber.finish();

      if (restarted) {
        await until(() => engine.calls.length === 2);
        expect(engine.calls[0]!.outcome).toBe('killed');
        // The first chunk's speech and the tail's, cut from the whole take, in one call.
        expect(engine.calls[1]!.audio).toEqual(expectedAudio(take, chunks));
        engine.calls[1]!.finish();
      } else {
        await tick();
        expect(engine.calls).toHaveLength(1);
        engine.calls[0]!.finish();
        await until(() => engine.calls.length === 2);
        expect(engine.calls[0]!.audio).toEqual(expectedAudio(take, chunks.slice(0, 1)));
        expect(engine.calls[1]!.audio).toEqual(expectedAudio(take, chunks.slice(-1)));
        engine.calls[1]!.finish();
      }
      const state = await done;
      expect(state.status).toBe('done');
      // Words from the calls whose results are used, on the take's timeline: both sentences, once.
      const words = state.transcript!.segments.flatMap((s) => s.words);
      expect(words.some((w) => w.startMs < 2_500)).toBe(true);
      expect(words.some((w) => w.startMs > 7_000)).toBe(true);
      expect(new Set(words.map((w) => w.startMs)).size).toBe(words.length);
      expect(words.every((w) => w.text.startsWith(restarted ? 'w1-' : 'w'))).toBe(true);
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it('sends chunks still waiting at Stop with the tail in one call', async () => {
    const take = floatToInt16(
      concat(speak('We planned the launch.'), silence(4), speak('Then the servers went down.'), silence(4), speak('We fixed it.')),
    );
    const chunks = planOf(take);
    const speaking = chunks.filter((c) => !c.silent);
    expect(speaking).toHaveLength(3);
    const engine = heldEngine();
    const durations = new CallDurations();
    durations.record(1_000);
    let clock = 0;
    const transcriber = new TakeTranscriber({
      takeId: 'take-stop02',
      queue: new TranscriptionQueue(),
      transcribe: engine.transcribe,
      workDir: dir,
      now: () => clock,
      callDurations: durations,
    });
    append(transcriber, take);
    await until(() => engine.calls.length === 1);
    // The first call is nearly done; the second chunk has been waiting behind it.
    clock += 950;
    const done = transcriber.finish();
    engine.calls[0]!.finish();
    await until(() => engine.calls.length === 2);
    const second = chunks.indexOf(speaking[1]!);
    expect(engine.calls[1]!.audio).toEqual(expectedAudio(take, chunks.slice(second)));
    engine.calls[1]!.finish();
    expect((await done).status).toBe('done');
    expect(engine.calls).toHaveLength(2);
  });

  it('a cancel after Stop still cancels the take, the restarted call included', async () => {
    const engine = heldEngine();
    const queue = new TranscriptionQueue();
    const transcriber = new TakeTranscriber({
      takeId: 'take-stop03',
      queue,
      transcribe: engine.transcribe,
      workDir: dir,
      callDurations: new CallDurations(),
    });
    append(transcriber, twoSentences());
    await until(() => engine.calls.length === 1);
    const done = transcriber.finish();
    await until(() => engine.calls.length === 2);
    transcriber.cancel();
    expect((await done).status).toBe('cancelled');
    expect(engine.calls.map((c) => c.outcome)).toEqual(['killed', 'killed']);
    expect(await readdir(dir)).toEqual([]);
  });

  it.skipIf(engineSkipReason() !== null)(
    'restarting a running engine call kills its process and leaves no temp file',
    async () => {
      const tmp = path.join(dir, 'tmp');
      await mkdir(tmp);
      const work = path.join(dir, 'work');
      const saved = process.env.TMPDIR;
      process.env.TMPDIR = tmp;
      try {
        const pids: number[] = [];
        const transcribe: Transcribe = (wavPath, options) =>
          transcribeWav(wavPath, { modelPath: BASE_MODEL, threads: 1, ...options, onStart: (pid) => pids.push(pid) });
        const transcriber = new TakeTranscriber({
          takeId: 'take-stop04',
          queue: new TranscriptionQueue(),
          transcribe,
          workDir: work,
          callDurations: new CallDurations(),
        });
        const jfk = floatToInt16(decodeWav(await readFile(JFK_WAV)).channels[0] as Float32Array);
        const take = new Int16Array(jfk.length + 5 * RATE + jfk.length);
        take.set(jfk);
        take.set(jfk, jfk.length + 5 * RATE);
        append(transcriber, take);
        await until(() => pids.length === 1);
        const state = await transcriber.finish();
        expect(state.status).toBe('done');
        expect(pids).toHaveLength(2);
        expect(pids.filter(pidExists)).toEqual([]);
        expect(engineChildren()).toEqual([]);
        expect(await readdir(tmp)).toEqual([]);
        expect(await readdir(work)).toEqual([]);
      } finally {
        if (saved === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = saved;
      }
    },
    60_000,
  );
});

describe('TakeTranscriber memory', () => {
  it('holds only the audio still needed, not the whole take, and still sends every chunk all of its speech', async () => {
    // Nearly four minutes: jfk.wav again and again, with pauses.
    const jfk = decodeWav(await readFile(JFK_WAV)).channels[0] as Float32Array;
    const parts: Float32Array[] = [];
    for (let i = 0; parts.length < 2 * 18; i++) parts.push(jfk, silence(i % 4 === 3 ? 4 : 0.5));
    const take = floatToInt16(concat(...parts));
    expect(take.length).toBeGreaterThan(RATE * 200);
    const chunks = planOf(take).filter((c) => !c.silent);

    const engine = heldEngine();
    const queue = new TranscriptionQueue();
    const transcriber = new TakeTranscriber({
      takeId: 'take-memory01',
      queue,
      transcribe: engine.transcribe,
      workDir: dir,
      callDurations: new CallDurations(),
    });
    let held = 0;
    for (let at = 0; at < take.length; at += BLOCK) {
      transcriber.append(take.subarray(at, Math.min(take.length, at + BLOCK)));
      held = Math.max(held, transcriber.heldSamples);
      for (const call of engine.calls) if (call.outcome === 'running') call.finish();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const answerAll = () => engine.calls.forEach((call) => call.outcome === 'running' && call.finish());
    while (queue.busy) {
      answerAll();
      await tick();
    }
    const done = transcriber.finish();
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) {
      answerAll();
      await tick();
    }
    expect((await done).status).toBe('done');
    // At most a minute of audio at any time, for a take almost four times as long.
    expect(held).toBeLessThanOrEqual(RATE * 60);
    expect(engine.calls.map((c) => c.audio)).toEqual(chunks.map((c) => expectedAudio(take, [c])));
  });
});
