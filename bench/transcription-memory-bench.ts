// Memory of the live transcriber over a long take: a 60-minute answer fed to a TakeTranscriber faster than
// real time, with the process's RSS sampled as it goes. Run in its own process (run-benches.ts starts each
// bench fresh), so the peak is the transcriber's and not left over from another bench.
//
// The answer is made on the fly, 250 ms block by block, so the bench itself never holds the hour of audio:
// jfk.wav (11 s of real speech) again and again, with pauses of 0.2-1.5 s (seeded) and room noise, so the
// speech gate and the chunk planner cut it as they cut speech. The engine is a stand-in that answers at once
// with a transcript as long as real speech gives (~2.6 words/s): the engine is a separate process whose memory
// does not depend on the take's length, and the real one would make this bench last as long as the take.
// What is measured is what the app's process keeps for a take: its audio, the gate, the planner, the chunks'
// transcripts.
//
// The LAST line of stdout is one JSON object. BENCH_MEMORY_MINUTES (default 60) sets the take's length.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { decodeWav, floatToInt16 } from '../electron/services/audio/wav';
import { TakeTranscriber, type Transcribe } from '../electron/services/transcription/take-transcriber';
import type { Segment } from '../electron/services/transcription/transcript';
import { TranscriptionQueue } from '../electron/services/transcription/transcription-queue';

const RATE = 16_000;
const BLOCK_SAMPLES = RATE / 4;
const JFK_WAV = '/work/shared/audio/jfk.wav';
const MINUTES = Number(process.env.BENCH_MEMORY_MINUTES ?? '60');
const WORDS = 'so the project I want to talk about is the migration of our billing system and what we learned'.split(' ');

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);
const log = (message: string) => process.stderr.write(`[memory bench] ${message}\n`);

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The answer as 250 ms blocks: jfk.wav, a pause, jfk.wav, ..., with low room noise; never held whole. */
function* answerBlocks(speech: Float32Array, totalSamples: number): Generator<Int16Array> {
  const rand = prng(20_240_611);
  let inSpeech = 0;
  let pauseLeft = Math.round(0.3 * RATE);
  for (let at = 0; at < totalSamples; at += BLOCK_SAMPLES) {
    const block = new Float32Array(Math.min(BLOCK_SAMPLES, totalSamples - at));
    for (let i = 0; i < block.length; i++) {
      let s = 0;
      if (pauseLeft > 0) {
        pauseLeft--;
      } else {
        s = speech[inSpeech++] as number;
        if (inSpeech >= speech.length) {
          inSpeech = 0;
          pauseLeft = Math.round((rand() < 0.7 ? 0.2 + rand() * 0.5 : 0.7 + rand() * 0.8) * RATE);
        }
      }
      block[i] = s + (rand() - 0.5) * 0.003;
    }
    yield floatToInt16(block);
  }
}

/** What a real model would answer for a WAV of this size: ~2.6 words/s in segments of 12 words. */
const standIn: Transcribe = async (wavPath) => {
  const ms = ((await fs.stat(wavPath)).size - 44) / 32;
  const segments: Segment[] = [];
  let w = 0;
  for (let at = 0; at + 4_600 <= ms; at += 4_600) {
    const words = Array.from({ length: 12 }, (_, k) => ({
      text: WORDS[w++ % WORDS.length] as string,
      startMs: at + k * 380,
      endMs: at + k * 380 + 300,
    }));
    segments.push({ startMs: at, endMs: at + 4_560, text: words.map((x) => x.text).join(' '), words });
  }
  return { segments };
};

async function main(): Promise<void> {
  const started = performance.now();
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'rehearse-memory-bench-'));
  try {
    const jfk = decodeWav(await fs.readFile(JFK_WAV)).channels[0] as Float32Array;
    const totalSamples = Math.round(MINUTES * 60 * RATE);
    const queue = new TranscriptionQueue();
    const take = new TakeTranscriber({ takeId: 'memory-bench', queue, transcribe: standIn, workDir: path.join(root, 'work') });
    const baseline = process.memoryUsage().rss;
    let peakArrayBuffers = 0;
    let peakHeld = 0;
    const atMinute: Record<string, number> = {};
    let blocks = 0;
    for (const block of answerBlocks(jfk, totalSamples)) {
      take.append(block);
      blocks++;
      // In real time the engine keeps up (one call per ~22 s of audio takes ~2 s): fed faster, wait for it
      // whenever a chunk would queue behind another, so the take is held as it would be in real time.
      while (queue.pending > 1) await new Promise<void>((resolve) => setTimeout(resolve, 1));
      if (blocks % 40 === 0) {
        peakArrayBuffers = Math.max(peakArrayBuffers, process.memoryUsage().arrayBuffers);
        peakHeld = Math.max(peakHeld, take.heldSamples);
      }
      if (blocks % (4 * 60 * 10) === 0) {
        atMinute[`${blocks / 240}min`] = mb(process.memoryUsage().rss);
        log(`${blocks / 240} min fed, rss ${atMinute[`${blocks / 240}min`]} MB`);
      }
    }
    const state = await take.finish();
    // The process's high-water mark (getrusage), not a sample: nothing between two samples is missed.
    const peak = process.resourceUsage().maxRSS * 1024;
    if (state.status !== 'done') throw new Error(`the take ended ${state.status}: ${state.error}`);
    const result = {
      [`live_transcriber_peak_rss_mb_${MINUTES}min`]: mb(peak),
      [`live_transcriber_rss_growth_mb_${MINUTES}min`]: mb(peak - baseline),
      memory_bench: {
        minutes: MINUTES,
        baseline_rss_mb: mb(baseline),
        peak_array_buffers_mb: mb(peakArrayBuffers),
        peak_audio_held_s: round(peakHeld / RATE, 1),
        rss_mb_by_minute: atMinute,
        segments: state.transcript?.segments.length ?? 0,
        wall_s: round((performance.now() - started) / 1000, 1),
        loadavg: os.loadavg().map((n) => round(n, 2)),
      },
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

// An ES module (the package is "type": "commonjs", and a file without exports would be bundled as CommonJS).
export {};

main().catch((error: unknown) => {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
