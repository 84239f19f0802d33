// Where takes live on disk and what we know about each: `<dir>/<takeId>.wav` (finished),
// `<takeId>.wav.partial` (being written, or left by a crash), `<takeId>.opus` (the compact copy that
// replaces the WAV once the transcript is saved; `.opus.partial` while it is written) and a
// `<takeId>.json` sidecar written at start, so a take found after a crash still knows its question.
// Sidecars are replaced atomically.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { TakeId, type TakeInfo, type TakeStatus } from '../../shared/contract';
import { oggOpusDurationMs } from '../audio/ogg-opus';
import { findTakeAudio, type TakeAudioFile } from '../storage/data-layout';
import { renameDurably } from '../files/durable-rename';

export interface TakeMeta {
  takeId: string;
  questionId: string;
  startedAt: number;
  status: TakeStatus;
  gaps: { atMs: number; gapMs: number }[];
  /** The take's length, written when its audio is compressed (an Ogg file's length is costlier to read). */
  durationMs?: number;
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

  opusPath(takeId: string): string {
    return path.join(this.dir, `${takeId}.opus`);
  }

  opusPartialPath(takeId: string): string {
    return path.join(this.dir, `${takeId}.opus.partial`);
  }

  /** The finished take's audio file (WAV or Ogg Opus), or null when it has none. */
  audio(takeId: string): Promise<TakeAudioFile | null> {
    return findTakeAudio(this.dir, takeId);
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
  async scan(): Promise<{ finished: string[]; partial: string[]; wav: string[] }> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const idOf = (name: string, suffix: string) => (name.endsWith(suffix) ? name.slice(0, -suffix.length) : null);
    const valid = (id: string | null): id is string => id !== null && TakeId.safeParse(id).success;
    const wav = names.map((n) => idOf(n, '.wav')).filter(valid);
    const opus = names.map((n) => idOf(n, '.opus')).filter(valid);
    return {
      finished: [...new Set([...wav, ...opus])],
      partial: names.map((n) => idOf(n, '.wav.partial')).filter(valid),
      wav,
    };
  }

  /** Describes a finished take from its sidecar and its audio file on disk. */
  async info(takeId: string): Promise<TakeInfo | null> {
    const audio = await this.audio(takeId);
    if (!audio) return null;
    const stat = await fs.stat(audio.path).catch(() => null);
    if (!stat) return null;
    const meta = await this.readMeta(takeId);
    return {
      takeId,
      questionId: meta?.questionId ?? 'unknown',
      startedAt: meta?.startedAt ?? stat.birthtimeMs,
      status: meta?.status === 'recovered' ? 'recovered' : 'complete',
      durationMs: Math.round(await this.durationMs(audio, meta)),
      fileName: path.basename(audio.path),
      bytes: stat.size,
      gaps: meta?.gaps ?? [],
    };
  }

  private async durationMs(audio: TakeAudioFile, meta: TakeMeta | null): Promise<number> {
    if (audio.format === 'wav') return (Math.max(0, audio.bytes - 44) / 2 / 16_000) * 1000;
    if (meta?.durationMs !== undefined) return meta.durationMs;
    return oggOpusDurationMs(audio.path).catch(() => 0);
  }
}
