// Runs transcription jobs one at a time, in the order they were added: whisper.cpp already uses both
// cores, so two jobs at once would only slow each other (and the recording) down. A job can be
// cancelled while it waits or while it runs; cancelling a running job aborts its signal, and the
// engine kills its process.

export interface Job<T> {
  /** Jobs with the same key can be cancelled together (a take's chunks). */
  key: string;
  run(signal: AbortSignal): Promise<T>;
}

interface Entry {
  key: string;
  start(): void;
  abort(reason: Error): void;
}

export class CancelledError extends Error {
  constructor(message = 'cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export class TranscriptionQueue {
  private readonly waiting: Entry[] = [];
  private running: Entry | null = null;

  get busy(): boolean {
    return this.running !== null;
  }

  get pending(): number {
    return this.waiting.length + (this.running ? 1 : 0);
  }

  add<T>(job: Job<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const controller = new AbortController();
      let started = false;
      const entry: Entry = {
        key: job.key,
        start: () => {
          started = true;
          // The queue moves on before the caller hears the outcome, so it never sees a finished job as busy.
          job.run(controller.signal).then(
            (value) => {
              this.next(entry);
              resolve(value);
            },
            (error: unknown) => {
              this.next(entry);
              reject(error);
            },
          );
        },
        abort: (reason) => {
          if (started) {
            controller.abort(reason);
          } else {
            this.waiting.splice(this.waiting.indexOf(entry), 1);
            reject(reason);
          }
        },
      };
      this.waiting.push(entry);
      if (!this.running) this.next(null);
    });
  }

  /** Cancels every waiting and running job with this key. */
  cancel(key: string): void {
    const reason = new CancelledError();
    for (const entry of this.waiting.filter((e) => e.key === key)) entry.abort(reason);
    if (this.running?.key === key) this.running.abort(reason);
  }

  private next(finished: Entry | null): void {
    if (finished && this.running !== finished) return;
    this.running = this.waiting.shift() ?? null;
    this.running?.start();
  }
}
