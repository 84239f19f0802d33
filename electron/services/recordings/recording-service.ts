// Owns recording in the main process: the renderer streams MediaRecorder's WebM (PCM) chunks, this
// turns them into 16 kHz mono samples and appends them to the take's WAV as they arrive. Chunks of one
// take are handled strictly in order; partial files from a crash are recovered when the service opens.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { TakeInfo } from '../../shared/contract';
import { createResampler, downmixToMono, type Resampler } from '../audio/resampler';
import { floatToInt16 } from '../audio/wav';
import { GapDetector, WebmPcmDemuxer } from '../audio/webm-pcm-demuxer';
import { ServiceError } from '../service-error';
import { recoverPartialTakes, type RecoveryReport } from './recover-partial-takes';
import { TakeStore, type TakeMeta } from './take-store';
import { TAKE_SAMPLE_RATE, WavTakeWriter } from './wav-take-writer';

interface ActiveTake {
  meta: TakeMeta;
  writer: WavTakeWriter;
  demuxer: WebmPcmDemuxer;
  gaps: GapDetector;
  resampler: Resampler | null;
  nextSeq: number;
  /** The tail of this take's work: every chunk and the stop wait for the one before. */
  queue: Promise<unknown>;
}

/** Told about each take's audio as it is written (transcription listens, to work while recording). */
export interface TakeAudioListener {
  started(takeId: string): void;
  audio(takeId: string, samples: Int16Array): void;
  stopped(takeId: string): void;
}

export interface RecordingServiceOptions {
  syncEveryMs?: number;
  now?: () => number;
  listener?: TakeAudioListener;
}

export class RecordingService {
  private readonly active = new Map<string, ActiveTake>();

  private constructor(
    readonly store: TakeStore,
    readonly recovery: RecoveryReport,
    private readonly options: RecordingServiceOptions,
  ) {}

  /** Opens `<dataDir>/recordings`, recovering what a crash left there first. */
  static async open(dataDir: string, options: RecordingServiceOptions = {}): Promise<RecordingService> {
    const store = new TakeStore(path.join(dataDir, 'recordings'));
    await store.ensure();
    const recovered = await recoverPartialTakes(store);
    return new RecordingService(store, recovered, options);
  }

  async start(questionId: string): Promise<{ takeId: string; fileName: string; startedAt: number }> {
    const now = this.options.now ?? Date.now;
    const takeId = `take-${now().toString(36)}${randomBytes(4).toString('hex')}`;
    const meta: TakeMeta = { takeId, questionId, startedAt: now(), status: 'recording', gaps: [] };
    await this.store.writeMeta(meta);
    const writer = await WavTakeWriter.create(this.store.partialPath(takeId), this.store.wavPath(takeId), this.options);
    this.active.set(takeId, {
      meta,
      writer,
      demuxer: new WebmPcmDemuxer(),
      gaps: new GapDetector(),
      resampler: null,
      nextSeq: 0,
      queue: Promise.resolve(),
    });
    this.options.listener?.started(takeId);
    return { takeId, fileName: path.basename(writer.finalPath), startedAt: meta.startedAt };
  }

  async chunk(takeId: string, seq: number, bytes: Uint8Array): Promise<{ receivedChunks: number; writtenMs: number }> {
    const take = this.take(takeId);
    return this.enqueue(take, async () => {
      if (this.active.get(takeId) !== take) throw new ServiceError('not-found', `${takeId} was stopped before chunk ${seq} arrived`);
      if (seq !== take.nextSeq) {
        throw new ServiceError('conflict', `chunk ${seq} of ${takeId} is out of order: expected chunk ${take.nextSeq}`);
      }
      try {
        await this.write(take, take.demuxer.push(bytes));
      } catch (error) {
        // The stream can no longer be trusted: keep every sample written so far as a finished take.
        await this.finishTake(take);
        throw new ServiceError(
          'bad-request',
          `chunk ${seq} of ${takeId} is not WebM PCM audio (${error instanceof Error ? error.message : String(error)}); ` +
            `the take was stopped and its first ${(take.writer.writtenMs / 1000).toFixed(1)} s were kept`,
        );
      }
      take.nextSeq += 1;
      return { receivedChunks: take.nextSeq, writtenMs: Math.round(take.writer.writtenMs) };
    });
  }

  async stop(takeId: string): Promise<TakeInfo> {
    const take = this.take(takeId);
    return this.enqueue(take, async () => {
      await this.finishTake(take);
      const info = await this.store.info(takeId);
      if (!info) throw new ServiceError('internal', `${takeId} was stopped but its file is missing`);
      return info;
    });
  }

  async list(): Promise<TakeInfo[]> {
    const { finished } = await this.store.scan();
    const infos = await Promise.all(finished.map((id) => this.store.info(id)));
    const recording = [...this.active.values()].map((take): TakeInfo => ({
      ...take.meta,
      durationMs: Math.round(take.writer.writtenMs),
      fileName: path.basename(take.writer.finalPath),
      bytes: take.writer.bytes,
    }));
    return [...infos.filter((info): info is TakeInfo => info !== null), ...recording].sort((a, b) => a.startedAt - b.startedAt);
  }

  /** Finishes every take still open (the app is quitting): nothing recorded is left partial. */
  async close(): Promise<void> {
    await Promise.all([...this.active.values()].map((take) => this.enqueue(take, () => this.finishTake(take))));
  }

  private take(takeId: string): ActiveTake {
    const take = this.active.get(takeId);
    if (!take) throw new ServiceError('not-found', `${takeId} is not being recorded`);
    return take;
  }

  private enqueue<T>(take: ActiveTake, work: () => Promise<T>): Promise<T> {
    const run = take.queue.then(work);
    take.queue = run.catch(() => undefined);
    return run;
  }

  private async write(take: ActiveTake, blocks: ReturnType<WebmPcmDemuxer['push']>): Promise<void> {
    for (const block of blocks) {
      const gap = take.gaps.check(block);
      if (gap) take.meta.gaps.push(gap);
      if (!take.resampler) {
        const format = take.demuxer.format;
        if (!format) throw new Error('audio arrived before its format');
        take.resampler = await createResampler(format.sampleRate, TAKE_SAMPLE_RATE);
      }
      await this.append(take, floatToInt16(take.resampler.process(downmixToMono(block.channels))));
    }
  }

  private async append(take: ActiveTake, samples: Int16Array): Promise<void> {
    await take.writer.append(samples);
    this.options.listener?.audio(take.meta.takeId, samples);
  }

  private async finishTake(take: ActiveTake): Promise<void> {
    if (!this.active.delete(take.meta.takeId)) return;
    if (take.resampler) {
      await this.append(take, floatToInt16(take.resampler.flush()));
      take.resampler.destroy();
    }
    await take.writer.finish();
    await this.store.writeMeta({ ...take.meta, status: 'complete' });
    this.options.listener?.stopped(take.meta.takeId);
  }
}
