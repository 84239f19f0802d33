// Where takes live on disk and what we know about each: `<dir>/<takeId>.wav` (finished),
// `<takeId>.wav.partial` (being written, or left by a crash) and a `<takeId>.json` sidecar written at
// start, so a take found after a crash still knows its question. Sidecars are replaced atomically.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TakeId, type TakeInfo, type TakeStatus } from '../../shared/contract';
import { renameDurably } from '../files/durable-rename';

export interface TakeMeta {
  takeId: string;
  questionId: string;
  startedAt: number;
  status: TakeStatus;
  gaps: { atMs: number; gapMs: number }[];
}

export class TakeStore {
  constructor(readonly dir: string) {}

  async ensure(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
  }

  wavPath(takeId: string): string {
    return path.join(this.dir, `${takeId}.wav`);
  }

  partialPath(takeId: string): string {
    return path.join(this.dir, `${takeId}.wav.partial`);
  }

  metaPath(takeId: string): string {
    return path.join(this.dir, `${takeId}.json`);
  }

  async writeMeta(meta: TakeMeta): Promise<void> {
    const target = this.metaPath(meta.takeId);
    const temp = `${target}.tmp`;
    try {
      await fs.writeFile(temp, JSON.stringify(meta, null, 2));
      const handle = await fs.open(temp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await renameDurably(temp, target);
    } catch (error) {
      // A full disk leaves no half sidecar behind.
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  async readMeta(takeId: string): Promise<TakeMeta | null> {
    try {
      return JSON.parse(await fs.readFile(this.metaPath(takeId), 'utf8')) as TakeMeta;
    } catch {
      return null;
    }
  }

  /** Take ids present on disk, by the file kinds they have. */
  async scan(): Promise<{ finished: string[]; partial: string[] }> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const idOf = (name: string, suffix: string) => (name.endsWith(suffix) ? name.slice(0, -suffix.length) : null);
    const valid = (id: string | null): id is string => id !== null && TakeId.safeParse(id).success;
    return {
      finished: names.map((n) => idOf(n, '.wav')).filter(valid),
      partial: names.map((n) => idOf(n, '.wav.partial')).filter(valid),
    };
  }

  /** Describes a finished take from its sidecar and the WAV's size on disk. */
  async info(takeId: string): Promise<TakeInfo | null> {
    const stat = await fs.stat(this.wavPath(takeId)).catch(() => null);
    if (!stat) return null;
    const meta = await this.readMeta(takeId);
    const dataBytes = Math.max(0, stat.size - 44);
    return {
      takeId,
      questionId: meta?.questionId ?? 'unknown',
      startedAt: meta?.startedAt ?? stat.birthtimeMs,
      status: meta?.status === 'recovered' ? 'recovered' : 'complete',
      durationMs: Math.round((dataBytes / 2 / 16_000) * 1000),
      fileName: path.basename(this.wavPath(takeId)),
      bytes: stat.size,
      gaps: meta?.gaps ?? [],
    };
  }
}
