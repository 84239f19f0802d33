// The service with the real engine and the tiny test model (it recognises nothing, at real cost).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TranscriptionState } from '../../shared/contract';
import { decodeWav, floatToInt16 } from '../audio/wav';
import type { Transcribe } from './take-transcriber';
import { TranscriptionService, type TranscriptionServiceOptions } from './transcription-service';
import { findWhisperBinary } from './whisper-binary';
import { transcribeWav } from './whisper-engine';

const JFK = '/work/shared/audio/jfk.wav';
const MODEL = '/work/shared/models/for-tests-ggml-tiny.en.bin';
const engine: Transcribe = (wavPath, options) => transcribeWav(wavPath, { modelPath: MODEL, ...options });
const jfkSamples = () => floatToInt16(decodeWav(readFileSync(JFK)).channels[0] as Float32Array);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-transcription-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function final(service: TranscriptionService, takeId: string): Promise<TranscriptionState> {
  for (;;) {
    const state = await service.get(takeId);
    if (['done', 'failed', 'cancelled'].includes(state.status)) return state;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function service(options: { engine?: TranscriptionServiceOptions['engine']; wav?: string } = {}) {
  return new TranscriptionService({
    dataDir: dir,
    engine: options.engine ?? (async () => engine),
    audioPathOf: async () => options.wav ?? null,
  });
}

describe.skipIf(findWhisperBinary() === null)('TranscriptionService', () => {
  it('transcribes a take from the audio it is given while recording, and keeps the result', async () => {
    const transcription = service();
    transcription.started('take-live0001');
    const samples = jfkSamples();
    for (let at = 0; at < samples.length; at += 4_000) transcription.audio('take-live0001', samples.subarray(at, at + 4_000));
    transcription.stopped('take-live0001');
    const state = await final(transcription, 'take-live0001');
    expect(state).toMatchObject({ status: 'done', progress: 100, transcript: { segments: [] }, error: null });
    expect(state.afterStopMs).toBeGreaterThan(0);
    expect(existsSync(path.join(dir, 'transcripts', 'take-live0001.json'))).toBe(true);
    // A new service (the app restarted) answers from the saved transcript without running the engine.
    const restarted = service({ engine: async () => ({ unavailable: 'must not run', code: 'engine-missing' }) });
    expect(await restarted.get('take-live0001')).toMatchObject({ status: 'done', transcript: { segments: [] } });
  });

  it('says clearly when there is no model, and transcribes the take on retry once there is one', async () => {
    let installed = false;
    const wav = path.join(dir, 'take-file0001.wav');
    await writeFile(wav, readFileSync(JFK));
    const transcription = service({
      wav,
      engine: async () => (installed ? engine : { unavailable: 'no speech model is installed yet', code: 'no-model' }),
    });
    expect(await final(transcription, 'take-file0001')).toMatchObject({
      status: 'failed',
      errorCode: 'no-model',
      error: 'no speech model is installed yet',
    });
    installed = true;
    await transcription.retry('take-file0001');
    expect(await final(transcription, 'take-file0001')).toMatchObject({ status: 'done', transcript: { segments: [] } });
  });

  it('never starts a transcription when asked to cancel a take it is not transcribing', async () => {
    const wav = path.join(dir, 'take-idle0001.wav');
    await writeFile(wav, readFileSync(JFK));
    const transcription = service({ wav });
    await expect(transcription.cancel('take-idle0001')).rejects.toMatchObject({ code: 'not-found' });
    expect(existsSync(path.join(dir, 'transcripts', 'take-idle0001.json'))).toBe(false);
  });

  it('cancels a running transcription', async () => {
    const transcription = service();
    transcription.started('take-cncl0001');
    transcription.audio('take-cncl0001', jfkSamples());
    transcription.stopped('take-cncl0001');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await transcription.cancel('take-cncl0001');
    expect(await final(transcription, 'take-cncl0001')).toMatchObject({ status: 'cancelled', errorCode: 'cancelled' });
  });

  it('quitting kills the running engine and removes its chunk file: nothing outlives close()', async () => {
    const pids: number[] = [];
    const transcription = service({
      engine: async () => (wavPath, options) => transcribeWav(wavPath, { modelPath: MODEL, ...options, onStart: (pid) => pids.push(pid) }),
    });
    transcription.started('take-quit0001');
    transcription.audio('take-quit0001', jfkSamples());
    transcription.stopped('take-quit0001');
    while (pids.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await transcription.close();
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(pids.filter(alive)).toEqual([]);
    expect(existsSync(path.join(dir, 'transcripts', 'work')) ? readdirSync(path.join(dir, 'transcripts', 'work')) : []).toEqual([]);
    expect(existsSync(path.join(dir, 'transcripts', 'take-quit0001.json'))).toBe(false);
  });
});
