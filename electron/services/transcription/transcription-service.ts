// Owns every take's transcription: live takes are transcribed while they record (through the
// recording service's audio events), finished takes without a transcript (recovered ones, or ones
// recorded before a model was installed) are transcribed from their file when asked for. Finished
// transcripts are kept beside the recordings, so they are computed once.
// A deleted take's jobs are cancelled and a result that comes in late is thrown away; quitting cancels
// every job (the engine is killed) and the chunk files in transcripts/work go, as do a crash's leftovers.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TranscriptionState } from '../../shared/contract';
import { renameDurably } from '../files/durable-rename';
import type { TakeAudioListener } from '../recordings/recording-service';
import { ServiceError } from '../service-error';
import { TakeTranscriber, type Transcribe } from './take-transcriber';
import { readTakeSamples } from './read-take-samples';
import { readSavedTranscription } from './saved-transcription';
import { TranscriptionQueue } from './transcription-queue';

const workDirOf = (dataDir: string) => path.join(dataDir, 'transcripts', 'work');

export interface TranscriptionServiceOptions {
  dataDir: string;
  /** Where a finished take's audio (WAV, or Ogg Opus once compressed) is: null when there is no such take. */
  audioPathOf(takeId: string): Promise<string | null>;
  /** Told once a take's transcript is saved (its WAV may then be compressed). */
  onSaved?(takeId: string): void;
  /** The engine, or a reason there is none (no model installed, engine not built). */
  engine(): Promise<Transcribe | { unavailable: string; code: string }>;
  now?: () => number;
}

export class TranscriptionService implements TakeAudioListener {
  private readonly queue = new TranscriptionQueue();
  private readonly takes = new Map<string, TakeTranscriber>();
  private readonly finished = new Map<string, TranscriptionState>();
  /** complete() of each take being finished: a transcript is reported done only once it is on disk. */
  private readonly completing = new Map<string, Promise<void>>();
  private readonly dir: string;
  private closed = false;

  constructor(private readonly options: TranscriptionServiceOptions) {
    this.dir = path.join(options.dataDir, 'transcripts');
  }

  /** True while any take is being recorded or transcribed. */
  get busy(): boolean {
    return this.takes.size > 0;
  }

  /** Removes the chunk files a crash (or a killed app) left in transcripts/work. Run at start-up. */
  static async removeLeftoverWork(dataDir: string): Promise<void> {
    await removeWorkFiles(workDirOf(dataDir), () => true);
  }

  started(takeId: string): void {
    if (this.closed) return;
    this.takes.set(takeId, this.transcriber(takeId));
  }

  audio(takeId: string, samples: Int16Array): void {
    this.takes.get(takeId)?.append(samples);
  }

  stopped(takeId: string): void {
    const take = this.takes.get(takeId);
    if (take) this.startCompleting(takeId, take);
  }

  async get(takeId: string): Promise<TranscriptionState> {
    const live = this.takes.get(takeId);
    if (live) {
      // Done in the engine but maybe not saved yet: answer once it is (a backup or a restart then finds it).
      if (live.current.status === 'done') await this.completing.get(takeId);
      return this.finished.get(takeId) ?? live.current;
    }
    const known = this.finished.get(takeId) ?? (await this.readSaved(takeId));
    return known ?? this.fromFile(takeId);
  }

  /** Cancels a running transcription; for any other take it changes nothing (and never starts one). */
  async cancel(takeId: string): Promise<TranscriptionState> {
    const live = this.takes.get(takeId);
    if (live) {
      live.cancel();
      return live.current;
    }
    const known = this.finished.get(takeId) ?? (await this.readSaved(takeId));
    if (!known) throw new ServiceError('not-found', `${takeId} is not being transcribed`);
    return known;
  }

  /**
   * The takes are being deleted: their queued jobs never start, a running one is stopped, a result that
   * arrives later is not kept, and nothing of them stays in memory or in transcripts/work.
   */
  async forget(takeIds: readonly string[]): Promise<void> {
    const ids = new Set(takeIds);
    const completing: Promise<void>[] = [];
    for (const takeId of ids) {
      this.finished.delete(takeId);
      const take = this.takes.get(takeId);
      if (!take) continue;
      this.takes.delete(takeId);
      completing.push(this.queue.cancel(takeId), this.completing.get(takeId) ?? Promise.resolve());
    }
    await Promise.all(completing);
    await removeWorkFiles(workDirOf(this.options.dataDir), (name) => ids.has(name.replace(/-\d+\.wav$/, '')));
  }

