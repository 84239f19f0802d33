// What a finished take costs on disk, and how long compressing it takes: a 5-minute take (jfk.wav's
// speech, repeated) is written as the recorder leaves it (16 kHz WAV + sidecar), its transcript saved,
// then compressed to Ogg Opus as the app does once a transcript is saved (compressTake). Reports the
// recordings folder's bytes per minute after that (stored_kb_per_min; the WAV alone is ~1,900), the
// median compression time (compress_ms_300s, encode + fsync + full verifying decode), the time to decode
// it back to 16 kHz for the engine (decode_ms_300s) and how close the decoded speech is to the original
// (compressed_speech_correlation, sample-aligned Pearson correlation). The engine itself is not run: the
// transcript's content does not change the audio's size. BENCH_STORAGE_REPEATS (default 3) runs.
// Progress goes to stderr; the LAST line of stdout is one JSON object.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { decodeOggOpusFile } from '../electron/services/audio/ogg-opus';
import { encodeMonoWav, floatToInt16, readWavFile } from '../electron/services/audio/wav';
import { compressTake } from '../electron/services/recordings/compress-take';
import { TakeStore } from '../electron/services/recordings/take-store';
import { folderBytes } from '../electron/services/storage/storage-usage';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SPEECH = path.resolve(REPO_ROOT, '..', 'shared', 'audio', 'jfk.wav');
const SECONDS = 300;
const RATE = 16_000;
const REPEATS = Number(process.env.BENCH_STORAGE_REPEATS ?? 3);

const log = (message: string) => process.stderr.write(`[storage bench] ${message}\n`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function fiveMinuteTake(): Promise<Int16Array> {
  const speech = floatToInt16((await readWavFile(SPEECH)).channels[0] as Float32Array);
  const samples = new Int16Array(SECONDS * RATE);
  for (let at = 0; at < samples.length; at += speech.length) samples.set(speech.subarray(0, samples.length - at), at);
  return samples;
}

function correlation(a: Int16Array, b: Int16Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    ab += (a[i] as number) * (b[i] as number);
    aa += (a[i] as number) ** 2;
    bb += (b[i] as number) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

async function main(): Promise<void> {
  const samples = await fiveMinuteTake();
  const wav = encodeMonoWav(samples, RATE);
  const base = await mkdtemp(path.join(os.tmpdir(), 'rehearse-storage-bench-'));
  try {
    const times: number[] = [];
    let storedBytes = 0;
    let wavFolderBytes = 0;
    let decodeMs = 0;
    let similarity = 0;
    for (let run = 0; run < REPEATS; run++) {
      const store = new TakeStore(path.join(base, `run-${run}`, 'recordings'));
      await store.ensure();
      const takeId = `take-bench${run}`;
      await writeFile(store.wavPath(takeId), wav);
      await store.writeMeta({ takeId, questionId: 'q1', startedAt: 1, status: 'complete', gaps: [] });
      wavFolderBytes = await folderBytes(store.dir);
      const start = performance.now();
      const result = await compressTake(store, takeId);
      const ms = performance.now() - start;
      times.push(ms);
      storedBytes = await folderBytes(store.dir);
      log(
        `#${run + 1}: ${Math.round(ms)} ms, ${Math.round(result.wavBytes / 1024)} KB WAV to ${Math.round(result.opusBytes / 1024)} KB Opus`,
      );
      if (run === 0) {
        const decodeStart = performance.now();
        const decoded = await decodeOggOpusFile(store.opusPath(takeId));
        decodeMs = performance.now() - decodeStart;
        similarity = correlation(samples, decoded.samples);
      }
    }
    const minutes = SECONDS / 60;
    process.stdout.write(
      `${JSON.stringify({
        stored_kb_per_min: Math.round(storedBytes / 1024 / minutes),
        wav_kb_per_min: Math.round(wavFolderBytes / 1024 / minutes),
        compress_ms_300s: Math.round(median(times)),
        decode_ms_300s: Math.round(decodeMs),
        compressed_speech_correlation: Number(similarity.toFixed(4)),
      })}\n`,
    );
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
