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
  /** Settles when the job has (it never rejects): a cancelled engine has exited by then. */
  settled: Promise<void>;
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
      let settle = () => {};
      const entry: Entry = {
        key: job.key,
        settled: new Promise<void>((done) => (settle = done)),
        start: () => {
          started = true;
          // The queue moves on before the caller hears the outcome, so it never sees a finished job as busy.
          job.run(controller.signal).then(
            (value) => {
              this.next(entry);
              settle();
              resolve(value);
            },
            (error: unknown) => {
              this.next(entry);
              settle();
              reject(error);
            },
          );
        },
        abort: (reason) => {
          if (started) {
            controller.abort(reason);
          } else {
            this.waiting.splice(this.waiting.indexOf(entry), 1);
            settle();
            reject(reason);
          }
        },
      };
      this.waiting.push(entry);
      if (!this.running) this.next(null);
    });
  }

  /** Cancels every waiting and running job with this key; resolves once the running one has stopped. */
  cancel(key: string): Promise<void> {
    return this.cancelWhere((entry) => entry.key === key);
  }

  /** Cancels every job (the app is quitting); resolves once the running one has stopped. */
  cancelAll(): Promise<void> {
    return this.cancelWhere(() => true);
  }

  private async cancelWhere(matches: (entry: Entry) => boolean): Promise<void> {
    const reason = new CancelledError();
    // The waiting ones first, so the queue does not start one of them when the running one stops.
    for (const entry of this.waiting.filter(matches)) entry.abort(reason);
    const running = this.running && matches(this.running) ? this.running : null;
    running?.abort(reason);
    await running?.settled;
  }

  private next(finished: Entry | null): void {
    if (finished && this.running !== finished) return;
    this.running = this.waiting.shift() ?? null;
    this.running?.start();
  }
}
