// Peak memory of transcribing a finished 60-minute take from its file (TranscriptionService.get on a take
// with no transcript: a recovered take, or one recorded before a model was installed). The take is jfk.wav
// repeated to 60 minutes (16 kHz mono 16-bit, 115 MB); the engine is a stand-in that answers at once,
// so what is measured is the service's own handling of the audio. Peak RSS is sampled every 20 ms (and
// read from the kernel's VmHWM where there is one); reported in MB above the RSS before the run.
// Progress goes to stderr; the LAST line of stdout is one JSON object.
import { readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeWav, floatToInt16, wavHeader } from '../electron/services/audio/wav';
import { TranscriptionService } from '../electron/services/transcription/transcription-service';

const MINUTES = Number(process.env.BENCH_FROM_FILE_MINUTES ?? 60);
const RATE = 16_000;
const log = (message: string) => process.stderr.write(`[from-file bench] ${message}\n`);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function vmHwmBytes(): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

async function writeLongTake(file: string): Promise<void> {
  const speech = floatToInt16(decodeWav(readFileSync('/work/shared/audio/jfk.wav')).channels[0] as Float32Array);
  const total = MINUTES * 60 * RATE;
  const handle = await open(file, 'w');
  await handle.write(wavHeader({ sampleRate: RATE, channels: 1, bitsPerSample: 16, dataBytes: total * 2 }), 0, 44, 0);
  for (let at = 0; at < total; at += speech.length) {
    const part = speech.subarray(0, Math.min(speech.length, total - at));
    await handle.write(Buffer.from(part.buffer, part.byteOffset, part.byteLength), 0, part.byteLength, 44 + at * 2);
  }
  await handle.close();
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rehearse-from-file-bench-'));
  try {
    const wav = path.join(dir, 'take-bench01.wav');
    await writeLongTake(wav);
    log(`${MINUTES}-minute take written`);
    globalThis.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const service = new TranscriptionService({
      dataDir: dir,
      engine: async () => async () => ({ segments: [] }),
      audioPathOf: async () => wav,
    });
    const started = Date.now();
    for (let state = await service.get('take-bench01'); !['done', 'failed', 'cancelled'].includes(state.status);) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await service.get('take-bench01');
      if (state.status === 'failed') throw new Error(state.error ?? 'failed');
    }
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss, vmHwmBytes() ?? 0);
    log(`done in ${Date.now() - started} ms; RSS before ${mb(before)} MB, peak ${mb(peak)} MB`);
    process.stdout.write(`${JSON.stringify({ [`from_file_peak_rss_mb_${MINUTES}min`]: mb(peak - before) })}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
