// Compresses finished takes in the background, one at a time: a take as soon as its transcript is saved,
// and at start-up every WAV take that has one, oldest first (after finishing or undoing what a crash
// interrupted). It never competes with transcription: while a take is being recorded or transcribed it
// waits, and a compression under way when one starts stops (nothing left behind) and runs again later. A take whose compression fails (a full disk) keeps its WAV and is tried again later.
import { CompressError, compressTake, recoverCompression, type CompressResult } from './compress-take';
import type { TakeStore } from './take-store';

export interface AudioCompactorOptions {
  store: TakeStore;
  /** True when main has saved the take's transcript: only then may its WAV go. */
  hasTranscript(takeId: string): Promise<boolean>;
  /** True while anything is being recorded, transcribed or read from a take's audio. */
  busy(): boolean;
  log(message: string): void;
  compress?: (store: TakeStore, takeId: string, options: { interrupted(): boolean }) => Promise<CompressResult>;
  /** How long to wait before looking at the takes on disk (lets the app start first). Default 3 s. */
  startDelayMs?: number;
  /** How often to look again while busy. Default 500 ms. */
  pollMs?: number;
  /** When to try a failed take again. Default 5 minutes. */
  retryAfterMs?: number;
}

export class AudioCompactor {
  private readonly queue: string[] = [];
  /** Takes whose last compression failed, by why (cleared when one succeeds). */
  private readonly failed = new Map<string, CompressError | Error>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private running: Promise<void> | null = null;
  /** Ends the wait while busy early (on close). */
  private wake: (() => void) | null = null;
  private closed = false;

  constructor(private readonly options: AudioCompactorOptions) {}

  /** Schedules the start-up pass: crash leftovers first, then every WAV take with a transcript. */
  start(): void {
    this.later(this.options.startDelayMs ?? 3000, () => void this.startUp());
  }

  /** A take's transcript was saved: compress it when nothing else runs. */
  add(takeId: string): void {
    if (this.closed || this.queue.includes(takeId)) return;
    this.queue.push(takeId);
    this.kick();
  }

  /** What the person should know about takes that could not be compressed, in words; null when nothing. */
  notice(): string | null {
    if (this.failed.size === 0) return null;
    const count = this.failed.size;
    const takes = `${count} take${count === 1 ? '' : 's'}`;
    const diskFull = [...this.failed.values()].some((error) => error instanceof CompressError && error.problem === 'disk-full');
    if (diskFull) {
      return `The disk is full: ${takes} could not be made smaller yet. Nothing was lost (${count === 1 ? 'it is' : 'they are'} kept as recorded) and Rehearse tries again later; free some space to make room.`;
    }
    return `${takes} could not be made smaller and ${count === 1 ? 'is' : 'are'} kept as recorded; Rehearse tries again later.`;
  }

  /** Resolves once nothing is queued or being compressed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops taking work; waits for the take being compressed, if any (a crash mid-way is safe too). */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.wake?.();
    await this.running;
  }

  private async startUp(): Promise<void> {
    const { store, log } = this.options;
    try {
      const recovery = await recoverCompression(store);
      const fixed = recovery.finished.length + recovery.discarded.length + recovery.removedPartial.length;
      if (fixed > 0)
        log(
          `finished ${recovery.finished.length} and undid ${recovery.discarded.length + recovery.removedPartial.length} audio compression(s) a crash interrupted`,
        );
      const { wav } = await store.scan();
      const withStart = await Promise.all(
        wav.map(async (takeId) => ({ takeId, startedAt: (await store.readMeta(takeId))?.startedAt ?? Number.POSITIVE_INFINITY })),
      );
      for (const { takeId } of withStart.sort((a, b) => a.startedAt - b.startedAt)) this.add(takeId);
    } catch (error) {
      log(`could not look for takes to compress: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private kick(): void {
    if (this.running || this.closed) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.queue.length > 0 && !this.closed) this.kick();
    });
  }

  private async drain(): Promise<void> {
    const { store, log } = this.options;
    const compress = this.options.compress ?? compressTake;
    // Stops mid-way when a recording or transcription starts (or the app closes): tried again when idle.
    const interrupted = () => this.closed || this.options.busy();
    while (this.queue.length > 0 && !this.closed) {
      if (this.options.busy()) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.later(this.options.pollMs ?? 500, resolve);
        });
        this.wake = null;
        continue;
      }
      const takeId = this.queue.shift() as string;
      try {
        const stillWav = (await store.audio(takeId))?.format === 'wav';
        if (!stillWav) this.failed.delete(takeId);
        if (!stillWav || !(await this.options.hasTranscript(takeId))) continue;
        const result = await compress(store, takeId, { interrupted });
        this.failed.delete(takeId);
        log(`compressed ${takeId}: ${kb(result.wavBytes)} KB WAV to ${kb(result.opusBytes)} KB Ogg Opus`);
      } catch (error) {
        if (error instanceof CompressError && error.problem === 'interrupted') {
          if (!this.closed) this.queue.unshift(takeId);
          continue;
        }
        log(error instanceof Error ? error.message : String(error));
        // A file that is not a take WAV will not become one: only other failures are tried again (and told).
        if (!(error instanceof CompressError && error.problem === 'not-a-take')) {
          this.failed.set(takeId, error instanceof Error ? error : new Error(String(error)));
          this.later(this.options.retryAfterMs ?? 5 * 60_000, () => this.add(takeId));
        }
      }
    }
  }

  private later(ms: number, run: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref?.();
    this.timers.add(timer);
  }
}

const kb = (bytes: number) => Math.round(bytes / 1024);
