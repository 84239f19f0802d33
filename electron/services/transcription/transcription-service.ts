// Owns every take's transcription: live takes are transcribed while they record (through the
// recording service's audio events), finished takes without a transcript (recovered ones, or ones
// recorded before a model was installed) are transcribed from their file when asked for. Finished
// transcripts are kept beside the recordings, so they are computed once.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TranscriptionState } from '../../shared/contract';
import { readTakeAudio } from '../audio/read-take-audio';
import { floatToInt16 } from '../audio/wav';
import type { TakeAudioListener } from '../recordings/recording-service';
import { ServiceError } from '../service-error';
import { TakeTranscriber, type Transcribe } from './take-transcriber';
import { readSavedTranscription } from './saved-transcription';
import { TranscriptionQueue } from './transcription-queue';

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

/** Where the engine's audio for each chunk is written while it runs; only ever holds files of this run. */
export const transcriptionWorkDir = (dataDir: string): string => path.join(dataDir, 'transcripts', 'work');

/** Removes the engine audio a crash or a kill left while a chunk was transcribed: call before any transcription. */
export async function clearTranscriptionWork(dataDir: string): Promise<void> {
  await fs.rm(transcriptionWorkDir(dataDir), { recursive: true, force: true });
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

  /** True while any take is being recorded or transcribed. */
  get busy(): boolean {
    return this.takes.size > 0;
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
      workDir: transcriptionWorkDir(this.options.dataDir),
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
    const audioPath = await this.options.audioPathOf(takeId);
    if (!audioPath) throw new ServiceError('not-found', `${takeId} has no recording to transcribe`);
    const take = this.transcriber(takeId);
    this.takes.set(takeId, take);
    // A compressed take is decoded back to the 16 kHz samples the engine reads.
    take.append(floatToInt16((await readTakeAudio(audioPath)).samples));
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
    await fs.writeFile(`${target}.tmp`, JSON.stringify(state));
    await fs.rename(`${target}.tmp`, target);
  }

  private readSaved(takeId: string): Promise<TranscriptionState | null> {
    return readSavedTranscription(this.dir, takeId);
  }
}
