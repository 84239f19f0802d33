// Runs once at start-up, before any new take: every `.wav.partial` left by a crash is made into a
// valid WAV holding all the audio that reached the disk (header sizes patched from the file's length,
// a half-written sample dropped) and renamed, and its sidecar marked `recovered`.
import { promises as fs } from 'node:fs';
import { wavHeader } from '../audio/wav';
import { renameDurably } from '../files/durable-rename';
import type { TakeStore } from './take-store';
import { TAKE_SAMPLE_RATE } from './wav-take-writer';

const HEADER_BYTES = 44;

export interface RecoveryReport {
  recovered: string[];
  /** Partial files that could not be repaired: left where they are, untouched, with the reason. */
  failed: { takeId: string; reason: string }[];
}

export async function recoverPartialTakes(store: TakeStore): Promise<RecoveryReport> {
  const { partial } = await store.scan();
  const report: RecoveryReport = { recovered: [], failed: [] };
  for (const takeId of partial) {
    try {
      await recoverOne(store, takeId);
      report.recovered.push(takeId);
    } catch (error) {
      // One unreadable file must not stop the app from starting (and the others from recovering).
      report.failed.push({ takeId, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}

async function recoverOne(store: TakeStore, takeId: string): Promise<void> {
  const partialPath = store.partialPath(takeId);
  const handle = await fs.open(partialPath, 'r+');
  try {
    const { size, mtimeMs } = await handle.stat();
    const dataBytes = Math.max(0, size - HEADER_BYTES) & ~1;
    await handle.truncate(HEADER_BYTES + dataBytes);
    await handle.write(wavHeader({ sampleRate: TAKE_SAMPLE_RATE, channels: 1, bitsPerSample: 16, dataBytes }), 0, HEADER_BYTES, 0);
    await handle.sync();
    const meta = await store.readMeta(takeId);
    await store.writeMeta({
      takeId,
      questionId: meta?.questionId ?? 'unknown',
      startedAt: meta?.startedAt ?? mtimeMs,
      gaps: meta?.gaps ?? [],
      status: 'recovered',
    });
  } finally {
    await handle.close();
  }
  await renameDurably(partialPath, store.wavPath(takeId));
}
