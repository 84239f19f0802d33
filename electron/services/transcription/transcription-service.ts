// Owns every take's transcription: live takes are transcribed while they record (through the
// recording service's audio events), finished takes without a transcript (recovered ones, or ones
// recorded before a model was installed) are transcribed from their file when asked for. Finished
// transcripts are kept beside the recordings, so they are computed once.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TranscriptionState } from '../../shared/contract';
import { decodeWav, floatToInt16 } from '../audio/wav';
import { renameDurably } from '../files/durable-rename';
import type { TakeAudioListener } from '../recordings/recording-service';
import { ServiceError } from '../service-error';
import { TakeTranscriber, type Transcribe } from './take-transcriber';
import { readSavedTranscription } from './saved-transcription';
import { TranscriptionQueue } from './transcription-queue';

export interface TranscriptionServiceOptions {
  dataDir: string;
  /** Where a finished take's audio is: null when there is no such take. */
  wavPathOf(takeId: string): Promise<string | null>;
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

  constructor(private readonly options: TranscriptionServiceOptions) {
    this.dir = path.join(options.dataDir, 'transcripts');
  }

  started(takeId: string): void {
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

  async retry(takeId: string): Promise<TranscriptionState> {
    if (this.takes.has(takeId)) throw new ServiceError('conflict', `${takeId} is being transcribed already`);
    this.finished.delete(takeId);
    return this.fromFile(takeId);
  }

  private transcriber(takeId: string): TakeTranscriber {
    return new TakeTranscriber({
      takeId,
      queue: this.queue,
      workDir: path.join(this.dir, 'work'),
      now: this.options.now,
      transcribe: async (wavPath, options) => {
        const engine = await this.options.engine();
        if ('unavailable' in engine) throw Object.assign(new Error(engine.unavailable), { code: engine.code });
        return engine(wavPath, options);
      },
    });
  }

  /** Transcribes a finished take from its file, through the same path as a live one. */
  private async fromFile(takeId: string): Promise<TranscriptionState> {
    const wavPath = await this.options.wavPathOf(takeId);
    if (!wavPath) throw new ServiceError('not-found', `${takeId} has no recording to transcribe`);
    const take = this.transcriber(takeId);
    this.takes.set(takeId, take);
    const { channels } = decodeWav(await fs.readFile(wavPath));
    take.append(floatToInt16(channels[0] ?? new Float32Array(0)));
    this.startCompleting(takeId, take);
    return take.current;
  }

  private startCompleting(takeId: string, take: TakeTranscriber): void {
    const completing = this.complete(takeId, take).finally(() => this.completing.delete(takeId));
    this.completing.set(takeId, completing);
  }

  /** Saves a done transcript first, then reports the take finished. */
  private async complete(takeId: string, take: TakeTranscriber): Promise<void> {
    const state = await take.finish();
    // A failed save (disk full) still reports the transcript: the renderer keeps its own copy, and the
    // take is transcribed again from its audio if it is ever asked for after a restart.
    if (state.status === 'done') await this.save(state).catch(() => undefined);
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
