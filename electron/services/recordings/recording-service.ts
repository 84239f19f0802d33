// Owns recording in the main process: the renderer streams MediaRecorder's WebM (PCM) chunks, this
// turns them into 16 kHz mono samples and appends them to the take's WAV as they arrive. Chunks of one
// take are handled strictly in order; partial files from a crash are recovered when the service opens.
// The disk can fail at any point (full, or on Windows a scanner holding the new file): a take then
// stops with what reached the disk, and finishing it can be tried again until it is one listed take.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
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
  /** Finishing has begun (Stop, an error or quit): no more audio is taken. */
  ending: boolean;
  /** The listener heard `stopped` (once, at the first attempt to finish: it has every sample then). */
  told: boolean;
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isDiskError(error: unknown): boolean {
  return typeof (error as NodeJS.ErrnoException | null)?.code === 'string';
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
  /** Takes the service stopped itself (bad audio, a full disk): the renderer's Stop then gets the take. */
  private readonly endedEarly = new Set<string>();

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
    let writer: WavTakeWriter;
    try {
      await this.store.writeMeta(meta);
      writer = await WavTakeWriter.create(this.store.partialPath(takeId), this.store.wavPath(takeId), this.options);
    } catch (error) {
      await rm(this.store.metaPath(takeId), { force: true }).catch(() => undefined);
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const why = DISK_FULL.has(code) ? 'the disk is full' : `the recording could not be written to the disk (${errorText(error)})`;
      throw new ServiceError('internal', `Recording could not start: ${why}. Free some space and try again.`);
    }
    this.active.set(takeId, {
      meta,
      writer,
      demuxer: new WebmPcmDemuxer(),
      gaps: new GapDetector(),
      resampler: null,
      nextSeq: 0,
      queue: Promise.resolve(),
      ending: false,
      told: false,
    });
    this.options.listener?.started(takeId);
    return { takeId, fileName: path.basename(writer.finalPath), startedAt: meta.startedAt };
  }

  async chunk(takeId: string, seq: number, bytes: Uint8Array): Promise<{ receivedChunks: number; writtenMs: number }> {
    const take = this.take(takeId);
    return this.enqueue(take, async () => {
      if (this.active.get(takeId) !== take || take.ending) {
        throw new ServiceError('not-found', `${takeId} was stopped before chunk ${seq} arrived`);
      }
      if (seq !== take.nextSeq) {
        throw new ServiceError('conflict', `chunk ${seq} of ${takeId} is out of order: expected chunk ${take.nextSeq}`);
      }
      let blocks: ReturnType<WebmPcmDemuxer['push']>;
      try {
        blocks = take.demuxer.push(bytes);
      } catch (error) {
        // The stream can no longer be trusted: keep every sample written so far as a finished take.
        const kept = await this.endEarly(take);
        throw new ServiceError('bad-request', `chunk ${seq} of ${takeId} is not WebM PCM audio (${errorText(error)}); ${kept}`);
      }
      try {
        await this.write(take, blocks);
      } catch (error) {
        const kept = await this.endEarly(take);
        if (!isDiskError(error))
          throw new ServiceError('bad-request', `chunk ${seq} of ${takeId} could not be used (${errorText(error)}); ${kept}`);
        const code = (error as NodeJS.ErrnoException).code ?? '';
        const why = DISK_FULL.has(code) ? 'The disk is full' : `The recording could not be written to the disk (${code})`;
        throw new ServiceError('internal', `${why}: ${kept}; free some space to record again`);
      }
      take.nextSeq += 1;
      return { receivedChunks: take.nextSeq, writtenMs: Math.round(take.writer.writtenMs) };
    });
  }

  /**
   * Finishes the take. When the disk refuses (full, a file held), the take stays listed and open, and
   * Stop can be tried again; quitting leaves it for start-up recovery. A take the service stopped
   * itself answers its first Stop with the take.
   */
  async stop(takeId: string): Promise<TakeInfo> {
    if (!this.active.has(takeId) && this.endedEarly.delete(takeId)) return this.finishedInfo(takeId);
    const take = this.take(takeId);
    return this.enqueue(take, async () => {
      try {
        await this.finishTake(take);
      } catch (error) {
        throw new ServiceError(
          'internal',
          `Rehearse could not finish ${takeId} (${errorText(error)}). Every sample recorded so far is on disk: ` +
            `press Stop again to try once more; if it keeps failing, the take is recovered when Rehearse starts next.`,
        );
      }
      this.endedEarly.delete(takeId);
      return this.finishedInfo(takeId);
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

  /**
   * Finishes every take still open (the app is quitting): nothing recorded is left partial. A take the
   * disk will not let finish is closed as it is, and recovered at the next start.
   */
  async close(): Promise<void> {
    await Promise.all(
      [...this.active.values()].map((take) =>
        this.enqueue(take, async () => {
          try {
            await this.finishTake(take);
          } catch {
            await take.writer.abandon();
            this.active.delete(take.meta.takeId);
          }
        }),
      ),
    );
  }

  private async finishedInfo(takeId: string): Promise<TakeInfo> {
    const info = await this.store.info(takeId);
    if (!info) throw new ServiceError('internal', `${takeId} was stopped but its file is missing`);
    return info;
  }

  /** Stops a take the service cannot go on with; says what was kept (or that Stop can finish it). */
  private async endEarly(take: ActiveTake): Promise<string> {
    try {
      await this.finishTake(take);
      this.endedEarly.add(take.meta.takeId);
      return `the take was stopped and its first ${(take.writer.writtenMs / 1000).toFixed(1)} s were kept`;
    } catch (error) {
      return (
        `the take was stopped with its first ${(take.writer.writtenMs / 1000).toFixed(1)} s on disk, ` +
        `but could not be finished yet (${errorText(error)}): press Stop to try again`
      );
    }
  }

  /** The takes being recorded now (from memory: nothing is read from disk). */
  recordingIds(): Set<string> {
    return new Set(this.active.keys());
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

  /** Each step is done once; a step the disk refuses throws, and the next call goes on from there. */
  private async finishTake(take: ActiveTake): Promise<void> {
    if (this.active.get(take.meta.takeId) !== take) return;
    take.ending = true;
    const { resampler } = take;
    if (resampler) {
      take.resampler = null;
      // The resampler's last few ms; on a full disk they are lost, what was written is kept.
      await this.append(take, floatToInt16(resampler.flush())).catch(() => undefined);
      resampler.destroy();
    }
    if (!take.told) {
      take.told = true;
      this.options.listener?.stopped(take.meta.takeId);
    }
    await take.writer.finish();
    // The audio is final now. Without room for the new sidecar, the one written at start still names
    // the question, and the take is listed as complete from its file.
    await this.store.writeMeta({ ...take.meta, status: 'complete' }).catch(() => undefined);
    this.active.delete(take.meta.takeId);
  }
}
