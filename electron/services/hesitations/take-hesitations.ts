// hesitations.get: a finished take's hesitations, heard in its audio (WAV or Ogg Opus) by findHesitations and judged by main's
// saved transcript of it when that has words. The answer is cached beside the transcript
// (<data>/transcripts/<take>.hesitations.json) with what it was computed from (the finder's version, the
// audio's size, a digest of the transcript), so it is computed once, and again when a transcript appears
// or changes. Deleting the take removes the cache (storage/delete-takes.ts). Plain Node: no Electron.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { spokenWords } from '../../shared/analytics/words';
import { TakeHesitations, type Transcript } from '../../shared/contract';
import { readTakeAudio } from '../audio/read-take-audio';
import { replaceFile } from '../files/atomic-file';
import { ServiceError } from '../service-error';
import { hesitationsPath } from '../storage/data-layout';
import { readSavedTranscription } from '../transcription/saved-transcription';
import { findHesitations } from './find-hesitations';

/** Bump when findHesitations answers differently: results cached by an older finder are computed again. */
export const FINDER_VERSION = 1;

const CachedHesitations = TakeHesitations.extend({
  takeId: z.string(),
  finderVersion: z.number(),
  audioBytes: z.number(),
  /** SHA-256 of the transcript it was judged by; null when there was none with words. */
  transcriptDigest: z.string().nullable(),
});
type CachedHesitations = z.infer<typeof CachedHesitations>;

export interface TakeHesitationsOptions {
  /** Where main keeps transcripts (and these caches). */
  transcriptsDir: string;
  /** Where a finished take's audio (WAV or Ogg Opus) is: null when there is no such take (or it is still being recorded). */
  audioPathOf(takeId: string): Promise<string | null>;
  /** The finder (tests count its calls). */
  find?: typeof findHesitations;
}

export class TakeHesitationsService {
  /** One computation per take at a time: a second request waits for the first. */
  private readonly running = new Map<string, Promise<TakeHesitations>>();

  constructor(private readonly options: TakeHesitationsOptions) {}

  /** True while a take's audio is being read. */
  get busy(): boolean {
    return this.running.size > 0;
  }

  get(takeId: string): Promise<TakeHesitations> {
    const running = this.running.get(takeId);
    if (running) return running;
    const next = this.compute(takeId).finally(() => this.running.delete(takeId));
    this.running.set(takeId, next);
    return next;
  }

  private async compute(takeId: string): Promise<TakeHesitations> {
    const audioPath = await this.options.audioPathOf(takeId);
    if (!audioPath) throw new ServiceError('not-found', `${takeId} has no finished recording to listen to`);
    const audioBytes = (await fs.stat(audioPath)).size;
    const transcript = await this.transcriptOf(takeId);
    const basis = {
      takeId,
      finderVersion: FINDER_VERSION,
      audioBytes,
      transcriptDigest: transcript ? createHash('sha256').update(JSON.stringify(transcript)).digest('hex') : null,
    };
    const cached = await this.readCache(takeId);
    if (cached && (Object.keys(basis) as (keyof typeof basis)[]).every((key) => cached[key] === basis[key])) {
      return { hesitations: cached.hesitations, basedOnTranscript: cached.basedOnTranscript };
    }
    const { sampleRate, samples } = await readTakeAudio(audioPath);
    const find = this.options.find ?? findHesitations;
    const result: TakeHesitations = {
      hesitations: find(samples, { sampleRate, transcript }),
      basedOnTranscript: transcript !== null,
    };
    // A cache that cannot be written (disk full) costs a computation next time, nothing more.
    await this.writeCache({ ...basis, ...result }).catch(() => undefined);
    return result;
  }

  private async writeCache(cache: CachedHesitations): Promise<void> {
    await fs.mkdir(this.options.transcriptsDir, { recursive: true });
    await replaceFile(hesitationsPath(this.options.transcriptsDir, cache.takeId), Buffer.from(JSON.stringify(cache)));
  }

  /** Main's finished transcript of the take when it has words, else null. */
  private async transcriptOf(takeId: string): Promise<Transcript | null> {
    const saved = await readSavedTranscription(this.options.transcriptsDir, takeId);
    const transcript = saved?.status === 'done' ? saved.transcript : null;
    return transcript && spokenWords(transcript).length > 0 ? transcript : null;
  }

  private async readCache(takeId: string): Promise<CachedHesitations | null> {
    try {
      const parsed = CachedHesitations.safeParse(
        JSON.parse(await fs.readFile(hesitationsPath(this.options.transcriptsDir, takeId), 'utf8')),
      );
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}