  /** The app is quitting: every job is cancelled (the engine killed), and the work files are removed. */
  async close(): Promise<void> {
    this.closed = true;
    const completing = [...this.completing.values()];
    this.takes.clear();
    await this.queue.cancelAll();
    await Promise.all(completing);
    await removeWorkFiles(workDirOf(this.options.dataDir), () => true);
  }

  async retry(takeId: string): Promise<TranscriptionState> {
    if (this.takes.has(takeId)) throw new ServiceError('conflict', `${takeId} is being transcribed already`);
    this.finished.delete(takeId);
    return this.fromFile(takeId);
  }

  private transcriber(takeId: string): TakeTranscriber {
    return new TakeTranscriber({
      takeId,
      queue: this.queue,
      workDir: workDirOf(this.options.dataDir),
      now: this.options.now,
      transcribe: async (wavPath, options) => {
        const engine = await this.options.engine();
        if ('unavailable' in engine) throw Object.assign(new Error(engine.unavailable), { code: engine.code });
        return engine(wavPath, options);
      },
    });
  }

  /**
   * Transcribes a finished take from its file, through the same path as a live one. The file is read in
   * pieces (never whole); when it cannot be read the take fails with the reason, and retry reads it again.
   */
  private async fromFile(takeId: string): Promise<TranscriptionState> {
    const audioPath = await this.options.audioPathOf(takeId);
    if (!audioPath) throw new ServiceError('not-found', `${takeId} has no recording to transcribe`);
    if (this.closed) throw new ServiceError('conflict', 'Rehearse is quitting');
    const take = this.transcriber(takeId);
    this.takes.set(takeId, take);
    try {
      await readTakeSamples(audioPath, (samples) => take.append(samples));
    } catch (error) {
      if (this.takes.get(takeId) === take) this.takes.delete(takeId);
      const state: TranscriptionState = {
        ...take.current,
        status: 'failed',
        error: `Rehearse could not read the recording to transcribe it: ${error instanceof Error ? error.message : String(error)}`,
        errorCode: 'audio-unreadable',
      };
      this.finished.set(takeId, state);
      return state;
    }
    // Deleted (or the app quitting) while the file was read.
    if (this.takes.get(takeId) !== take) throw new ServiceError('not-found', `${takeId} was deleted`);
    this.startCompleting(takeId, take);
    return take.current;
  }

  private startCompleting(takeId: string, take: TakeTranscriber): void {
    const completing: Promise<void> = this.complete(takeId, take).finally(() => {
      if (this.completing.get(takeId) === completing) this.completing.delete(takeId);
    });
    this.completing.set(takeId, completing);
  }

  /** Saves a done transcript first, then reports the take finished; a deleted take's result is dropped. */
  private async complete(takeId: string, take: TakeTranscriber): Promise<void> {
    const state = explainDiskFull(await take.finish());
    if (this.takes.get(takeId) !== take) return;
    // A failed save (disk full) still reports the transcript: the renderer keeps its own copy, and the
    // take is transcribed again from its audio if it is ever asked for after a restart.
    if (state.status === 'done') {
      const saved = await this.save(state).then(
        () => true,
        () => false,
      );
      if (saved) this.options.onSaved?.(takeId);
    }
    this.takes.delete(takeId);
    this.finished.set(takeId, state);
  }

  private async save(state: TranscriptionState): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const target = path.join(this.dir, `${state.takeId}.json`);
    const temp = `${target}.tmp`;
    try {
      const handle = await fs.open(temp, 'w');
      try {
        await handle.writeFile(JSON.stringify(state));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await renameDurably(temp, target);
    } catch (error) {
      // A full disk must not leave half a transcript behind.
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  private readSaved(takeId: string): Promise<TranscriptionState | null> {
    return readSavedTranscription(this.dir, takeId);
  }
}

/** Removes the files in `workDir` whose names `matches` says are to go (never anything outside it). */
async function removeWorkFiles(workDir: string, matches: (name: string) => boolean): Promise<void> {
  const names = await fs.readdir(workDir).catch(() => [] as string[]);
  await Promise.all(names.filter(matches).map((name) => fs.rm(path.join(workDir, name), { force: true }).catch(() => undefined)));
}

/** A chunk file or the engine's output that did not fit on the disk: say so in words, and what to do. */
function explainDiskFull(state: TranscriptionState): TranscriptionState {
  if (state.status !== 'failed' || (state.errorCode !== 'ENOSPC' && state.errorCode !== 'EDQUOT')) return state;
  return {
    ...state,
    errorCode: 'disk-full',
    error: 'The disk is full, so this take could not be transcribed. Its recording is kept: free some space, then press Retry.',
  };
}
