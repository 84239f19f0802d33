// A take through TakeTranscriber with a stand-in engine that answers as a real model can fail: the
// guards apply to each chunk's result, and each call is prompted with the end of the one before.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { floatToInt16 } from '../audio/wav';
import { CallDurations } from './call-durations';
import { FIRST_CHUNK_PROMPT } from './chunk-prompt';
import { concat, RATE, speak } from './speech-test-support';
import { TakeTranscriber, type Transcribe } from './take-transcriber';
import type { Segment, Transcript } from './transcript';
import { TranscriptionQueue } from './transcription-queue';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-take-transcriber-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const line = (startMs: number, text: string): Segment => {
  const words = text.split(' ').map((w, i) => ({ text: w, startMs: startMs + i * 100, endMs: startMs + i * 100 + 90 }));
  return { startMs, endMs: startMs + words.length * 100, text, words };
};

/**
 * Appends the take in 250 ms blocks as the recorder does, letting every call that closes finish before the
 * next block (a quick engine: nothing is still running or waiting when the take is stopped).
 */
async function appendAndSettle(take: TakeTranscriber, queue: TranscriptionQueue, samples: Int16Array): Promise<void> {
  for (let at = 0; at < samples.length; at += RATE / 4) {
    take.append(samples.subarray(at, Math.min(samples.length, at + RATE / 4)));
    while (queue.busy) await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

describe('TakeTranscriber', () => {
  it("guards each chunk's result, counts what the guards did, and prompts each call with the end of the text before it", async () => {
    // Two sentences 5 s apart: the long silence between them makes two chunks to transcribe.
    const silence = new Float32Array(RATE * 5);
    const audio = concat(speak('We planned the launch for Friday morning.'), silence, speak('Then the servers went down.'));
    const answers: Transcript[] = [
      // a line, then the same line three more times (a loop), and a line past the end of the chunk's audio
      {
        segments: [
          line(0, 'We planned the launch'),
          line(400, 'We planned the launch'),
          line(800, 'we planned the launch.'),
          line(1_200, 'We planned the launch'),
          line(60_000, 'Thank you for watching.'),
        ],
      },
      { segments: [line(0, '[BLANK_AUDIO]'), line(300, 'Then the servers went down.')] },
    ];
    const prompts: (string | undefined)[] = [];
    const transcribe: Transcribe = async (_wav, options) => {
      prompts.push(options.prompt);
      return answers[prompts.length - 1] ?? { segments: [] };
    };
    const queue = new TranscriptionQueue();
    const take = new TakeTranscriber({ takeId: 'take-guards01', queue, transcribe, workDir: dir, callDurations: new CallDurations() });
    await appendAndSettle(take, queue, floatToInt16(audio));
    const state = await take.finish();

    expect(state.status).toBe('done');
    expect(state.transcript?.segments.map((s) => s.text)).toEqual(['We planned the launch', 'Then the servers went down.']);
    expect(state.guards).toMatchObject({ repeatsRemoved: 3, silentSegmentsDropped: 1, annotationsRemoved: 1 });
    expect(state.guards?.checkSpans).toHaveLength(1);
    // The second sentence's words are on the take's timeline, after the silence.
    expect(state.transcript?.segments[1]?.startMs).toBeGreaterThan(5_000);
    // The first call has the short verbatim prompt; the second continues from the first's text. The first
    // chunk's loop was cut, so its text is not fed forward and the second call starts afresh.
    expect(prompts).toEqual([FIRST_CHUNK_PROMPT, FIRST_CHUNK_PROMPT]);
  });

  it("passes the end of the previous chunk's text, after a short disfluent opening", async () => {
    const silence = new Float32Array(RATE * 5);
    const audio = concat(speak('We planned the launch for Friday morning.'), silence, speak('Then the servers went down.'));
    const prompts: (string | undefined)[] = [];
    const transcribe: Transcribe = async (_wav, options) => {
      prompts.push(options.prompt);
      return prompts.length === 1 ? { segments: [line(0, 'We planned the launch for Friday morning.')] } : { segments: [] };
    };
    const queue = new TranscriptionQueue();
    const take = new TakeTranscriber({ takeId: 'take-prompt01', queue, transcribe, workDir: dir, callDurations: new CallDurations() });
    await appendAndSettle(take, queue, floatToInt16(audio));
    expect((await take.finish()).status).toBe('done');
    expect(prompts).toEqual([FIRST_CHUNK_PROMPT, 'Um, uh, for Friday morning.']);
  });
});
